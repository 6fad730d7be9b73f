import type { Actor, Deps } from "../lib/context";
import { openCourse } from "./course-access";
import { courseProgress } from "./course-progress";
import { courseView } from "./course-view";

/** One course for someone allowed to take it (owners: drafts and answers too), with their progress. */
export async function getCourse(deps: Deps, actor: Actor | null, courseId: string) {
  const { course, community, isOwner, userId, content } = await openCourse(deps, actor, courseId);
  return courseView(course, community, isOwner, await courseProgress(deps, userId, course.id, content));
}
