import { useEffect, useRef, useState } from "react";
import { ImageIcon } from "./icons";

/**
 * A product's first image, or a quiet placeholder when it has none or it does not load (an imported
 * image may live on a store that is gone or unreachable).
 */
export function ProductThumb({ src, alt, size = "small" }: { src: string | null | undefined; alt: string; size?: "small" | "large" }) {
  const [failed, setFailed] = useState(false);
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    setFailed(false);
    // An image that failed before the page was interactive fired its error event too early for React.
    const el = img.current;
    if (el && el.complete && el.naturalWidth === 0) setFailed(true);
  }, [src]);
  if (!src || failed) {
    return (
      <span className={`thumb thumb-${size} thumb-empty`} role="img" aria-label={src ? `${alt} (image unavailable)` : "No image"}>
        <ImageIcon />
      </span>
    );
  }
  return <img ref={img} className={`thumb thumb-${size}`} src={src} alt={alt} loading="lazy" decoding="async" onError={() => setFailed(true)} />;
}
