import { eq } from "drizzle-orm";
import { communities, courses } from "../db/d1/schema";
import { mayEnter, membership } from "../communities/community-access";
import { requireOwner } from "../communities/manage-community";
import type { Actor, Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { requireUser } from "../lib/tenancy";
import type { CourseContent } from "./course-document";

export type CourseRow = typeof courses.$inferSelect;
export type CommunityRow = typeof communities.$inferSelect;

export const contentOf = (course: CourseRow) => course.content as CourseContent;

const noCourse = (courseId: string) => new AppError("not_found", `No course ${courseId}.`);

async function courseWithCommunity(deps: Deps, courseId: string) {
  const found = await deps.db.select({ course: courses, community: communities }).from(courses).innerJoin(communities, eq(communities.id, courses.communityId)).where(eq(courses.id, courseId)).get();
  if (!found) throw noCourse(courseId);
  return found;
}

/** A course its community's owner is editing; others get 403 (members) or 404 (everyone else). */
export async function ownedCourse(deps: Deps, courseId: string, userId: string) {
  const { course, community } = await courseWithCommunity(deps, courseId);
  try {
    await requireOwner(deps, community.slug, userId);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") throw new AppError("not_found", `No course ${courseId} that you manage.`);
    throw e;
  }
  return { course, community };
}

/**
 * A course as a learner opens it: signed in (401), the course published unless they own the
 * community (a draft is a 404 to everyone else), an active member whose tier opens it (403).
 */
export async function openCourse(deps: Deps, actor: Actor | null, courseId: string) {
  const { userId } = requireUser(actor);
  const { course, community } = await courseWithCommunity(deps, courseId);
  const member = await membership(deps, community.id, userId);
  const isOwner = member?.role === "owner";
  if (course.status !== "published" && !isOwner) throw noCourse(courseId);
  if (!member) throw new AppError("forbidden", "Join this community to take its courses.");
  if (member.status !== "active") throw new AppError("forbidden", "You cannot take this community's courses.");
  if (!mayEnter(member, course)) throw new AppError("forbidden", "This course is for members of another tier.");
  return { course, community, member, isOwner, userId, content: contentOf(course) };
}
