import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CourseClosed } from "../components/course/closed";
import { CourseOutline } from "../components/course/outline";
import { CourseProgress } from "../components/course/progress";
import { LessonVideo } from "../components/course/video";
import { api } from "../lib/api.server";
import { courseHref, lessonHtml, neighbours } from "../lib/course";
import { loadCourse } from "../lib/course.server";
import communityCss from "../styles/community.css?url";
import courseCss from "../styles/course.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: communityCss },
  { rel: "stylesheet", href: courseCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.course ? `${data.lesson?.title ?? "Lesson"} · ${data.course.title} · Tandem` : "Lesson · Tandem" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const loaded = await loadCourse(context, request, params.slug ?? "", params.courseId ?? "", `/lessons/${params.lessonId}`);
  if (!loaded.course) return { ...loaded, lesson: null, moduleIndex: -1 };
  const moduleIndex = loaded.course.modules.findIndex((m) => m.lessons.some((l) => l.id === params.lessonId));
  const lesson = loaded.course.modules[moduleIndex]?.lessons.find((l) => l.id === params.lessonId);
  if (!lesson) throw new Response("No such lesson in this course.", { status: 404 });
  return { ...loaded, lesson, moduleIndex };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const res = await api<{ alreadyCompleted: boolean }>(context, request, `/api/v1/courses/${encodeURIComponent(params.courseId ?? "")}/lessons/${encodeURIComponent(params.lessonId ?? "")}/complete`, { method: "POST" });
  if (!res.ok && res.problem.status === 401) throw redirect(`/signin?next=${encodeURIComponent(new URL(request.url).pathname)}`);
  return res.ok ? { ok: true as const } : { ok: false as const, message: res.problem.detail };
}

export default function LessonPage() {
  const { course, closed, lesson, moduleIndex } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  if (!course || !lesson) return <CourseClosed {...closed!} />;
  const { prev, next, index, total } = neighbours(course, lesson.id);
  const done = course.progress.completedLessonIds.includes(lesson.id);
  const html = lessonHtml(lesson.body);
  return (
    <div className="course-page course-layout">
      <article className="course-main">
        <p className="muted small crumbs">
          <Link to={courseHref(course.communitySlug, course.id)}>{course.title}</Link> <span aria-hidden="true">›</span> Module {moduleIndex + 1}
        </p>
        <div className="page-head">
          <p className="outline-kicker">
            Step {index + 1} of {total}
          </p>
          <h1>{lesson.title}</h1>
        </div>
        {lesson.videoUrl ? <LessonVideo url={lesson.videoUrl} title={lesson.title} /> : null}
        {html ? <div className="prose" dangerouslySetInnerHTML={{ __html: html }} /> : null}
        {lesson.downloads.length ? (
          <section className="downloads" aria-labelledby="downloads-h">
            <h2 id="downloads-h">Downloads</h2>
            <ul>
              {lesson.downloads.map((d) => (
                <li key={d.url + d.label}>
                  <a href={d.url} target="_blank" rel="noreferrer noopener">
                    <span aria-hidden="true">↓</span> {d.label}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {result && !result.ok ? (
          <p className="alert alert-error" role="alert">
            {result.message}
          </p>
        ) : null}
        <div className="lesson-bar">
          {done ? (
            <span className="badge badge-verified lesson-done" role="status" data-testid="lesson-state">
              ✓ Completed
            </span>
          ) : (
            <Form method="post">
              <button className="btn" disabled={busy} data-testid="lesson-state">
                {busy ? "Saving…" : "Mark complete"}
              </button>
            </Form>
          )}
          <span className="lesson-nav">
            {prev ? (
              <Link className="btn btn-ghost btn-small" to={prev.href} aria-label={`Previous: ${prev.title}`}>
                ← Previous
              </Link>
            ) : null}
            {next ? (
              <Link className={done ? "btn btn-small" : "btn btn-secondary btn-small"} to={next.href} aria-label={`Next: ${next.title}`}>
                Next{next.kind === "assessment" ? ": quiz" : ""} →
              </Link>
            ) : (
              <Link className="btn btn-secondary btn-small" to={courseHref(course.communitySlug, course.id)}>
                Back to the course
              </Link>
            )}
          </span>
        </div>
      </article>
      <aside className="course-side" aria-label="Your progress">
        <CourseProgress progress={course.progress} compact />
        <CourseOutline course={course} current={lesson.id} />
      </aside>
    </div>
  );
}
