import { useRef, useState } from "react";
import { MAX_POST_CHARS } from "../../../durable-objects/community-room.protocol";

const MAX_PHOTOS = 4;

/** The post box: text, up to four photos (uploaded first; the post carries their URLs), sticky at the bottom on a phone. */
export function Composer({ roomId, disabled, placeholder, onPost }: { roomId: string; disabled: boolean; placeholder: string; onPost: (body: string, images: string[]) => boolean }) {
  const [draft, setDraft] = useState("");
  const [images, setImages] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(null);
    setUploading(true);
    try {
      for (const f of [...files].slice(0, MAX_PHOTOS - images.length)) {
        const res = await fetch(`/api/v1/rooms/${roomId}/media`, { method: "POST", headers: { "content-type": "application/octet-stream", accept: "application/json" }, body: f });
        const body = (await res.json()) as { url?: string; detail?: string };
        if (!res.ok || !body.url) {
          setError(body.detail ?? "That photo could not be uploaded.");
          break;
        }
        setImages((x) => [...x, body.url!]);
      }
    } catch {
      setError("You seem to be offline; try again.");
    } finally {
      setUploading(false);
      if (file.current) file.current.value = "";
    }
  };

  return (
    <form
      className="room-composer"
      onSubmit={(e) => {
        e.preventDefault();
        const body = draft.trim();
        if (body && onPost(body, images)) {
          setDraft("");
          setImages([]);
        }
      }}
    >
      {images.length ? (
        <ul className="composer-photos" aria-label="Photos to post">
          {images.map((url) => (
            <li key={url}>
              <img src={url} alt="" />
              <button type="button" aria-label="Remove photo" onClick={() => setImages((x) => x.filter((u) => u !== url))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="alert alert-error composer-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="composer-row">
        <label htmlFor="post-body" className="visually-hidden">
          Write a post
        </label>
        <textarea id="post-body" rows={2} value={draft} maxLength={MAX_POST_CHARS} disabled={disabled} placeholder={placeholder} onChange={(e) => setDraft(e.target.value)} />
        <input ref={file} id="post-photo" type="file" accept="image/png,image/jpeg,image/gif,image/webp,image/avif" multiple className="visually-hidden" onChange={(e) => void upload(e.target.files)} />
        <label htmlFor="post-photo" className="btn btn-secondary composer-photo" aria-disabled={disabled || uploading || images.length >= MAX_PHOTOS} title="Add photos">
          {uploading ? "…" : "Photo"}
        </label>
        <button className="btn" disabled={!draft.trim() || disabled || uploading}>
          Post
        </button>
      </div>
    </form>
  );
}
