import { useNavigation } from "@remix-run/react";
import { useEffect, useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

interface FieldProps {
  label: string;
  hint?: ReactNode;
  /** Error from the server (problem+json), shown until the person edits the field. */
  error?: string;
  /** Client-side check with the same zod schema the API uses; runs on blur. */
  validate?: (value: string) => string | undefined;
  prefix?: string;
  /** An error computed as the person types (e.g. handle availability); always shown. */
  liveError?: string;
}

function useFieldState(serverError: string | undefined, validate?: (v: string) => string | undefined) {
  const [clientError, setClientError] = useState<string | undefined>();
  const [touched, setTouched] = useState(false);
  const submitting = useNavigation().state === "submitting";
  // Each submission starts fresh, so the server's answer to it is always shown.
  useEffect(() => {
    if (submitting) {
      setTouched(false);
      setClientError(undefined);
    }
  }, [submitting]);
  const error = clientError ?? (touched ? undefined : serverError);
  return {
    error,
    onBlur: (value: string) => setClientError(validate?.(value)),
    onChange: (value: string) => {
      setTouched(true);
      if (clientError) setClientError(validate?.(value));
    },
  };
}

/** The one input: label, hint, inline error, accessible wiring. */
export function Input({ label, hint, error: serverError, validate, prefix, liveError, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const fieldState = useFieldState(serverError, validate);
  const state = { ...fieldState, error: liveError ?? fieldState.error };
  const describedBy = [hint && `${id}-hint`, state.error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const control = (
    <input
      id={id}
      className={["input", className].filter(Boolean).join(" ")}
      aria-invalid={state.error ? true : undefined}
      aria-describedby={describedBy}
      {...input}
      onBlur={(e) => {
        state.onBlur(e.currentTarget.value);
        input.onBlur?.(e);
      }}
      onChange={(e) => {
        state.onChange(e.currentTarget.value);
        input.onChange?.(e);
      }}
    />
  );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {prefix ? <div className="input-prefixed"><span aria-hidden="true">{prefix}</span>{control}</div> : control}
      {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
      {state.error && <span id={`${id}-error`} className="error" role="alert">{state.error}</span>}
    </div>
  );
}

export function Select({
  label,
  hint,
  error: serverError,
  options,
  placeholder,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[]; placeholder?: string }) {
  const id = useId();
  const state = useFieldState(serverError, select.required ? (v) => (v ? undefined : `Pick one`) : undefined);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="input"
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...select}
        onBlur={(e) => {
          state.onBlur(e.currentTarget.value);
          select.onBlur?.(e);
        }}
        onChange={(e) => {
          state.onChange(e.currentTarget.value);
          select.onChange?.(e);
        }}
      >
        {placeholder && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
      {state.error && <span id={`${id}-error`} className="error" role="alert">{state.error}</span>}
    </div>
  );
}

/** Turns a zod schema into a `validate` function for a field. */
export function zodValidator(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }) {
  return (value: string) => {
    const r = schema.safeParse(value);
    return r.success ? undefined : r.error?.issues[0]?.message;
  };
}
