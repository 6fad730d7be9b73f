import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../lib/context";
import { createRouter, errorResponses, jsonBody, jsonContent, ProblemSchema } from "../lib/openapi";
import { requireUser } from "../lib/tenancy";
import { completeLesson } from "./complete-lesson";
import type { LearningDeps } from "./course-events";
import { deleteCourse } from "./delete-course";
import { getCourse } from "./get-course";
import { listCourses } from "./list-courses";
import { createCourse, replaceCourse } from "./save-course";
import { AttemptBody, AttemptResultSchema, CourseSchema, CourseSummarySchema, CreateCourseBody, LessonCompletionSchema, ReplaceCourseBody } from "./schemas";
import { submitAttempt } from "./submit-attempt";

// Path ids are looked up as given (an unknown one is a 404), so body validation answers first on every write.
const PathId = z.string().min(1).max(64);
const Slug = z.object({ slug: z.string().min(1).max(60) });
const CourseId = z.object({ courseId: PathId });
const conflict = { description: "No attempts left (`attempts_exhausted`)", content: { "application/problem+json": { schema: ProblemSchema } } };

const learning = (c: Context<AppEnv>): LearningDeps => ({ ...c.var.deps, events: c.env.EVENTS, defer: (work) => c.executionCtx.waitUntil(work) });

/** Mounted at /api/v1/communities: a community's courses. */
export const communityCourseRoutes = createRouter();

communityCourseRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{slug}/courses",
    tags: ["courses"],
    summary: "A community's courses: drafts too for the owner; published ones for everyone else, `locked` unless your tier opens them, with your progress",
    request: { params: Slug },
    responses: { 200: jsonContent(z.object({ items: z.array(CourseSummarySchema) }), "Courses"), ...errorResponses },
  }),
  async (c) => c.json({ items: await listCourses(c.var.deps, c.var.actor, c.req.valid("param").slug) }, 200),
);

communityCourseRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{slug}/courses",
    tags: ["courses"],
    summary: "Add a course (owner): modules of lessons, each module with an optional assessment",
    request: { params: Slug, body: jsonBody(CreateCourseBody) },
    responses: { 201: jsonContent(CourseSchema, "Created (the owner's view: answers included)"), ...errorResponses },
  }),
  async (c) => c.json(await createCourse(c.var.deps, c.req.valid("param").slug, requireUser(c.var.actor).userId, c.req.valid("json")), 201),
);

/** Mounted at /api/v1/courses: one course, lessons and assessments. */
export const courseRoutes = createRouter();

courseRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{courseId}",
    tags: ["courses"],
    summary: "A course with your progress (members whose tier opens it; answers only for the owner)",
    request: { params: CourseId },
    responses: { 200: jsonContent(CourseSchema, "The course"), ...errorResponses },
  }),
  async (c) => c.json(await getCourse(c.var.deps, c.var.actor, c.req.valid("param").courseId), 200),
);

courseRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{courseId}",
    tags: ["courses"],
    summary: "Save the whole course (owner). Send back the ids you were given to keep learners' progress; leave ids out for new items",
    request: { params: CourseId, body: jsonBody(ReplaceCourseBody) },
    responses: { 200: jsonContent(CourseSchema, "Saved (the owner's view)"), ...errorResponses },
  }),
  async (c) => c.json(await replaceCourse(c.var.deps, c.req.valid("param").courseId, requireUser(c.var.actor).userId, c.req.valid("json")), 200),
);

courseRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{courseId}",
    tags: ["courses"],
    summary: "Delete a course and every learner's progress in it (owner)",
    request: { params: CourseId },
    responses: { 204: { description: "Deleted" }, ...errorResponses },
  }),
  async (c) => {
    await deleteCourse(c.var.deps, c.req.valid("param").courseId, requireUser(c.var.actor).userId);
    return c.body(null, 204);
  },
);

courseRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{courseId}/lessons/{lessonId}/complete",
    tags: ["courses"],
    summary: "Mark a lesson done (idempotent: 201 the first time, 200 after)",
    request: { params: CourseId.extend({ lessonId: PathId }) },
    responses: { 201: jsonContent(LessonCompletionSchema, "Completed"), 200: jsonContent(LessonCompletionSchema, "Already completed"), ...errorResponses },
  }),
  async (c) => {
    const { courseId, lessonId } = c.req.valid("param");
    const done = await completeLesson(learning(c), c.var.actor, courseId, lessonId);
    return c.json(done, done.alreadyCompleted ? 200 : 201);
  },
);

courseRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{courseId}/assessments/{assessmentId}/attempts",
    tags: ["courses"],
    summary: "Submit an attempt: scored at once; the right answers come back once you pass or run out of attempts",
    request: { params: CourseId.extend({ assessmentId: PathId }), body: jsonBody(AttemptBody) },
    responses: { 201: jsonContent(AttemptResultSchema, "Scored"), 409: conflict, ...errorResponses },
  }),
  async (c) => {
    const { courseId, assessmentId } = c.req.valid("param");
    return c.json(await submitAttempt(learning(c), c.var.actor, courseId, assessmentId, c.req.valid("json").answers), 201);
  },
);
