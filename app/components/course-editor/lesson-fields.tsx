import { key, type EdLesson } from "../../lib/course-doc";
import { videoEmbed } from "../../lib/course";
import { PathError, TextField, useErrors } from "./fields";

/** One lesson: title, body (basic HTML or plain paragraphs), a video link and downloads. */
export function LessonFields({ value: l, path, onChange }: { value: EdLesson; path: string; onChange: (l: EdLesson) => void }) {
  const set = (patch: Partial<EdLesson>) => onChange({ ...l, ...patch });
  const { errors, clear } = useErrors();
  const video = l.videoUrl.trim() ? videoEmbed(l.videoUrl.trim()) : null;
  return (
    <div className="ce-lesson-body">
      <TextField label="Lesson title" path={`${path}.title`} value={l.title} onChange={(title) => set({ title })} />
      <TextField
        label="Lesson text"
        path={`${path}.body`}
        rows={8}
        value={l.body}
        onChange={(body) => set({ body })}
        hint={
          <>
            Write in paragraphs (a blank line between them), or use basic HTML: <code>&lt;p&gt;</code>, <code>&lt;h3&gt;</code>, <code>&lt;ul&gt;&lt;li&gt;</code>, <code>&lt;strong&gt;</code>, <code>&lt;a href&gt;</code>. Anything else is removed when you save.
          </>
        }
      />
      <TextField
        label="Video link (optional)"
        path={`${path}.videoUrl`}
        type="url"
        inputMode="url"
        value={l.videoUrl}
        onChange={(videoUrl) => set({ videoUrl })}
        placeholder="https://www.youtube.com/watch?v=…"
        hint={video ? `${video.provider} video: it plays inside the lesson.` : "A YouTube, Vimeo or Loom link."}
      />
      <fieldset className="field ce-downloads">
        <legend>Downloads</legend>
        {l.downloads.length === 0 ? <span className="hint">Worksheets, checklists, slides: links to files learners can keep.</span> : null}
        {l.downloads.map((d, di) => {
          const dp = `${path}.downloads.${di}`;
          const setD = (patch: Partial<typeof d>) => set({ downloads: l.downloads.map((x, i) => (i === di ? { ...x, ...patch } : x)) });
          return (
            <div key={d._k} className="ce-download">
              <TextField label="Label" path={`${dp}.label`} value={d.label} onChange={(label) => setD({ label })} placeholder="Routine checklist (PDF)" />
              <TextField label="Link" path={`${dp}.url`} type="url" inputMode="url" value={d.url} onChange={(url) => setD({ url })} placeholder="https://…" />
              <button
                type="button"
                className="ce-icon ce-download-remove"
                aria-label={`Remove download ${di + 1}`}
                onClick={() => {
                  Object.keys(errors).forEach((k) => k.startsWith(`${path}.downloads`) && clear(k));
                  set({ downloads: l.downloads.filter((_, i) => i !== di) });
                }}
              >
                ✕
              </button>
            </div>
          );
        })}
        <PathError path={`${path}.downloads`} />
        {l.downloads.length < 20 ? (
          <button type="button" className="btn btn-ghost btn-small ce-add-option" onClick={() => set({ downloads: [...l.downloads, { _k: key(), label: "", url: "" }] })}>
            + Add a download
          </button>
        ) : null}
      </fieldset>
    </div>
  );
}
