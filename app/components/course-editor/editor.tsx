import { useEffect, useMemo, useRef, useState } from "react";
import { adoptSaved, newAssessment, newLesson, newModule, toPayload, type EdCourse, type EdLesson, type EdModule } from "../../lib/course-doc";
import { Card } from "../ui/card";
import { AssessmentFields } from "./assessment-fields";
import { ErrorsContext, hasErrorUnder, ItemTools, move, PathError, TextField } from "./fields";
import { LessonFields } from "./lesson-fields";

export type SaveResult = { ok: true; course: EdCourse; at: number } | { ok: false; message: string; errors: Record<string, string>; at: number };

const LABELS: Record<string, string> = { title: "Title", summary: "Summary", tierIds: "Tiers", status: "Status", body: "Text", videoUrl: "Video link", downloads: "Downloads", label: "Label", url: "Link", assessment: "Quiz", passMarkPct: "Pass mark", maxAttempts: "Attempts", questions: "Questions", prompt: "Question", options: "Options", correct: "Right answer", accepted: "Accepted answers", pattern: "Pattern", explanation: "Explanation", modules: "Modules", lessons: "Lessons", id: "Id" };

/** "modules.0.lessons.1.title" → "Module 1 › Lesson 2 › Title". */
export function describePath(path: string): string {
  const parts = path.split(".");
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const n = parts[i + 1];
    const idx = n !== undefined && /^\d+$/.test(n) ? Number(n) + 1 : null;
    const singular: Record<string, string> = { modules: "Module", lessons: "Lesson", questions: "Question", downloads: "Download", options: "Option", tierIds: "Tier", accepted: "Accepted answer", correct: "Right answer" };
    if (idx !== null && singular[p]) {
      out.push(`${singular[p]} ${idx}`);
      i++;
    } else if (p === "assessment") out.push("Quiz");
    else out.push(LABELS[p] ?? p);
  }
  return out.join(" › ") || "Course";
}

/**
 * The course editor: the whole document in one page (course details, modules with lessons and a
 * quiz each), saved in one piece. The gateway's field errors appear beside their fields and in a
 * list at the top; the bar at the bottom says whether what you see is saved.
 */
