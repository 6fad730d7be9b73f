import { sanitizeHtml } from "../catalog/sanitize-html";
import type { FieldError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { ModuleInput } from "./schemas";

/**
 * A course's content as stored in `courses.content`: modules → lessons and an optional
 * assessment. Every module, lesson, assessment and question has a stable id, so completions
 * and attempts (keyed by those ids) survive edits that keep them.
 */
export interface Download {
  label: string;
  url: string;
}
export interface Lesson {
  id: string;
  title: string;
  body: string;
  videoUrl: string | null;
  downloads: Download[];
}
export type Question =
  | { id: string; kind: "single"; prompt: string; options: string[]; correct: number; explanation: string }
  | { id: string; kind: "multiple"; prompt: string; options: string[]; correct: number[]; explanation: string }
  | { id: string; kind: "short"; prompt: string; accepted: string[]; pattern: string | null; explanation: string };
export interface Assessment {
  id: string;
  title: string;
  passMarkPct: number;
  maxAttempts: number;
  questions: Question[];
}
export interface Module {
  id: string;
  title: string;
  summary: string;
  lessons: Lesson[];
  assessment: Assessment | null;
}
export interface CourseContent {
  modules: Module[];
}

/** The stored document can be at most this many bytes of JSON (a D1 row holds 2 MB). */
export const MAX_CONTENT_BYTES = 1_000_000;

/** Every id in a document, for checking that a save only keeps ids the course already has. */
export function contentIds(content: CourseContent): Set<string> {
  const ids = new Set<string>();
  for (const m of content.modules) {
    ids.add(m.id);
    for (const l of m.lessons) ids.add(l.id);
    if (m.assessment) {
      ids.add(m.assessment.id);
      for (const q of m.assessment.questions) ids.add(q.id);
    }
  }
  return ids;
}

/**
 * Turns validated input into the stored document: lesson bodies sanitised, missing ids made.
 * A given id must be one the course already has (so ids stay unique across courses, and
 * progress cannot be pointed at another course's lessons) and may appear only once.
 */
export function prepareContent(modules: ModuleInput[], known: Set<string>, where = "body.modules"): { content: CourseContent; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const keep = (id: string | undefined, kind: "module" | "lesson" | "assessment" | "question", path: string) => {
    if (id === undefined) return newId(kind);
    if (!known.has(id)) errors.push({ path: `${path}.id`, message: `Not one of this course's ids; leave it out for a new ${kind}` });
    else if (seen.has(id)) errors.push({ path: `${path}.id`, message: "This id is used twice" });
    seen.add(id);
    return id;
  };
  const content: CourseContent = {
    modules: modules.map((m, mi) => {
      const mp = `${where}.${mi}`;
      return {
        id: keep(m.id, "module", mp),
        title: m.title,
        summary: m.summary,
        lessons: m.lessons.map((l, li) => ({
          id: keep(l.id, "lesson", `${mp}.lessons.${li}`),
          title: l.title,
          body: sanitizeHtml(l.body),
          videoUrl: l.videoUrl || null,
          downloads: l.downloads.map((d) => ({ label: d.label, url: d.url })),
        })),
        assessment: m.assessment
          ? {
              id: keep(m.assessment.id, "assessment", `${mp}.assessment`),
              title: m.assessment.title,
              passMarkPct: m.assessment.passMarkPct,
              maxAttempts: m.assessment.maxAttempts,
              questions: m.assessment.questions.map((q, qi): Question => {
                const id = keep(q.id, "question", `${mp}.assessment.questions.${qi}`);
                if (q.kind === "single") return { id, kind: q.kind, prompt: q.prompt, options: q.options, correct: q.correct, explanation: q.explanation };
                if (q.kind === "multiple") return { id, kind: q.kind, prompt: q.prompt, options: q.options, correct: [...q.correct].sort((a, b) => a - b), explanation: q.explanation };
                return { id, kind: q.kind, prompt: q.prompt, accepted: q.accepted, pattern: q.pattern?.trim() ? q.pattern : null, explanation: q.explanation };
              }),
            }
          : null,
      };
    }),
  };
  if (!errors.length && new TextEncoder().encode(JSON.stringify(content)).byteLength > MAX_CONTENT_BYTES) {
    errors.push({ path: where, message: "The course is too large to save in one piece; split it into several courses" });
  }
  return { content, errors };
}

/** A question as a learner sees it before answering: no answers, no explanation. */
export type LearnerQuestion = { id: string; kind: Question["kind"]; prompt: string; options?: string[] };

/** The document for a learner: the same shape, with every question's answers and explanation removed. */
export function withoutAnswers(content: CourseContent) {
  return {
    modules: content.modules.map((m) => ({
      ...m,
      assessment: m.assessment
        ? {
            ...m.assessment,
            questions: m.assessment.questions.map((q): LearnerQuestion => (q.kind === "short" ? { id: q.id, kind: q.kind, prompt: q.prompt } : { id: q.id, kind: q.kind, prompt: q.prompt, options: q.options })),
          }
        : null,
    })),
  };
}

export function findLesson(content: CourseContent, lessonId: string): Lesson | null {
  for (const m of content.modules) for (const l of m.lessons) if (l.id === lessonId) return l;
  return null;
}

export function findAssessment(content: CourseContent, assessmentId: string): Assessment | null {
  for (const m of content.modules) if (m.assessment?.id === assessmentId) return m.assessment;
  return null;
}

export const lessonIds = (content: CourseContent) => content.modules.flatMap((m) => m.lessons.map((l) => l.id));
export const assessmentsOf = (content: CourseContent) => content.modules.flatMap((m) => (m.assessment ? [m.assessment] : []));
