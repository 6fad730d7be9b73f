import { and, eq, sql } from "drizzle-orm";
import { lessonCompletions } from "../db/d1/schema";
import { outboxInsertIf } from "../events/event-outbox";
import { eventIdFor } from "../events/track";
import type { Actor } from "../lib/context";
import { AppError } from "../lib/errors";
import { findLesson } from "./course-document";
import { openCourse } from "./course-access";
import { learningEvent, sendLearning, type LearningDeps } from "./course-events";
import { courseProgress, progressSummary } from "./course-progress";

/**
 * Marks a lesson done. Idempotent: a repeat keeps the first completion and reports no new event.
 * The completion and its `lesson.completed` event are one D1 batch: the event is parked in the
 * outbox only when this call stored the completion, with an id derived from (lesson, learner).
 */
export async function completeLesson(deps: LearningDeps, actor: Actor | null, courseId: string, lessonId: string) {
  const { course, community, userId, content } = await openCourse(deps, actor, courseId);
  if (!findLesson(content, lessonId)) throw new AppError("not_found", `No lesson ${lessonId} in this course.`);
  const completedAt = deps.now();
  const event = learningEvent(deps, community, { kind: "lesson.completed", courseId: course.id, lessonId, userId }, eventIdFor(`lesson.completed:${lessonId}:${userId}`));
  const [inserted] = await deps.db.batch([
    deps.db.insert(lessonCompletions).values({ courseId: course.id, lessonId, userId, completedAt }).onConflictDoNothing().returning({ completedAt: lessonCompletions.completedAt }),
    outboxInsertIf(deps.db, event, completedAt, sql`select 1 from ${lessonCompletions} where ${lessonCompletions.lessonId} = ${lessonId} and ${lessonCompletions.userId} = ${userId} and ${lessonCompletions.completedAt} = ${completedAt}`),
  ]);
  const first = inserted[0];
  const row = first ?? (await deps.db.select({ completedAt: lessonCompletions.completedAt }).from(lessonCompletions).where(and(eq(lessonCompletions.lessonId, lessonId), eq(lessonCompletions.userId, userId))).get());
  if (first) sendLearning(deps, event);
  return {
    lessonId,
    completedAt: new Date(row!.completedAt).toISOString(),
    alreadyCompleted: !first,
    progress: progressSummary(await courseProgress(deps, userId, course.id, content)),
  };
}