export function CourseEditor({
  initial,
  tiers,
  isNew,
  result,
  saving,
  onSave,
  onDelete,
}: {
  initial: EdCourse;
  tiers: { id: string; name: string }[];
  isNew: boolean;
  result: SaveResult | undefined;
  saving: boolean;
  onSave: (payload: ReturnType<typeof toPayload>) => void;
  onDelete: () => void;
}) {
  const [doc, setDoc] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [savedJson, setSavedJson] = useState(() => (isNew ? "" : JSON.stringify(toPayload(initial))));
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [open, setOpen] = useState<Set<string>>(() => new Set(isNew ? initial.modules.flatMap((m) => m.lessons.map((l) => l._k)) : []));
  const submitted = useRef<EdCourse | null>(null);
  const json = useMemo(() => JSON.stringify(toPayload(doc)), [doc]);
  const dirty = json !== savedJson;
  const tierError = doc.audience === "tiers" && doc.tierIds.length === 0 ? "Pick at least one tier, or open it to every member" : null;

  // The answer to a save.
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (!result || seen.current === result.at) return;
    seen.current = result.at;
    const sent = submitted.current;
    if (result.ok) {
      const unchanged = !!sent && JSON.stringify(toPayload(sent)) === json;
      setDoc((d) => adoptSaved(d, result.course, unchanged));
      setSavedJson(JSON.stringify(toPayload(adoptSaved(sent ?? doc, result.course, true))));
      setErrors({});
      setMessage(null);
      setSavedAt(result.at);
    } else {
      setErrors(result.errors);
      // Field problems are listed from `errors` (and go as they are fixed); anything else is a message.
      setMessage(Object.keys(result.errors).length ? null : result.message);
      // Lessons with a problem open themselves.
      setOpen((o) => {
        const next = new Set(o);
        doc.modules.forEach((m, mi) => m.lessons.forEach((l, li) => hasErrorUnder(result.errors, `modules.${mi}.lessons.${li}`) && next.add(l._k)));
        return next;
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  // A message about the last save goes once the course changes.
  useEffect(() => setMessage(null), [json]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const clear = (path: string) =>
    setErrors((e) => {
      if (!(path in e)) return e;
      const next = { ...e };
      delete next[path];
      return next;
    });
  /** Adding, removing or moving items renumbers paths: the old errors would point at the wrong fields. */
  const restructure = (modules: EdModule[]) => {
    setErrors({});
    setDoc((d) => ({ ...d, modules }));
  };
  const setModule = (mi: number, patch: Partial<EdModule>) => setDoc((d) => ({ ...d, modules: d.modules.map((m, i) => (i === mi ? { ...m, ...patch } : m)) }));
  const setLesson = (mi: number, li: number, l: EdLesson) => setDoc((d) => ({ ...d, modules: d.modules.map((m, i) => (i === mi ? { ...m, lessons: m.lessons.map((x, k) => (k === li ? l : x)) } : m)) }));
  const toggle = (k: string, on: boolean) =>
    setOpen((o) => {
      if (o.has(k) === on) return o;
      const next = new Set(o);
      if (on) next.add(k);
      else next.delete(k);
      return next;
    });

  const save = () => {
    if (tierError) {
      setMessage(tierError);
      return;
    }
    submitted.current = doc;
    onSave(toPayload(doc));
  };
  const focusPath = (path: string) => {
    const el = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`) ?? document.querySelector<HTMLElement>(`[data-path^="${CSS.escape(path)}."]`) ?? document.querySelector<HTMLElement>(`[data-section="${CSS.escape(path.split(".").slice(0, 2).join("."))}"]`);
    el?.scrollIntoView({ block: "center", behavior: "smooth" });
    el?.focus({ preventScroll: true });
  };

  const errorList = Object.entries(errors);
  const state = saving ? "saving" : errorList.length || message ? "error" : dirty ? "dirty" : "saved";

  return (
    <ErrorsContext.Provider value={{ errors, clear }}>
      <div className="ce">
        {errorList.length || message ? (
          <div className="alert alert-error" role="alert" data-testid="editor-errors">
            <strong>{errorList.length ? `Not saved: ${errorList.length === 1 ? "one field needs" : `${errorList.length} fields need`} a look.` : message}</strong>
            {errorList.length ? (
              <ul className="ce-error-list">
                {errorList.map(([path, msg]) => (
                  <li key={path}>
                    <button type="button" className="link-button ce-error-link" onClick={() => focusPath(path)}>
                      {describePath(path)}
                    </button>
                    : {msg}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <Card className="stack ce-course">
          <h2>Course</h2>
          <TextField label="Title" path="title" value={doc.title} onChange={(title) => setDoc({ ...doc, title })} placeholder="e.g. Skincare basics" />
          <TextField label="Summary" path="summary" rows={3} value={doc.summary} onChange={(summary) => setDoc({ ...doc, summary })} hint="One or two sentences on the course card and at the top of the course." />
          <fieldset className="field">
            <legend>Who can take it</legend>
            <div className="ce-segmented" role="radiogroup">
              {(["all", "tiers"] as const).map((a) => (
                <label key={a} className={doc.audience === a ? "ce-seg ce-seg-on" : "ce-seg"}>
                  <input type="radio" name="audience" checked={doc.audience === a} onChange={() => setDoc({ ...doc, audience: a })} />
                  {a === "all" ? "Every member" : "Chosen tiers"}
                </label>
              ))}
            </div>
            {doc.audience === "tiers" ? (
              <div className="chips" style={{ marginTop: "var(--space-2)" }}>
                {tiers.map((t) => (
                  <label key={t.id} className="chip">
                    <input type="checkbox" checked={doc.tierIds.includes(t.id)} onChange={(e) => setDoc({ ...doc, tierIds: e.currentTarget.checked ? [...doc.tierIds, t.id] : doc.tierIds.filter((x) => x !== t.id) })} />
                    <span>{t.name}</span>
                  </label>
                ))}
              </div>
            ) : (
              <span className="hint">Anyone who joins the community can take it.</span>
            )}
            {tierError && doc.audience === "tiers" ? <span className="error">{tierError}</span> : null}
            <PathError path="tierIds" also={doc.tierIds.map((_, i) => `tierIds.${i}`)} />
          </fieldset>
          <fieldset className="field">
            <legend>Status</legend>
            <div className="ce-segmented" role="radiogroup">
              {(["draft", "published"] as const).map((s) => (
                <label key={s} className={doc.status === s ? "ce-seg ce-seg-on" : "ce-seg"}>
                  <input type="radio" name="status" checked={doc.status === s} onChange={() => setDoc({ ...doc, status: s })} />
                  {s === "draft" ? "Draft" : "Published"}
                </label>
              ))}
            </div>
            <span className="hint">{doc.status === "draft" ? "Only you can see a draft." : "Members see it on your community page once you save."}</span>
          </fieldset>
        </Card>

        {doc.modules.map((m, mi) => {
          const mp = `modules.${mi}`;
          return (
            <Card key={m._k} className={hasErrorUnder(errors, mp) ? "ce-module ce-has-error" : "ce-module"} data-section={mp} aria-label={`Module ${mi + 1}`}>
              <div className="ce-item-head">
                <span className="ce-kicker">Module {mi + 1}</span>
                <ItemTools
                  name={`module ${mi + 1}`}
                  index={mi}
                  count={doc.modules.length}
                  onMove={(to) => restructure(move(doc.modules, mi, to))}
                  onRemove={() => (m.lessons.length === 0 && !m.assessment) || confirm(`Remove module ${mi + 1}${m.title ? ` (${m.title})` : ""} with its lessons and quiz? Learners' progress in them goes when you save.`) ? restructure(doc.modules.filter((_, i) => i !== mi)) : undefined}
                />
              </div>
              <TextField label="Module title" path={`${mp}.title`} value={m.title} onChange={(title) => setModule(mi, { title })} />
              <TextField label="Module summary (optional)" path={`${mp}.summary`} rows={2} value={m.summary} onChange={(summary) => setModule(mi, { summary })} />

              <h4 className="ce-sub">Lessons</h4>
              {m.lessons.length === 0 ? <p className="hint">No lessons yet.</p> : null}
              <ol className="ce-lessons">
                {m.lessons.map((l, li) => {
                  const lp = `${mp}.lessons.${li}`;
                  const bad = hasErrorUnder(errors, lp);
                  return (
                    <li key={l._k} className={bad ? "ce-lesson ce-has-error" : "ce-lesson"}>
                      <details open={open.has(l._k) || bad} onToggle={(e) => toggle(l._k, e.currentTarget.open)} data-section={lp}>
                        <summary>
                          <span className="ce-lesson-name">
                            <span className="ce-kicker">Lesson {li + 1}</span>
                            <span>{l.title || <em className="muted">Untitled lesson</em>}</span>
                          </span>
                          {bad ? <span className="badge ce-badge-error">Needs a look</span> : null}
                        </summary>
                        <LessonFields value={l} path={lp} onChange={(next) => setLesson(mi, li, next)} />
                      </details>
                      <ItemTools
                        name={`lesson ${li + 1}`}
                        index={li}
                        count={m.lessons.length}
                        onMove={(to) => restructure(doc.modules.map((x, i) => (i === mi ? { ...x, lessons: move(x.lessons, li, to) } : x)))}
                        onRemove={() => (!l.id && !l.title && !l.body) || confirm(`Remove lesson ${li + 1}${l.title ? ` (${l.title})` : ""}? Learners' completions of it go when you save.`) ? restructure(doc.modules.map((x, i) => (i === mi ? { ...x, lessons: x.lessons.filter((_, k) => k !== li) } : x))) : undefined}
                      />
                    </li>
                  );
                })}
              </ol>
              <PathError path={`${mp}.lessons`} />
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => {
                  const l = newLesson();
                  toggle(l._k, true);
                  restructure(doc.modules.map((x, i) => (i === mi ? { ...x, lessons: [...x.lessons, l] } : x)));
                }}
              >
                + Add a lesson
              </button>

              {m.assessment ? (
                <AssessmentFields
                  value={m.assessment}
                  path={`${mp}.assessment`}
                  onChange={(assessment) => setModule(mi, { assessment })}
                  onRemove={() => (confirm("Remove this quiz? Learners' attempts at it go when you save.") ? restructure(doc.modules.map((x, i) => (i === mi ? { ...x, assessment: null } : x))) : undefined)}
                />
              ) : (
                <button type="button" className="btn btn-ghost btn-small ce-add-quiz" onClick={() => restructure(doc.modules.map((x, i) => (i === mi ? { ...x, assessment: newAssessment(m.title ? `${m.title}: quiz` : "Quiz") } : x)))}>
                  + Add a quiz to this module
                </button>
              )}
            </Card>
          );
        })}
        <PathError path="modules" />
        <button
          type="button"
          className="btn btn-secondary btn-block"
          onClick={() => {
            const m = newModule();
            m.lessons.forEach((l) => toggle(l._k, true));
            restructure([...doc.modules, m]);
          }}
        >
          + Add a module
        </button>

        {!isNew ? (
          <div className="ce-danger">
            <button type="button" className="btn btn-ghost btn-small" onClick={() => confirm("Delete this course and every learner's progress in it? This cannot be undone.") && onDelete()}>
              Delete course
            </button>
          </div>
        ) : null}

        <div className="ce-bar" data-state={state}>
          <span className="ce-status" role="status" aria-live="polite" data-testid="save-state">
            <span className="ce-dot" aria-hidden="true" />
            {state === "saving"
              ? "Saving…"
              : state === "error"
                ? `Not saved${errorList.length ? `: ${errorList.length} field${errorList.length === 1 ? "" : "s"} to fix` : ""}`
                : state === "dirty"
                  ? isNew
                    ? "Not saved yet"
                    : "Unsaved changes"
                  : `Saved${savedAt ? ` at ${new Date(savedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}` : ""} · ${doc.status === "published" ? "published" : "draft"}`}
          </span>
          <button type="button" className="btn btn-small" disabled={saving || (!dirty && !isNew && !errorList.length)} onClick={save}>
            {saving ? "Saving…" : isNew ? "Create course" : "Save"}
          </button>
        </div>
      </div>
    </ErrorsContext.Provider>
  );
}
