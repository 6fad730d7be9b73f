import { createContext, useContext, useId, type ReactNode } from "react";

/** Field errors from the gateway, keyed by path without `body.` ("modules.0.lessons.1.title"), and a way to clear one as it is edited. */
export const ErrorsContext = createContext<{ errors: Record<string, string>; clear: (path: string) => void }>({ errors: {}, clear: () => undefined });

export const useErrors = () => useContext(ErrorsContext);

/** Whether any error sits at or under a path (to open a collapsed lesson, mark a module). */
export function hasErrorUnder(errors: Record<string, string>, path: string) {
  return Object.keys(errors).some((k) => k === path || k.startsWith(`${path}.`));
}

/**
 * A labelled text input or textarea in the design system's look (`.field`, `.input`), controlled,
 * showing the gateway's error for its path until it is edited.
 */
export function TextField({
  label,
  path,
  value,
  onChange,
  hint,
  rows,
  placeholder,
  type = "text",
  inputMode,
  className,
  extraErrorPaths = [],
}: {
  label: ReactNode;
  path: string;
  value: string;
  onChange: (v: string) => void;
  hint?: ReactNode;
  rows?: number;
  placeholder?: string;
  type?: "text" | "url" | "number";
  inputMode?: "numeric" | "url" | "text";
  className?: string;
  /** Errors at other paths shown here (e.g. a list's items under the one textarea that edits them). */
  extraErrorPaths?: string[];
}) {
  const id = useId();
  const { errors, clear } = useErrors();
  const extra = Object.entries(errors).filter(([k]) => extraErrorPaths.some((p) => k.startsWith(`${p}.`)));
  const error = errors[path] ?? extra[0]?.[1];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    className: rows ? "input ce-textarea" : "input",
    value,
    placeholder,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    "data-path": path,
    onChange: (e: { currentTarget: { value: string } }) => {
      onChange(e.currentTarget.value);
      if (error) {
        clear(path);
        for (const [k] of extra) clear(k);
      }
    },
  };
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      {rows ? <textarea rows={rows} {...common} /> : <input type={type} inputMode={inputMode} {...common} />}
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** An error for a path that has no input of its own (a list that is empty, a picker). */
export function PathError({ path, also = [] }: { path: string; also?: string[] }) {
  const { errors } = useErrors();
  const message = errors[path] ?? also.map((p) => errors[p]).find(Boolean);
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** The ↑ ↓ ✕ buttons of a list item. */
export function ItemTools({ name, index, count, onMove, onRemove }: { name: string; index: number; count: number; onMove: (to: number) => void; onRemove: () => void }) {
  return (
    <span className="ce-tools">
      <button type="button" className="ce-icon" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => onMove(index - 1)}>
        ↑
      </button>
      <button type="button" className="ce-icon" aria-label={`Move ${name} down`} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
        ↓
      </button>
      <button type="button" className="ce-icon" aria-label={`Remove ${name}`} onClick={onRemove}>
        ✕
      </button>
    </span>
  );
}

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x!);
  return next;
}
