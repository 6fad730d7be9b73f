import type { Course, Question } from "./course";

/**
 * The course editor's working copy. Every item has a client key (`_k`) for React and keeps the
 * id the gateway gave it (progress is keyed by ids, so a save sends them back); new items have
 * none until the first save. A question keeps every kind's fields, so switching kinds loses nothing.
 */
export interface EdDownload {
  _k: string;
  label: string;
  url: string;
}
export interface EdLesson {
  _k: string;
  id?: string;
  title: string;
  body: string;
  videoUrl: string;
  downloads: EdDownload[];
}
export interface EdQuestion {
  _k: string;
  id?: string;
  kind: Question["kind"];
  prompt: string;
  options: string[];
  single: number;
  multiple: number[];
  /** Accepted answers, one per line. */
  accepted: string;
  pattern: string;
  explanation: string;
}
export interface EdAssessment {
  _k: string;
  id?: string;
  title: string;
  passMarkPct: string;
  maxAttempts: string;
  questions: EdQuestion[];
}
export interface EdModule {
  _k: string;
  id?: string;
  title: string;
  summary: string;
  lessons: EdLesson[];
  assessment: EdAssessment | null;
}
export interface EdCourse {
  title: string;
  summary: string;
  audience: "all" | "tiers";
  tierIds: string[];
  status: "draft" | "published";
  modules: EdModule[];
}

let seq = 0;
export const key = () => `k${Date.now().toString(36)}${(seq++).toString(36)}`;

export const newLesson = (): EdLesson => ({ _k: key(), title: "", body: "", videoUrl: "", downloads: [] });
export const newQuestion = (kind: Question["kind"] = "single"): EdQuestion => ({ _k: key(), kind, prompt: "", options: ["", ""], single: 0, multiple: [], accepted: "", pattern: "", explanation: "" });
export const newAssessment = (title: string): EdAssessment => ({ _k: key(), title, passMarkPct: "70", maxAttempts: "3", questions: [newQuestion()] });
export const newModule = (): EdModule => ({ _k: key(), title: "", summary: "", lessons: [newLesson()], assessment: null });
export const emptyCourse = (): EdCourse => ({ title: "", summary: "", audience: "all", tierIds: [], status: "draft", modules: [newModule()] });

/** The owner's view of a course (answers included) as a working copy. */
export function fromCourse(c: Course): EdCourse {
  return {
    title: c.title,
    summary: c.summary,
    audience: c.tierIds.length ? "tiers" : "all",
    tierIds: c.tierIds,
    status: c.status,
    modules: c.modules.map((m) => ({
      _k: m.id,
      id: m.id,
      title: m.title,
      summary: m.summary,
      lessons: m.lessons.map((l) => ({ _k: l.id, id: l.id, title: l.title, body: l.body, videoUrl: l.videoUrl ?? "", downloads: l.downloads.map((d) => ({ _k: key(), ...d })) })),
      assessment: m.assessment
        ? {
            _k: m.assessment.id,
            id: m.assessment.id,
            title: m.assessment.title,
            passMarkPct: String(m.assessment.passMarkPct),
            maxAttempts: String(m.assessment.maxAttempts),
            questions: m.assessment.questions.map((q) => ({
              _k: q.id,
              id: q.id,
              kind: q.kind,
              prompt: q.prompt,
              options: q.options ?? ["", ""],
              single: typeof q.correct === "number" ? q.correct : 0,
              multiple: Array.isArray(q.correct) ? q.correct : [],
              accepted: (q.accepted ?? []).join("\n"),
              pattern: q.pattern ?? "",
              explanation: q.explanation ?? "",
            })),
          }
        : null,
    })),
  };
}

const num = (s: string) => (s.trim() === "" ? null : Number(s));
const withId = (id: string | undefined) => (id ? { id } : {});

/** What PUT /api/v1/courses/{id} takes: the whole document, every field. */
export function toPayload(d: EdCourse) {
  return {
    title: d.title,
    summary: d.summary,
    tierIds: d.audience === "all" ? [] : d.tierIds,
    status: d.status,
    modules: d.modules.map((m) => ({
      ...withId(m.id),
      title: m.title,
      summary: m.summary,
      lessons: m.lessons.map((l) => ({ ...withId(l.id), title: l.title, body: l.body, videoUrl: l.videoUrl.trim() || null, downloads: l.downloads.map((x) => ({ label: x.label, url: x.url })) })),
      assessment: m.assessment
        ? {
            ...withId(m.assessment.id),
            title: m.assessment.title,
            passMarkPct: num(m.assessment.passMarkPct),
            maxAttempts: num(m.assessment.maxAttempts),
            questions: m.assessment.questions.map((q) => {
              const base = { ...withId(q.id), prompt: q.prompt, explanation: q.explanation };
              if (q.kind === "single") return { ...base, kind: q.kind, options: q.options, correct: q.single };
              if (q.kind === "multiple") return { ...base, kind: q.kind, options: q.options, correct: [...q.multiple].sort((a, b) => a - b) };
              return { ...base, kind: q.kind, accepted: acceptedList(q.accepted), pattern: q.pattern.trim() ? q.pattern : null };
            }),
          }
        : null,
    })),
  };
}

export const acceptedList = (s: string) =>
  s
    .split("\n")
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * After a save: the gateway's ids on the working copy, keeping its client keys (so nothing the
 * person has open closes). When the copy still equals what was sent, the stored content is taken
 * too (lesson bodies come back sanitised).
 */
export function adoptSaved(local: EdCourse, saved: EdCourse, unchangedSinceSubmit: boolean): EdCourse {
  const base = unchangedSinceSubmit ? saved : local;
  return {
    ...base,
    audience: local.audience,
    tierIds: unchangedSinceSubmit ? saved.tierIds : local.tierIds,
    modules: base.modules.map((m, mi) => {
      const lm = local.modules[mi];
      const sm = saved.modules[mi];
      const a = m.assessment;
      return {
        ...m,
        _k: lm?._k ?? m._k,
        id: m.id ?? sm?.id,
        lessons: m.lessons.map((l, li) => ({ ...l, _k: lm?.lessons[li]?._k ?? l._k, id: l.id ?? sm?.lessons[li]?.id })),
        assessment: a
          ? {
              ...a,
              _k: lm?.assessment?._k ?? a._k,
              id: a.id ?? sm?.assessment?.id,
              questions: a.questions.map((q, qi) => ({ ...q, _k: lm?.assessment?.questions[qi]?._k ?? q._k, id: q.id ?? sm?.assessment?.questions[qi]?.id })),
            }
          : null,
      };
    }),
  };
}
