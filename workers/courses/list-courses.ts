import { and, asc, eq } from "drizzle-orm";
import { courses } from "../db/d1/schema";
import { communityBySlug, mayEnter, membership } from "../communities/community-access";
import type { Actor, Deps } from "../lib/context";
import { assessmentsOf, lessonIds } from "./course-document";
import { contentOf } from "./course-access";
import { communityProgress, progressSummary, summariseProgress } from "./course-progress";

/**
 * A community's courses as the caller sees them: the owner sees drafts too; everyone else sees
 * the published ones, `locked` unless their membership and tier open them, with their progress.
 */
export async function listCourses(deps: Deps, actor: Actor | null, slug: string) {
  const community = await communityBySlug(deps, slug);
  const userId = actor?.kind === "user" ? actor.userId : null;
  const member = await membership(deps, community.id, userId);
  const isOwner = member?.role === "owner";
  const rows = await deps.db
    .select()
    .from(courses)
    .where(isOwner ? eq(courses.communityId, community.id) : and(eq(courses.communityId, community.id), eq(courses.status, "published")))
    .orderBy(asc(courses.position), asc(courses.createdAt));
  const { completed, attempts } = userId ? await communityProgress(deps, userId, community.id) : { completed: new Set<string>(), attempts: new Map() };
  return rows.map((course) => {
    const content = contentOf(course);
    return {
      id: course.id,
      title: course.title,
      summary: course.summary,
      tierIds: course.tierIds,
      status: course.status,
      position: course.position,
      locked: !mayEnter(member, course),
      moduleCount: content.modules.length,
      lessonCount: lessonIds(content).length,
      assessmentCount: assessmentsOf(content).length,
      updatedAt: new Date(course.updatedAt).toISOString(),
      progress: progressSummary(summariseProgress(content, completed, attempts)),
    };
  });
}
