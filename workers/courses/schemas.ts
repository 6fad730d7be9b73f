import { z } from "@hono/zod-openapi";
import { compilePattern } from "./score-assessment";
import { videoProvider } from "./video-url";

/**
 * The course document as the studio sends it (whole, on every save) and as the API returns it.
 * Ids are optional on input: keep the ones the course has (progress is keyed by them), leave
 * them out for new items. Cross-field rules (a correct option that exists, a pattern that
 * compiles) are checked per question, so one save reports every problem with its path.
 */
const Text = (max: number) => z.string().trim().max(max);
const Title = Text(120).min(1, { error: "A title is required" });
const IdOf = (prefix: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), { error: `A ${what} id (${prefix}_…)` })
    .optional();
const HttpsUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => URL.canParse(u) && new URL(u).protocol === "https:", { error: "An https:// link" });
const VideoUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => u === "" || videoProvider(u) !== null, { error: "An https:// YouTube, Vimeo or Loom link" });

export const DownloadInput = z.object({ label: Text(80).min(1, { error: "A label is required" }), url: HttpsUrl }).strict();

export const LessonInput = z
  .object({
    id: IdOf("les", "lesson"),
    title: Title,
    /** Rich text (HTML); sanitised on save. */
    body: z.string().max(50_000).default(""),
    /** Empty or null: no video. */
    videoUrl: VideoUrl.nullable().default(null),
    downloads: z.array(DownloadInput).max(20).default([]),
  })
  .strict()
  .openapi("LessonInput");

const Prompt = Text(500).min(1, { error: "Write the question" });
const Options = z.array(Text(200).min(1, { error: "Write the option" })).min(2, { error: "At least two options" }).max(10, { error: "Up to 10 options" });
const Explanation = Text(1000).default("");

const SingleQuestion = z
  .object({ id: IdOf("qst", "question"), kind: z.literal("single"), prompt: Prompt, options: Options, correct: z.number().int().min(0).max(9), explanation: Explanation })
  .strict()
  .superRefine((q, ctx) => {
    if (q.correct >= q.options.length) ctx.addIssue({ code: "custom", path: ["correct"], message: `There is no option ${q.correct} (options count from 0; there are ${q.options.length})` });
  });

const MultipleQuestion = z
  .object({
    id: IdOf("qst", "question"),
    kind: z.literal("multiple"),
    prompt: Prompt,
    options: Options,
    correct: z.array(z.number().int().min(0).max(9)).min(1, { error: "Mark at least one option correct" }).max(10),
    explanation: Explanation,
  })
  .strict()
  .superRefine((q, ctx) => {
    q.correct.forEach((i, k) => {
      if (i >= q.options.length) ctx.addIssue({ code: "custom", path: ["correct", k], message: `There is no option ${i} (options count from 0; there are ${q.options.length})` });
      else if (q.correct.indexOf(i) !== k) ctx.addIssue({ code: "custom", path: ["correct", k], message: "Listed twice" });
    });
  });

const ShortQuestion = z
  .object({
    id: IdOf("qst", "question"),
    kind: z.literal("short"),
    prompt: Prompt,
    /** Accepted answers, compared ignoring case and extra spaces. */
    accepted: z.array(Text(200).min(1, { error: "An accepted answer cannot be empty" })).max(20).default([]),
    /** A regular expression (RE2 syntax: no backreferences or lookaround; matched in linear time) the whole answer must match, case-insensitive; empty or null for none. */
    pattern: z.string().max(200, { error: "At most 200 characters" }).nullable().default(null),
    explanation: Explanation,
  })
  .strict()
  .superRefine((q, ctx) => {
    const pattern = q.pattern?.trim() ? q.pattern : null;
    if (pattern !== null) {
      try {
        compilePattern(pattern);
      } catch (e) {
        ctx.addIssue({ code: "custom", path: ["pattern"], message: `Not a valid regular expression: ${(e as Error).message}` });
      }
    }
    if (q.accepted.length === 0 && pattern === null) ctx.addIssue({ code: "custom", path: ["accepted"], message: "Give at least one accepted answer or a pattern" });
  });

export const QuestionInput = z.discriminatedUnion("kind", [SingleQuestion, MultipleQuestion, ShortQuestion]).openapi("QuestionInput");

export const AssessmentInput = z
  .object({
    id: IdOf("asm", "assessment"),
    title: Title,
    passMarkPct: z.number().int().min(0).max(100).default(70),
    maxAttempts: z.number().int().min(1).max(20).default(3),
    questions: z.array(QuestionInput).min(1, { error: "Add at least one question" }).max(50, { error: "Up to 50 questions" }),
  })
  .strict()
  .openapi("AssessmentInput");

