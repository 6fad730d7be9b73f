import { useState } from "react";
import { renderSVG } from "uqr";

/** A creator's affiliate link: the URL with its UTM preview, a copy button and a QR code. */
export function LinkShare({ url, destination }: { url: string; destination: string }) {
  const [copied, setCopied] = useState(false);
  const dest = new URL(destination);
  return (
    <div className="link-share">
      <div className="spread">
        <code className="small" data-testid="affiliate-link">{url}</code>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={async () => {
            await navigator.clipboard?.writeText(url).catch(() => undefined);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }}
        >
          {copied ? "Copied ✓" : "Copy link"}
        </button>
      </div>
      <p className="muted small" style={{ margin: "var(--space-1) 0 0" }}>
        Visitors land on {dest.host}{dest.pathname} with utm_source, utm_medium and utm_campaign filled in and a click id for attribution.
      </p>
      <details>
        <summary className="small">QR code</summary>
        <div className="qr" role="img" aria-label={`QR code for ${url}`} dangerouslySetInnerHTML={{ __html: renderSVG(url, { border: 2 }) }} />
      </details>
    </div>
  );
}
