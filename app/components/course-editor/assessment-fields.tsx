import type { EdAssessment, EdQuestion } from "../../lib/course-doc";
import { newQuestion } from "../../lib/course-doc";
import { ItemTools, move, PathError, TextField, useErrors } from "./fields";

const KINDS = [
  { value: "single", label: "One right answer" },
  { value: "multiple", label: "Several right answers" },
  { value: "short", label: "Short written answer" },
] as const;

/** A module's quiz: pass mark, attempt limit and its questions. */
export function AssessmentFields({ value, path, onChange, onRemove }: { value: EdAssessment; path: string; onChange: (a: EdAssessment) => void; onRemove: () => void }) {
  const set = (patch: Partial<EdAssessment>) => onChange({ ...value, ...patch });
  const { clearUnder } = useClearUnder();
  const setQuestions = (questions: EdQuestion[]) => {
    clearUnder(`${path}.questions`);
    set({ questions });
  };
  return (
    <section className="ce-assessment" aria-label="Quiz">
      <div className="spread">
        <h4 className="ce-sub">Quiz</h4>
        <button type="button" className="btn btn-ghost btn-small" onClick={onRemove}>
          Remove quiz
        </button>
      </div>
      <TextField label="Quiz title" path={`${path}.title`} value={value.title} onChange={(title) => set({ title })} />
      <div className="ce-pair">
        <TextField label="Pass mark (%)" path={`${path}.passMarkPct`} type="number" inputMode="numeric" value={value.passMarkPct} onChange={(passMarkPct) => set({ passMarkPct })} />
        <TextField label="Attempts allowed" path={`${path}.maxAttempts`} type="number" inputMode="numeric" value={value.maxAttempts} onChange={(maxAttempts) => set({ maxAttempts })} />
      </div>
      <ol className="ce-questions">
        {value.questions.map((q, qi) => (
          <li key={q._k} className="ce-question">
            <QuestionFields
              value={q}
              n={qi + 1}
              path={`${path}.questions.${qi}`}
              onChange={(next) => set({ questions: value.questions.map((x, i) => (i === qi ? next : x)) })}
              tools={<ItemTools name={`question ${qi + 1}`} index={qi} count={value.questions.length} onMove={(to) => setQuestions(move(value.questions, qi, to))} onRemove={() => setQuestions(value.questions.filter((_, i) => i !== qi))} />}
            />
          </li>
        ))}
      </ol>
      <PathError path={`${path}.questions`} />
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setQuestions([...value.questions, newQuestion(value.questions.at(-1)?.kind ?? "single")])}>
        + Add a question
      </button>
    </section>
  );
}

function useClearUnder() {
  const { errors, clear } = useErrors();
  return { clearUnder: (prefix: string) => Object.keys(errors).forEach((k) => k.startsWith(prefix) && clear(k)) };
}

function QuestionFields({ value: q, n, path, onChange, tools }: { value: EdQuestion; n: number; path: string; onChange: (q: EdQuestion) => void; tools: React.ReactNode }) {
  const set = (patch: Partial<EdQuestion>) => onChange({ ...q, ...patch });
  const { errors, clear } = useErrors();
  const { clearUnder } = useClearUnder();
  const removeOption = (i: number) => {
    clearUnder(`${path}.options`);
    clearUnder(`${path}.correct`);
    set({
      options: q.options.filter((_, k) => k !== i),
      single: q.single === i ? 0 : q.single > i ? q.single - 1 : q.single,
      multiple: q.multiple.filter((k) => k !== i).map((k) => (k > i ? k - 1 : k)),
    });
  };
  const correctError = errors[`${path}.correct`] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.correct.`))?.[1];
  return (
    <div className="ce-question-body">
      <div className="ce-item-head">
        <span className="ce-kicker">Question {n}</span>
        {tools}
      </div>
      <div className="field">
        <label htmlFor={`${q._k}-kind`}>Kind</label>
        <select
          id={`${q._k}-kind`}
          className="input"
          value={q.kind}
          onChange={(e) => {
            clearUnder(path);
            set({ kind: e.currentTarget.value as EdQuestion["kind"] });
          }}
        >
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <TextField label="Question" path={`${path}.prompt`} value={q.prompt} rows={2} onChange={(prompt) => set({ prompt })} />
      {q.kind === "short" ? (
        <>
          <TextField
            label="Accepted answers"
            path={`${path}.accepted`}
            extraErrorPaths={[`${path}.accepted`]}
            rows={3}
            value={q.accepted}
            onChange={(accepted) => {
              clear(`${path}.pattern`);
              set({ accepted });
            }}
            hint="One per line. Matched ignoring capitals and extra spaces."
          />
          <TextField label="Or a pattern (optional)" path={`${path}.pattern`} value={q.pattern} onChange={(pattern) => set({ pattern })} placeholder="e.g. spf ?(30|50)" hint="A regular expression (RE2 syntax: no backreferences or lookaround) the whole answer must match (capitals ignored). Learners never see it." />
        </>
      ) : (
        <fieldset className="field ce-options">
          <legend>Options · mark {q.kind === "single" ? "the right one" : "every right one"}</legend>
          {q.options.map((o, i) => {
            const optPath = `${path}.options.${i}`;
            const right = q.kind === "single" ? q.single === i : q.multiple.includes(i);
            return (
              <div key={i} className={right ? "ce-option ce-option-right" : "ce-option"}>
                <label className="ce-correct" title="Right answer">
                  <input
                    type={q.kind === "single" ? "radio" : "checkbox"}
                    name={`correct-${q._k}`}
                    checked={right}
                    onChange={(e) => {
                      clearUnder(`${path}.correct`);
                      if (q.kind === "single") set({ single: i });
                      else set({ multiple: e.currentTarget.checked ? [...q.multiple, i] : q.multiple.filter((k) => k !== i) });
                    }}
                  />
                  <span className="visually-hidden">Option {i + 1} is right</span>
                </label>
                <input
                  className="input"
                  aria-label={`Option ${i + 1}`}
                  value={o}
                  data-path={optPath}
                  aria-invalid={errors[optPath] ? true : undefined}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (errors[optPath]) clear(optPath);
                    set({ options: q.options.map((x, k) => (k === i ? v : x)) });
                  }}
                />
                <button type="button" className="ce-icon" aria-label={`Remove option ${i + 1}`} disabled={q.options.length <= 2} onClick={() => removeOption(i)}>
                  ✕
                </button>
                {errors[optPath] ? (
                  <span className="error ce-option-error" role="alert">
                    {errors[optPath]}
                  </span>
                ) : null}
              </div>
            );
          })}
          {correctError ? (
            <span className="error" role="alert">
              {correctError}
            </span>
          ) : null}
          <PathError path={`${path}.options`} />
          {q.options.length < 10 ? (
            <button
              type="button"
              className="btn btn-ghost btn-small ce-add-option"
              onClick={() => {
                clear(`${path}.options`);
                set({ options: [...q.options, ""] });
              }}
            >
              + Add an option
            </button>
          ) : null}
        </fieldset>
      )}
      <TextField label="Explanation (optional)" path={`${path}.explanation`} rows={2} value={q.explanation} onChange={(explanation) => set({ explanation })} hint="Shown with the result, whether they got it right or not." />
    </div>
  );
}
