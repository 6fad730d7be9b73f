import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { CourseClosed } from "../components/course/closed";
import { CourseOutline } from "../components/course/outline";
import { CourseProgress } from "../components/course/progress";
import { api } from "../lib/api.server";
import { courseHref, neighbours, type AttemptResult, type Question } from "../lib/course";
import { loadCourse } from "../lib/course.server";
import communityCss from "../styles/community.css?url";
import courseCss from "../styles/course.css?url";
import { readForm } from "../lib/read-body.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: communityCss },
  { rel: "stylesheet", href: courseCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.course ? `${data.assessment?.title ?? "Quiz"} · ${data.course.title} · Tandem` : "Quiz · Tandem" }];

type Answers = Record<string, number | number[] | string>;
type ActionResult = { result: AttemptResult; answers: Answers; errors?: undefined; message?: undefined } | { result?: undefined; answers: Answers; errors: Record<string, string>; message: string };

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const loaded = await loadCourse(context, request, params.slug ?? "", params.courseId ?? "", `/assessments/${params.assessmentId}`);
  if (!loaded.course) return { ...loaded, assessment: null, moduleIndex: -1 };
  const moduleIndex = loaded.course.modules.findIndex((m) => m.assessment?.id === params.assessmentId);
  const assessment = loaded.course.modules[moduleIndex]?.assessment;
  if (!assessment) throw new Response("No such assessment in this course.", { status: 404 });
  return { ...loaded, assessment, moduleIndex };
}

/** The form's fields as the API's answers: `q.<id>` holds the option index(es) or the text; `kind.<id>` says which. Unanswered questions are left out (the API names them). */
function answersFrom(form: FormData): Answers {
  const answers: Answers = {};
  for (const [key, kind] of form.entries()) {
    if (!key.startsWith("kind.")) continue;
    const id = key.slice(5);
    const values = form.getAll(`q.${id}`).map(String);
    if (kind === "multiple") {
      if (values.length) answers[id] = values.map(Number);
    } else if (kind === "single") {
      if (values[0] !== undefined) answers[id] = Number(values[0]);
    } else if (values[0]?.trim()) answers[id] = values[0];
  }
  return answers;
}

export async function action({ params, request, context }: ActionFunctionArgs): Promise<ActionResult> {
  const answers = answersFrom(await readForm(request));
  const res = await api<AttemptResult>(context, request, `/api/v1/courses/${encodeURIComponent(params.courseId ?? "")}/assessments/${encodeURIComponent(params.assessmentId ?? "")}/attempts`, { method: "POST", body: { answers } });
  if (res.ok) return { result: res.data, answers };
  if (res.problem.status === 401) throw redirect(`/signin?next=${encodeURIComponent(new URL(request.url).pathname)}`);
  const errors: Record<string, string> = {};
  for (const e of res.problem.errors ?? []) {
    const m = e.path.match(/^body\.answers\.(.+)$/);
    if (m) errors[m[1]!] ??= e.message;
  }
  return { answers, errors, message: Object.keys(errors).length ? "Answer every question, then submit." : res.problem.detail };
}

