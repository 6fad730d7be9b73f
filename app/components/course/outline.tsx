import { NavLink } from "@remix-run/react";
import { stepsOf, type Course } from "../../lib/course";

/** The course's modules with their lessons and assessment: ticks for what is done, the current step marked. */
export function CourseOutline({ course, current }: { course: Course; current?: string }) {
  const steps = stepsOf(course);
  const attempts = new Map(course.progress.assessments.map((a) => [a.assessmentId, a]));
  return (
    <ol className="outline" aria-label="Course outline">
      {course.modules.map((m, mi) => (
        <li key={m.id} className="outline-module">
          <p className="outline-kicker">Module {mi + 1}</p>
          <h3>{m.title}</h3>
          {m.summary && current === undefined ? <p className="muted small">{m.summary}</p> : null}
          <ol className="outline-steps">
            {steps
              .filter((s) => s.moduleIndex === mi)
              .map((s) => {
                const a = s.kind === "assessment" ? attempts.get(s.id) : undefined;
                return (
                  <li key={s.id}>
                    <NavLink to={s.href} className="outline-step" aria-current={s.id === current ? "step" : undefined} end>
                      <span className="tick" data-done={s.done} aria-hidden="true">
                        {s.done ? "✓" : s.kind === "assessment" ? "?" : ""}
                      </span>
                      <span className="outline-title">
                        {s.title}
                        <span className="visually-hidden">{s.done ? (s.kind === "lesson" ? " (completed)" : " (passed)") : ""}</span>
                      </span>
                      {a ? (
                        <span className="outline-meta">
                          {a.passed ? `Passed · ${a.bestScorePct} %` : a.attemptsLeft === 0 ? "No attempts left" : a.attemptsUsed ? `${a.attemptsLeft} attempt${a.attemptsLeft === 1 ? "" : "s"} left` : "Quiz"}
                        </span>
                      ) : null}
                    </NavLink>
                  </li>
                );
              })}
          </ol>
        </li>
      ))}
    </ol>
  );
}
