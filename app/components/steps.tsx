/** Signup progress: where you are out of how many, readable by screen readers too. */
export function Steps({ steps, current }: { steps: readonly string[]; current: number }) {
  return (
    <>
      <p className="visually-hidden" aria-live="polite">Step {current + 1} of {steps.length}: {steps[current]}</p>
      <ol className="steps" aria-label="Progress">
        {steps.map((label, i) => (
          <li key={label} data-state={i < current ? "done" : i === current ? "current" : "todo"} aria-current={i === current ? "step" : undefined}>
            <span>{i + 1}. {label}</span>
          </li>
        ))}
      </ol>
    </>
  );
}
