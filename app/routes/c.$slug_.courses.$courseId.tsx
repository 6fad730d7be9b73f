import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseClosed } from "../components/course/closed";
import { CourseOutline } from "../components/course/outline";
import { CourseProgress } from "../components/course/progress";
import { Card } from "../components/ui/card";
import { nextStep } from "../lib/course";
import { loadCourse } from "../lib/course.server";
import communityCss from "../styles/community.css?url";
import courseCss from "../styles/course.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: communityCss },
  { rel: "stylesheet", href: courseCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.course ? `${data.course.title} · Tandem` : "Course · Tandem" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return loadCourse(context, request, params.slug ?? "", params.courseId ?? "");
}

export default function CourseHome() {
  const { course, closed } = useLoaderData<typeof loader>();
  if (!course) return <CourseClosed {...closed} />;
  const next = nextStep(course);
  const started = course.progress.completedLessons + course.progress.passedAssessments > 0;
  const finished = course.progress.pct === 100;
  return (
    <div className="course-page">
      <p className="muted small crumbs">
        <Link to={`/c/${course.communitySlug}`}>Community</Link> <span aria-hidden="true">›</span> Courses
      </p>
      <div className="page-head">
        <h1>{course.title}</h1>
        {course.summary ? <p>{course.summary}</p> : null}
        {course.status === "draft" ? <span className="badge badge-unverified">Draft · only you can see it</span> : null}
      </div>
      <Card className="course-hero">
        <CourseProgress progress={course.progress} />
        {finished ? (
          <p className="alert alert-success" role="status">
            You have finished this course. Well done.
          </p>
        ) : null}
        {next ? (
          <div className="row">
            <Link className="btn" to={next.href}>
              {finished ? "Review from the start" : started ? `Continue: ${next.title}` : "Start the course"}
            </Link>
            {course.canEdit ? (
              <Link className="btn btn-ghost btn-small" to={`/studio/community/courses/${course.id}`}>
                Edit in studio
              </Link>
            ) : null}
          </div>
        ) : (
          <p className="muted">Lessons are on their way.</p>
        )}
      </Card>
      <section aria-labelledby="outline-h" style={{ marginTop: "var(--space-5)" }}>
        <h2 id="outline-h">What is inside</h2>
        {course.modules.length ? <CourseOutline course={course} /> : <div className="empty">No modules yet.</div>}
      </section>
    </div>
  );
}
