import { RE2JS } from "re2js";
import type { FieldError } from "../lib/errors";
import type { Assessment, Question } from "./course-document";

/**
 * Scoring an attempt: pure (no database, no clock), so the rules are unit-tested on their own.
 * single = the exact option; multiple = exactly the set of correct options; short = one of the
 * accepted strings after normalising case and spaces, or the owner's pattern (anchored, case-insensitive).
 */
export type Answer = number | number[] | string;
export type Answers = Record<string, Answer>;

export const MAX_SHORT_ANSWER = 500;

/** Case- and space-insensitive form of a short answer: trimmed, inner runs of whitespace as one space, lower case. */
export const normaliseShort = (s: string) => s.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The owner's pattern as it is matched: the whole answer, case-insensitive, by RE2 (re2js), which
 * runs in time linear in the answer whatever the pattern, so an owner's `(a+)+$` cannot pin the
 * isolate. RE2 syntax has no backreferences or lookaround; such a pattern throws (as does a
 * malformed one), which authoring reports as a 422 on the field.
 */
export const compilePattern = (source: string) => RE2JS.compile(`^(?:${source})$`, RE2JS.CASE_INSENSITIVE);

/** Whether the answer matches the owner's pattern. A stored pattern RE2 cannot compile (saved before patterns were checked against it) matches nothing. */
function matchesPattern(source: string, answer: string): boolean {
  let re: ReturnType<typeof compilePattern>;
  try {
    re = compilePattern(source);
  } catch {
    return false;
  }
  return re.test(answer);
}

/** What is wrong with a set of answers before it can be scored: every question answered, each with the right kind of value. */
export function checkAnswers(assessment: Assessment, answers: Answers, where = "body.answers"): FieldError[] {
  const errors: FieldError[] = [];
  const ids = new Set(assessment.questions.map((q) => q.id));
  for (const key of Object.keys(answers)) if (!ids.has(key)) errors.push({ path: `${where}.${key}`, message: "Not a question in this assessment" });
  for (const q of assessment.questions) {
    const path = `${where}.${q.id}`;
    const a = answers[q.id];
    if (a === undefined) {
      errors.push({ path, message: "Answer this question" });
      continue;
    }
    const message = answerProblem(q, a);
    if (message) errors.push({ path, message });
  }
  return errors;
}

function answerProblem(q: Question, a: Answer): string | null {
  const optionCount = q.kind === "short" ? 0 : q.options.length;
  const isOption = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 0 && n < optionCount;
  switch (q.kind) {
    case "single":
      if (typeof a !== "number") return "Pick one option (its index)";
      return isOption(a) ? null : "No such option";
    case "multiple":
      if (!Array.isArray(a)) return "Pick options (a list of indexes)";
      if (!a.every(isOption)) return "No such option";
      return new Set(a).size === a.length ? null : "An option is picked twice";
    case "short":
      if (typeof a !== "string") return "Write an answer";
      if (a.length > MAX_SHORT_ANSWER) return `At most ${MAX_SHORT_ANSWER} characters`;
      return a.trim() ? null : "Write an answer";
  }
}

/** Whether one (well-formed) answer is right. */
export function isCorrect(q: Question, a: Answer): boolean {
  switch (q.kind) {
    case "single":
      return a === q.correct;
    case "multiple": {
      if (!Array.isArray(a)) return false;
      const picked = new Set(a);
      return picked.size === q.correct.length && q.correct.every((i) => picked.has(i));
    }
    case "short": {
      if (typeof a !== "string") return false;
      const given = normaliseShort(a);
      if (q.accepted.some((s) => normaliseShort(s) === given)) return true;
      return q.pattern !== null && matchesPattern(q.pattern, a.trim());
    }
  }
}

export interface Scored {
  scorePct: number;
  passed: boolean;
  results: { questionId: string; correct: boolean }[];
}

/** scorePct = round(100 × correct / total); passed = scorePct ≥ the pass mark. Missing answers count as wrong. */
export function scoreAssessment(assessment: Pick<Assessment, "questions" | "passMarkPct">, answers: Answers): Scored {
  const results = assessment.questions.map((q) => {
    const a = answers[q.id];
    return { questionId: q.id, correct: a !== undefined && isCorrect(q, a) };
  });
  const total = results.length;
  const scorePct = total === 0 ? 0 : Math.round((100 * results.filter((r) => r.correct).length) / total);
  return { scorePct, passed: total > 0 && scorePct >= assessment.passMarkPct, results };
}
