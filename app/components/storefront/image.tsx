import type { ImageRef } from "./types";

const WIDTHS = [320, 480, 640, 960, 1280];

/**
 * An image that never shifts the layout (width/height or an aspect box) and, where the platform
 * resizes images, offers width variants through srcset.
 */
export function SfImage({ image, sizes, priority, resize, className }: { image: ImageRef; sizes: string; priority?: boolean; resize: boolean; className?: string }) {
  const local = image.url.startsWith("/media/");
  const srcSet = resize && local && image.width ? WIDTHS.filter((w) => w < image.width! * 1.2).map((w) => `/cdn-cgi/image/width=${w},quality=80,format=auto${image.url} ${w}w`).join(", ") : undefined;
  return (
    <img
      className={className}
      src={image.url}
      srcSet={srcSet || undefined}
      sizes={srcSet ? sizes : undefined}
      width={image.width ?? 800}
      height={image.height ?? 800}
      alt={image.alt}
      loading={priority ? "eager" : "lazy"}
      decoding="async"
      {...(priority ? { fetchpriority: "high" } : {})}
    />
  );
}
