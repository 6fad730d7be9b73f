import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * A course in a community. Its modules, lessons and assessments are one document (`content`,
 * validated by workers/courses/schemas.ts) that the studio edits and saves whole; lesson and
 * question ids inside it are stable across saves, so progress survives edits.
 */
export const courses = sqliteTable(
  "courses",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** Empty: every member; otherwise only these tiers (owners always). */
    tierIds: text("tier_ids", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: ["draft", "published"] }).notNull(),
    content: text("content", { mode: "json" }).$type<unknown>().notNull(),
    position: integer("position").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("courses_community_idx").on(t.communityId, t.position)],
);

/** A member finished a lesson (once; repeating it changes nothing). */
export const lessonCompletions = sqliteTable(
  "lesson_completions",
  {
    courseId: text("course_id").notNull(),
    lessonId: text("lesson_id").notNull(),
    userId: text("user_id").notNull(),
    completedAt: integer("completed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.userId] }), index("lesson_completions_course_user_idx").on(t.courseId, t.userId)],
);

/** One scored attempt at an assessment; `attempt` counts from 1 and is unique per member, which enforces the attempt limit. */
export const assessmentAttempts = sqliteTable(
  "assessment_attempts",
  {
    id: text("id").primaryKey(),
    courseId: text("course_id").notNull(),
    assessmentId: text("assessment_id").notNull(),
    userId: text("user_id").notNull(),
    attempt: integer("attempt").notNull(),
    scorePct: integer("score_pct").notNull(),
    passed: integer("passed", { mode: "boolean" }).notNull(),
    answers: text("answers", { mode: "json" }).$type<unknown>().notNull(),
    feedback: text("feedback", { mode: "json" }).$type<unknown>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("assessment_attempts_member_idx").on(t.assessmentId, t.userId, t.attempt), index("assessment_attempts_course_user_idx").on(t.courseId, t.userId)],
);
