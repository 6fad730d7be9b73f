import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Media } from "../../lib/catalog";
import { ConfirmButton } from "./confirm-button";
import { UploadIcon } from "./icons";
import { ProductThumb } from "./product-thumb";

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = "image/jpeg,image/png,image/gif,image/webp,image/avif";

/**
 * The product's images, and a new one to add: picked or dropped, previewed at once, uploaded with
 * the next save. Removing an image is immediate.
 */
export function MediaField({ media, title, error }: { media: Media[]; title: string; error?: string }) {
  const [preview, setPreview] = useState<{ url: string; name: string; size: number } | null>(null);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const remover = useFetcher<{ ok: boolean; message?: string }>({ key: "media-delete" });
  const removing = remover.formData?.get("mediaId");
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview.url)), [preview]);

  const pick = (file: File | undefined) => {
    setTooBig(null);
    if (!file) return setPreview(null);
    if (file.size > MAX_BYTES) {
      setTooBig(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; images can be up to 10 MB.`);
      if (input.current) input.current.value = "";
      return setPreview(null);
    }
    setPreview({ url: URL.createObjectURL(file), name: file.name, size: file.size });
  };
  const shownError = tooBig ?? error;

  return (
    <div className="stack media-field">
      {media.length > 0 && (
        <ul className="media-grid">
          {media
            .filter((m) => m.id !== removing)
            .map((m, i) => (
              <li key={m.id}>
                <ProductThumb src={m.url} alt={m.alt || `${title}, image ${i + 1}`} size="large" />
                <div className="media-meta">
                  <span className="small muted media-alt" title={m.alt}>{i === 0 ? "Main image" : m.alt || `Image ${i + 1}`}</span>
                  <ConfirmButton label="Remove" confirmLabel="Remove" question="Remove this image?" onConfirm={() => remover.submit({ intent: "delete-media", mediaId: m.id }, { method: "post" })} />
                </div>
              </li>
            ))}
        </ul>
      )}
      {remover.state === "idle" && remover.data?.ok === false && <div className="alert alert-error" role="alert">{remover.data.message}</div>}
      <div className="dropzone" data-filled={preview ? "true" : undefined} data-invalid={shownError ? "true" : undefined}>
        {preview ? (
          <img className="dropzone-preview" src={preview.url} alt="Preview of the image to upload" />
        ) : (
          <span className="dropzone-icon" aria-hidden="true">
            <UploadIcon />
          </span>
        )}
        <span className="dropzone-text">
          {preview ? (
            <>
              <strong>{preview.name}</strong>
              <span className="small muted">{(preview.size / 1024).toFixed(0)} KB · uploaded when you save</span>
            </>
          ) : (
            <>
              <strong>{media.length ? "Add another image" : "Add an image"}</strong>
              <span className="small muted">Drop it here or choose a file · JPEG, PNG, WebP, GIF or AVIF up to 10 MB</span>
            </>
          )}
        </span>
        <input ref={input} type="file" name="image" accept={ACCEPT} aria-label={media.length ? "Add another image" : "Add an image"} aria-invalid={shownError ? true : undefined} onChange={(e) => pick(e.currentTarget.files?.[0])} />
      </div>
      {preview && (
        <div className="row media-new-actions">
          <div className="field" style={{ flex: "1 1 14rem" }}>
            <label htmlFor="image-alt">Describe the image (alt text)</label>
            <input id="image-alt" className="input" name="imageAlt" maxLength={200} placeholder={`e.g. ${title || "The product"} on a plain background`} />
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => {
              if (input.current) input.current.value = "";
              pick(undefined);
            }}
          >
            Don’t add it
          </button>
        </div>
      )}
      {shownError && <p className="error small" role="alert">{shownError}</p>}
    </div>
  );
}
