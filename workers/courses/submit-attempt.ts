import { and, eq, sql } from "drizzle-orm";
import { assessmentAttempts } from "../db/d1/schema";
import type { Actor } from "../lib/context";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { findAssessment, type Question } from "./course-document";
import { openCourse } from "./course-access";
import { outboxInsert } from "../events/event-outbox";
import { learningEvent, sendLearning, type LearningDeps } from "./course-events";
import { checkAnswers, scoreAssessment, type Answers } from "./score-assessment";

/** Concurrent submissions can take the same attempt number; the loser recounts this many times before giving up. */
const INSERT_TRIES = 3;

/**
 * Scores and records one attempt. The attempt limit holds under concurrency: the attempt number
 * is (attempts so far + 1) and unique per learner and assessment, so of two submissions racing
 * for the last attempt exactly one is stored; the other recounts and is refused.
 */
export async function submitAttempt(deps: LearningDeps, actor: Actor | null, courseId: string, assessmentId: string, answers: Answers) {
  const { course, community, userId, content } = await openCourse(deps, actor, courseId);
  const assessment = findAssessment(content, assessmentId);
  if (!assessment) throw new AppError("not_found", `No assessment ${assessmentId} in this course.`);
  const problems = checkAnswers(assessment, answers);
  if (problems.length) throw new AppError("validation_failed", "Some answers are missing or invalid.", problems);
  const scored = scoreAssessment(assessment, answers);

  for (let tries = 0; tries < INSERT_TRIES; tries++) {
    const so = await deps.db
      .select({ used: sql<number>`count(*)`, passed: sql<number | null>`max(${assessmentAttempts.passed})` })
      .from(assessmentAttempts)
      .where(and(eq(assessmentAttempts.assessmentId, assessment.id), eq(assessmentAttempts.userId, userId)))
      .get();
    const used = Number(so?.used ?? 0);
    if (used >= assessment.maxAttempts) {
      throw new AppError("attempts_exhausted", `You have used all ${assessment.maxAttempts} attempts at this assessment.`);
    }
    const attempt = used + 1;
    const attemptsLeft = assessment.maxAttempts - attempt;
    const reveal = scored.passed || Number(so?.passed ?? 0) === 1 || attemptsLeft === 0;
    const feedback = assessment.questions.map((q, i) => ({
      questionId: q.id,
      correct: scored.results[i]!.correct,
      ...(q.explanation ? { explanation: q.explanation } : {}),
      ...(reveal ? expectedOf(q) : {}),
    }));
    const id = newId("attempt");
    const now = deps.now();
    const event = learningEvent(deps, community, { kind: "assessment.submitted", courseId: course.id, assessmentId: assessment.id, userId, scorePct: scored.scorePct, passed: scored.passed });
    try {
      // The attempt and its event in one batch: both are stored, or neither.
      await deps.db.batch([
        deps.db.insert(assessmentAttempts).values({ id, courseId: course.id, assessmentId: assessment.id, userId, attempt, scorePct: scored.scorePct, passed: scored.passed, answers, feedback, createdAt: now }),
        outboxInsert(deps.db, [event], now),
      ]);
    } catch (e) {
      if (isUniqueViolation(e)) continue;
      throw e;
    }
    sendLearning(deps, event);
    return { id, attempt, scorePct: scored.scorePct, passed: scored.passed, attemptsLeft, feedback };
  }
  throw new AppError("conflict", "Another attempt was being saved at the same moment; try again.");
}

/** The right answer, shown once the learner has passed or has no attempts left. A pattern is never shown. */
function expectedOf(q: Question): { expected?: number | number[] | string[] } {
  if (q.kind === "short") return q.accepted.length ? { expected: q.accepted } : {};
  return { expected: q.correct };
}
