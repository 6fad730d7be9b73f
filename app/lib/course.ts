/**
 * Courses as the gateway returns them (GET /api/v1/courses/{id}, GET /api/v1/communities/{slug}/courses),
 * and the small pure helpers the member pages share: the order of a course's steps, the next
 * step, a lesson body as HTML, a video link as its provider's embed.
 */
import type { z } from "zod";
import type { AssessmentSchema, AttemptResultSchema, CourseProgressSchema, CourseSchema, CourseSummarySchema, LessonSchema, ModuleSchema, ProgressSummarySchema, QuestionSchema } from "../../workers/courses/schemas";

export type ProgressSummary = z.infer<typeof ProgressSummarySchema>;
export type CourseSummary = z.infer<typeof CourseSummarySchema>;
export type Lesson = z.infer<typeof LessonSchema>;
/** Members get `id, kind, prompt, options?`; the owner also gets the answers. */
export type Question = z.infer<typeof QuestionSchema>;
export type Assessment = z.infer<typeof AssessmentSchema>;
export type CourseModule = z.infer<typeof ModuleSchema>;
export type AssessmentProgress = z.infer<typeof CourseProgressSchema>["assessments"][number];
export type Course = z.infer<typeof CourseSchema>;
export type AttemptResult = z.infer<typeof AttemptResultSchema>;

/** One step of a course, in the order a learner takes them: each module's lessons, then its assessment. */
export type Step =
  | { kind: "lesson"; id: string; title: string; moduleIndex: number; done: boolean; href: string }
  | { kind: "assessment"; id: string; title: string; moduleIndex: number; done: boolean; href: string };

export function courseHref(slug: string, courseId: string) {
  return `/c/${slug}/courses/${courseId}`;
}

export function stepsOf(course: Course): Step[] {
  const base = courseHref(course.communitySlug, course.id);
  const done = new Set(course.progress.completedLessonIds);
  const passed = new Set(course.progress.assessments.filter((a) => a.passed).map((a) => a.assessmentId));
  return course.modules.flatMap((m, moduleIndex): Step[] => [
    ...m.lessons.map((l): Step => ({ kind: "lesson", id: l.id, title: l.title, moduleIndex, done: done.has(l.id), href: `${base}/lessons/${l.id}` })),
    ...(m.assessment ? [{ kind: "assessment" as const, id: m.assessment.id, title: m.assessment.title, moduleIndex, done: passed.has(m.assessment.id), href: `${base}/assessments/${m.assessment.id}` }] : []),
  ]);
}

/** Where "Continue" goes: the first step not done yet (or the first step when everything is). */
export function nextStep(course: Course): Step | null {
  const steps = stepsOf(course);
  return steps.find((s) => !s.done) ?? steps[0] ?? null;
}

/** The steps either side of one. */
export function neighbours(course: Course, id: string): { prev: Step | null; next: Step | null; index: number; total: number } {
  const steps = stepsOf(course);
  const i = steps.findIndex((s) => s.id === id);
  return { prev: steps[i - 1] ?? null, next: steps[i + 1] ?? null, index: i, total: steps.length };
}

/**
 * A lesson body as HTML. The gateway sanitises bodies on save, so they are safe to render; a
 * body written as plain text (no tags) becomes paragraphs, one per blank-line-separated block.
 */
export function lessonHtml(body: string): string {
  if (/<[a-z][\s\S]*>/i.test(body)) return body;
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/\n/g, "<br>")}</p>`)
    .join("");
}

export type VideoEmbed = { provider: "YouTube" | "Vimeo" | "Loom"; src: string };

/** The provider's embed for a stored video link (the same hosts the gateway accepts), or null. */
export function videoEmbed(url: string | null): VideoEmbed | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== "https:") return null;
  const host = u.hostname.toLowerCase().replace(/^www\./, "");
  const parts = u.pathname.split("/").filter(Boolean);
  const ok = (id: string | null | undefined, re: RegExp) => (id && re.test(id) ? id : null);
  if (host === "youtube.com" || host === "m.youtube.com" || host === "youtube-nocookie.com" || host === "youtu.be") {
    const raw = host === "youtu.be" ? parts[0] : parts[0] === "watch" ? u.searchParams.get("v") : ["shorts", "embed", "live"].includes(parts[0] ?? "") ? parts[1] : null;
    const id = ok(raw, /^[\w-]{6,20}$/);
    return id ? { provider: "YouTube", src: `https://www.youtube-nocookie.com/embed/${id}?rel=0` } : null;
  }
  if (host === "vimeo.com" || host === "player.vimeo.com") {
    const id = ok(host === "vimeo.com" ? parts[0] : parts[0] === "video" ? parts[1] : null, /^\d{4,12}$/);
    return id ? { provider: "Vimeo", src: `https://player.vimeo.com/video/${id}` } : null;
  }
  if (host === "loom.com") {
    const id = parts[0] === "share" || parts[0] === "embed" ? ok(parts[1], /^[0-9a-f]{16,64}$/i) : null;
    return id ? { provider: "Loom", src: `https://www.loom.com/embed/${id}` } : null;
  }
  return null;
}

export const pct = (n: number | null) => (n == null ? "—" : `${Math.round(n * 100)} %`);
