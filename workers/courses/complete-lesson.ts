import { and, eq } from "drizzle-orm";
import { lessonCompletions } from "../db/d1/schema";
import type { Actor } from "../lib/context";
import { AppError } from "../lib/errors";
import { findLesson } from "./course-document";
import { openCourse } from "./course-access";
import { trackLearning, type LearningDeps } from "./course-events";
import { courseProgress, progressSummary } from "./course-progress";

/** Marks a lesson done. Idempotent: a repeat keeps the first completion and reports no new event. */
export async function completeLesson(deps: LearningDeps, actor: Actor | null, courseId: string, lessonId: string) {
  const { course, community, userId, content } = await openCourse(deps, actor, courseId);
  if (!findLesson(content, lessonId)) throw new AppError("not_found", `No lesson ${lessonId} in this course.`);
  const inserted = await deps.db
    .insert(lessonCompletions)
    .values({ courseId: course.id, lessonId, userId, completedAt: deps.now() })
    .onConflictDoNothing()
    .returning({ completedAt: lessonCompletions.completedAt });
  const first = inserted[0];
  const row = first ?? (await deps.db.select({ completedAt: lessonCompletions.completedAt }).from(lessonCompletions).where(and(eq(lessonCompletions.lessonId, lessonId), eq(lessonCompletions.userId, userId))).get());
  if (first) await trackLearning(deps, community, { kind: "lesson.completed", courseId: course.id, lessonId, userId });
  return {
    lessonId,
    completedAt: new Date(row!.completedAt).toISOString(),
    alreadyCompleted: !first,
    progress: progressSummary(await courseProgress(deps, userId, course.id, content)),
  };
}