export default function AssessmentPage() {
  const { course, closed, assessment, moduleIndex } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!course || !assessment) return <CourseClosed {...closed!} />;
  const progress = course.progress.assessments.find((a) => a.assessmentId === assessment.id);
  const { next } = neighbours(course, assessment.id);
  const result = data?.result && data.result.id !== dismissed ? data.result : null;
  const lastTry = data?.result && !result ? data.result : null;
  const feedback = new Map((result ?? lastTry)?.feedback.map((f) => [f.questionId, f]) ?? []);
  const exhausted = !!progress && progress.attemptsLeft === 0;
  const answers = data?.answers ?? {};
  const canSubmit = !result && !exhausted;
  const after = next ? { href: next.href, label: `Next: ${next.title}` } : { href: courseHref(course.communitySlug, course.id), label: "Back to the course" };

  return (
    <div className="course-page course-layout">
      <article className="course-main">
        <p className="muted small crumbs">
          <Link to={courseHref(course.communitySlug, course.id)}>{course.title}</Link> <span aria-hidden="true">›</span> Module {moduleIndex + 1}
        </p>
        <div className="page-head">
          <p className="outline-kicker">Quiz</p>
          <h1>{assessment.title}</h1>
          <p>
            {assessment.questions.length} question{assessment.questions.length === 1 ? "" : "s"} · pass mark {assessment.passMarkPct} % · {assessment.maxAttempts} attempt{assessment.maxAttempts === 1 ? "" : "s"}
            {progress && progress.attemptsUsed > 0 && !result ? ` (${progress.attemptsLeft} left)` : ""}
          </p>
        </div>

        {result ? (
          <div className={result.passed ? "quiz-result quiz-pass" : "quiz-result quiz-fail"} role="status" data-testid="quiz-result">
            <div className="quiz-score">{result.scorePct} %</div>
            <div>
              <h2>{result.passed ? "Passed" : "Not passed yet"}</h2>
              <p>
                {result.passed
                  ? `You needed ${assessment.passMarkPct} %.`
                  : `You need ${assessment.passMarkPct} % to pass. ${result.attemptsLeft ? `${result.attemptsLeft} attempt${result.attemptsLeft === 1 ? "" : "s"} left.` : "No attempts left."}`}
              </p>
              <div className="row">
                {!result.passed && result.attemptsLeft > 0 ? (
                  <button type="button" className="btn" onClick={() => setDismissed(result.id)}>
                    Try again
                  </button>
                ) : (
                  <Link className="btn" to={after.href}>
                    {after.label}
                  </Link>
                )}
                {!result.passed && result.attemptsLeft > 0 ? <span className="muted small">Your answers stay; change the ones marked below.</span> : null}
              </div>
            </div>
          </div>
        ) : progress?.passed ? (
          <p className="alert alert-success" role="status" data-testid="quiz-passed">
            You passed this quiz with {progress.bestScorePct} %.{" "}
            {progress.attemptsLeft > 0 ? `You can take it again (${progress.attemptsLeft} attempt${progress.attemptsLeft === 1 ? "" : "s"} left); your best score counts.` : null}{" "}
            <Link to={after.href}>{after.label}</Link>
          </p>
        ) : exhausted ? (
          <p className="alert alert-error" role="status" data-testid="quiz-exhausted">
            You have used all {assessment.maxAttempts} attempts. Your best score was {progress?.bestScorePct ?? 0} %.
          </p>
        ) : null}

        {data?.message ? (
          <p className="alert alert-error" role="alert">
            {data.message}
          </p>
        ) : null}

        {exhausted && !result ? null : (
          <Form method="post" className="quiz" key={lastTry?.id ?? "first"} noValidate>
            <ol className="quiz-questions">
              {assessment.questions.map((q, i) => (
                <QuestionField key={q.id} q={q} n={i + 1} given={answers[q.id]} locked={!canSubmit} error={data?.errors?.[q.id]} feedback={feedback.get(q.id)} lastTry={!!lastTry} />
              ))}
            </ol>
            {canSubmit ? (
              <div className="row">
                <button className="btn" disabled={busy}>
                  {busy ? "Scoring…" : "Submit answers"}
                </button>
                <span className="muted small">Scored at once. {progress ? `${progress.attemptsLeft} of ${assessment.maxAttempts} attempts left.` : ""}</span>
              </div>
            ) : null}
          </Form>
        )}
      </article>
      <aside className="course-side" aria-label="Your progress">
        <CourseProgress progress={course.progress} compact />
        <CourseOutline course={course} current={assessment.id} />
      </aside>
    </div>
  );
}

type Feedback = AttemptResult["feedback"][number];

function expectedText(q: Question, f: Feedback): string | null {
  if (f.expected === undefined) return null;
  if (q.kind === "short") return (f.expected as string[]).join(" or ");
  const idx = Array.isArray(f.expected) ? (f.expected as number[]) : [f.expected as number];
  return idx.map((i) => q.options?.[i] ?? `option ${i + 1}`).join(", ");
}

function QuestionField({ q, n, given, locked, error, feedback, lastTry }: { q: Question; n: number; given: Answers[string] | undefined; locked: boolean; error?: string; feedback?: Feedback; lastTry: boolean }) {
  const name = `q.${q.id}`;
  const picked = new Set(Array.isArray(given) ? given : typeof given === "number" ? [given] : []);
  const expected = feedback?.expected !== undefined && q.kind !== "short" ? new Set(Array.isArray(feedback.expected) ? (feedback.expected as number[]) : [feedback.expected as number]) : null;
  const state = feedback && !lastTry ? (feedback.correct ? "right" : "wrong") : undefined;
  return (
    <li className="quiz-q" data-state={state} data-testid={`question-${n}`}>
      <fieldset disabled={locked} aria-describedby={error ? `${name}-error` : undefined}>
        <legend>
          <span className="quiz-n">{n}.</span> {q.prompt}
          {q.kind === "multiple" ? <span className="muted small"> (pick every right answer)</span> : null}
        </legend>
        <input type="hidden" name={`kind.${q.id}`} value={q.kind} />
        {q.kind === "short" ? (
          <input className="input" name={name} defaultValue={typeof given === "string" ? given : ""} aria-label={`Answer to question ${n}`} aria-invalid={error ? true : undefined} autoComplete="off" maxLength={500} />
        ) : (
          <div className="quiz-options">
            {q.options?.map((o, i) => (
              <label key={i} className="quiz-option" data-right={expected?.has(i) || undefined}>
                <input type={q.kind === "single" ? "radio" : "checkbox"} name={name} value={i} defaultChecked={picked.has(i)} />
                <span>{o}</span>
                {expected?.has(i) ? <span className="quiz-tag">Right answer</span> : null}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      {error ? (
        <p id={`${name}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {feedback && lastTry && !feedback.correct ? <p className="quiz-feedback muted small">Last try: not quite.</p> : null}
      {feedback && !lastTry ? (
        <div className="quiz-feedback">
          <strong>{feedback.correct ? "✓ Correct" : "✗ Not quite"}</strong>
          {!feedback.correct && expectedText(q, feedback) ? <span> · The answer: {expectedText(q, feedback)}</span> : null}
          {feedback.explanation ? <p>{feedback.explanation}</p> : null}
        </div>
      ) : null}
    </li>
  );
}
