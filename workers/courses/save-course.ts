import { and, eq, sql } from "drizzle-orm";
import { communityTiers, courses } from "../db/d1/schema";
import { requireOwner } from "../communities/manage-community";
import type { Deps } from "../lib/context";
import { AppError, type FieldError } from "../lib/errors";
import { newId } from "../lib/ids";
import { contentIds, prepareContent } from "./course-document";
import { contentOf, ownedCourse } from "./course-access";
import { courseProgress } from "./course-progress";
import { courseView } from "./course-view";
import type { CourseInput } from "./schemas";

/**
 * Checks what the schema cannot (tiers of this community, ids this course already has) and
 * builds the stored row's fields. Every problem is reported at once and nothing is written.
 */
async function prepare(deps: Deps, communityId: string, input: CourseInput, known: Set<string>) {
  const tiers = await deps.db.select({ id: communityTiers.id }).from(communityTiers).where(eq(communityTiers.communityId, communityId));
  const errors: FieldError[] = [];
  input.tierIds.forEach((t, i) => {
    if (!tiers.some((x) => x.id === t)) errors.push({ path: `body.tierIds.${i}`, message: "Not one of this community's tiers" });
  });
  const { content, errors: contentErrors } = prepareContent(input.modules, known);
  errors.push(...contentErrors);
  if (errors.length) throw new AppError("validation_failed", "Some fields are missing or invalid.", errors);
  return { title: input.title, summary: input.summary, tierIds: [...new Set(input.tierIds)], status: input.status, content };
}

/** The community's owner adds a course (a draft unless they say otherwise), after the others. */
export async function createCourse(deps: Deps, slug: string, userId: string, input: CourseInput) {
  const community = await requireOwner(deps, slug, userId);
  const fields = await prepare(deps, community.id, input, new Set());
  const last = await deps.db.select({ n: sql<number | null>`max(${courses.position})` }).from(courses).where(eq(courses.communityId, community.id)).get();
  const now = deps.now();
  const [row] = await deps.db
    .insert(courses)
    .values({ id: newId("course"), communityId: community.id, ...fields, position: last?.n == null ? 0 : Number(last.n) + 1, createdAt: now, updatedAt: now })
    .returning();
  return courseView(row!, community, true, await courseProgress(deps, userId, row!.id, fields.content));
}

/** Saves the whole course. Ids the client sends back are kept, so learners' progress survives the edit. */
export async function replaceCourse(deps: Deps, courseId: string, userId: string, input: CourseInput) {
  const { course, community } = await ownedCourse(deps, courseId, userId);
  const fields = await prepare(deps, community.id, input, contentIds(contentOf(course)));
  const [row] = await deps.db
    .update(courses)
    .set({ ...fields, updatedAt: Math.max(deps.now(), course.updatedAt + 1) })
    .where(and(eq(courses.id, course.id), eq(courses.communityId, community.id)))
    .returning();
  if (!row) throw new AppError("not_found", `No course ${courseId} that you manage.`);
  return courseView(row, community, true, await courseProgress(deps, userId, row.id, fields.content));
}
