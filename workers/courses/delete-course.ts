import { eq } from "drizzle-orm";
import { assessmentAttempts, courses, lessonCompletions } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { ownedCourse } from "./course-access";

/** The owner removes a course, and with it every learner's completions and attempts (one batch). */
export async function deleteCourse(deps: Deps, courseId: string, userId: string) {
  const { course } = await ownedCourse(deps, courseId, userId);
  await deps.db.batch([
    deps.db.delete(assessmentAttempts).where(eq(assessmentAttempts.courseId, course.id)),
    deps.db.delete(lessonCompletions).where(eq(lessonCompletions.courseId, course.id)),
    deps.db.delete(courses).where(eq(courses.id, course.id)),
  ]);
}
