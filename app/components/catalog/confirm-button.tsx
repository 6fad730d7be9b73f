import { useEffect, useRef, useState } from "react";
import { Button } from "../ui/button";

/**
 * A destructive action that asks once, in place: the first press turns into "Delete? Yes / Keep",
 * so a stray tap on a phone never deletes anything.
 */
export function ConfirmButton({ label, confirmLabel, question, onConfirm, disabled }: { label: string; confirmLabel: string; question: string; onConfirm: () => void; disabled?: boolean }) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <Button type="button" variant="ghost" size="small" className="btn-danger-text" onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </Button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="small">{question}</span>
      {/* A plain button: the design system's Button does not take a ref, and this one gets focus. */}
      <button
        type="button"
        className="btn btn-danger btn-small"
        ref={yes}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <Button type="button" variant="ghost" size="small" onClick={() => setAsking(false)}>
        Keep
      </Button>
    </span>
  );
}