export const ModuleInput = z
  .object({
    id: IdOf("mod", "module"),
    title: Title,
    summary: Text(1000).default(""),
    lessons: z.array(LessonInput).max(50, { error: "Up to 50 lessons in a module" }).default([]),
    assessment: AssessmentInput.nullable().default(null),
  })
  .strict()
  .openapi("CourseModuleInput");
export type ModuleInput = z.infer<typeof ModuleInput>;

const Status = z.enum(["draft", "published"]);
const TierIds = z.array(z.string().max(64)).max(20);
const Modules = z.array(ModuleInput).max(30, { error: "Up to 30 modules" });
const Summary = Text(2000);

export const CreateCourseBody = z
  .object({ title: Title, summary: Summary.default(""), tierIds: TierIds.default([]), status: Status.default("draft"), modules: Modules.default([]) })
  .strict()
  .openapi("CreateCourse");

/** A save replaces the whole course: every field is required (an omitted `modules` would otherwise empty it). */
export const ReplaceCourseBody = z.object({ title: Title, summary: Summary, tierIds: TierIds, status: Status, modules: Modules }).strict().openapi("ReplaceCourse");
export type CourseInput = z.infer<typeof ReplaceCourseBody>;

export const AttemptBody = z
  .object({
    /** Question id → the option index (single), the option indexes (multiple) or the text (short). */
    answers: z.record(z.string().max(64), z.union([z.number().int().min(0).max(9), z.array(z.number().int().min(0).max(9)).max(10), z.string().max(500)])),
  })
  .strict()
  .openapi("AttemptInput");

// Responses.

export const QuestionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["single", "multiple", "short"]),
    prompt: z.string(),
    options: z.array(z.string()).optional(),
    /** The fields below are the answers: only the course's owner gets them. */
    correct: z.union([z.number().int(), z.array(z.number().int())]).optional(),
    accepted: z.array(z.string()).optional(),
    pattern: z.string().nullable().optional(),
    explanation: z.string().optional(),
  })
  .openapi("CourseQuestion");
export const LessonSchema = z.object({ id: z.string(), title: z.string(), body: z.string(), videoUrl: z.string().nullable(), downloads: z.array(z.object({ label: z.string(), url: z.string() })) }).openapi("Lesson");
export const AssessmentSchema = z.object({ id: z.string(), title: z.string(), passMarkPct: z.number().int(), maxAttempts: z.number().int(), questions: z.array(QuestionSchema) }).openapi("Assessment");
export const ModuleSchema = z.object({ id: z.string(), title: z.string(), summary: z.string(), lessons: z.array(LessonSchema), assessment: AssessmentSchema.nullable() }).openapi("CourseModule");

export const ProgressSummarySchema = z
  .object({ completedLessons: z.number().int(), totalLessons: z.number().int(), passedAssessments: z.number().int(), totalAssessments: z.number().int(), pct: z.number().int() })
  .openapi("CourseProgressSummary");
export const CourseProgressSchema = ProgressSummarySchema.extend({
  completedLessonIds: z.array(z.string()),
  assessments: z.array(z.object({ assessmentId: z.string(), attemptsUsed: z.number().int(), attemptsLeft: z.number().int(), bestScorePct: z.number().int().nullable(), passed: z.boolean() })),
}).openapi("CourseProgress");

export const CourseSchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    communitySlug: z.string(),
    title: z.string(),
    summary: z.string(),
    tierIds: z.array(z.string()),
    status: Status,
    position: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The caller owns the community: answers are included and the course can be saved back as is. */
    canEdit: z.boolean(),
    modules: z.array(ModuleSchema),
    progress: CourseProgressSchema,
  })
  .openapi("Course");

export const CourseSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    tierIds: z.array(z.string()),
    status: Status,
    position: z.number().int(),
    /** The caller's tier (or lack of membership) does not open it. */
    locked: z.boolean(),
    moduleCount: z.number().int(),
    lessonCount: z.number().int(),
    assessmentCount: z.number().int(),
    updatedAt: z.string(),
    progress: ProgressSummarySchema,
  })
  .openapi("CourseSummary");

export const LessonCompletionSchema = z
  .object({ lessonId: z.string(), completedAt: z.string(), alreadyCompleted: z.boolean(), progress: ProgressSummarySchema })
  .openapi("LessonCompletion");

export const AttemptResultSchema = z
  .object({
    id: z.string(),
    /** Which attempt this was, from 1. */
    attempt: z.number().int(),
    scorePct: z.number().int(),
    passed: z.boolean(),
    attemptsLeft: z.number().int(),
    feedback: z.array(
      z.object({
        questionId: z.string(),
        correct: z.boolean(),
        explanation: z.string().optional(),
        /** The right answer: only once the assessment is passed or no attempts are left. */
        expected: z.union([z.number().int(), z.array(z.number().int()), z.array(z.string())]).optional(),
      }),
    ),
  })
  .openapi("AttemptResult");
