import { and, eq, sql } from "drizzle-orm";
import { assessmentAttempts, courses, lessonCompletions } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { assessmentsOf, lessonIds, type CourseContent } from "./course-document";

export interface AttemptStats {
  used: number;
  best: number;
  passed: boolean;
}

/** A learner's standing in one course. Only lessons and assessments still in the course count. */
export function summariseProgress(content: CourseContent, completed: Set<string>, attempts: Map<string, AttemptStats>) {
  const lessons = lessonIds(content);
  const completedLessonIds = lessons.filter((id) => completed.has(id));
  const assessments = assessmentsOf(content).map((a) => {
    const s = attempts.get(a.id);
    const used = s?.used ?? 0;
    return { assessmentId: a.id, attemptsUsed: used, attemptsLeft: Math.max(0, a.maxAttempts - used), bestScorePct: s ? s.best : null, passed: s?.passed ?? false };
  });
  const passedAssessments = assessments.filter((a) => a.passed).length;
  const total = lessons.length + assessments.length;
  return {
    completedLessons: completedLessonIds.length,
    totalLessons: lessons.length,
    passedAssessments,
    totalAssessments: assessments.length,
    pct: total === 0 ? 0 : Math.round((100 * (completedLessonIds.length + passedAssessments)) / total),
    completedLessonIds,
    assessments,
  };
}

export const progressSummary = ({ completedLessons, totalLessons, passedAssessments, totalAssessments, pct }: ReturnType<typeof summariseProgress>) => ({
  completedLessons,
  totalLessons,
  passedAssessments,
  totalAssessments,
  pct,
});

/** The learner's completions and attempt stats for one course, or for every course of a community. */
async function progressRows(deps: Deps, userId: string, scope: { courseId: string } | { communityId: string }) {
  const inScope = "courseId" in scope ? eq(courses.id, scope.courseId) : eq(courses.communityId, scope.communityId);
  const [done, tries] = await Promise.all([
    deps.db
      .select({ courseId: lessonCompletions.courseId, lessonId: lessonCompletions.lessonId })
      .from(lessonCompletions)
      .innerJoin(courses, eq(courses.id, lessonCompletions.courseId))
      .where(and(eq(lessonCompletions.userId, userId), inScope)),
    deps.db
      .select({
        assessmentId: assessmentAttempts.assessmentId,
        used: sql<number>`count(*)`,
        best: sql<number>`max(${assessmentAttempts.scorePct})`,
        passed: sql<number>`max(${assessmentAttempts.passed})`,
      })
      .from(assessmentAttempts)
      .innerJoin(courses, eq(courses.id, assessmentAttempts.courseId))
      .where(and(eq(assessmentAttempts.userId, userId), inScope))
      .groupBy(assessmentAttempts.assessmentId),
  ]);
  return {
    completed: new Set(done.map((d) => d.lessonId)),
    attempts: new Map(tries.map((t) => [t.assessmentId, { used: Number(t.used), best: Number(t.best), passed: Number(t.passed) === 1 }])),
  };
}

export async function courseProgress(deps: Deps, userId: string, courseId: string, content: CourseContent) {
  const { completed, attempts } = await progressRows(deps, userId, { courseId });
  return summariseProgress(content, completed, attempts);
}

/** Progress in every course of a community at once (two queries, whatever the number of courses). */
export async function communityProgress(deps: Deps, userId: string, communityId: string) {
  return progressRows(deps, userId, { communityId });
}
