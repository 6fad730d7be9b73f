import { and, eq, sql } from "drizzle-orm";
import { imageSize } from "image-size";
import { media, products } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { bodyTooLarge, BODY_LIMITS } from "../lib/body-limit";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { PRIVATE_PREFIX } from "../shop/product-file";

export const MAX_MEDIA_BYTES = BODY_LIMITS.productImage.maxBytes;
const TYPES: Record<string, string> = { jpg: "image/jpeg", png: "image/png", gif: "image/gif", webp: "image/webp", avif: "image/avif" };

/** The stored image's public URL: served by the gateway (through the app's origin) with long cache headers. */
export const mediaUrl = (key: string) => `/media/${key}`;

export function mediaRecord(m: typeof media.$inferSelect) {
  return { id: m.id, url: m.key ? mediaUrl(m.key) : m.url!, contentType: m.contentType, bytes: m.bytes, width: m.width, height: m.height, alt: m.alt, position: m.position };
}

/** The image type from its bytes (the declared Content-Type is never trusted) and its pixel size. */
export function sniffImage(bytes: Uint8Array): { contentType: string; ext: string; width: number; height: number } | null {
  try {
    const s = imageSize(bytes);
    const ext = s.type === "jpg" ? "jpg" : s.type;
    if (!ext || !TYPES[ext] || !s.width || !s.height) return null;
    return { contentType: TYPES[ext]!, ext, width: s.width, height: s.height };
  } catch {
    return null;
  }
}

export async function uploadProductMedia(deps: Deps & { bucket: R2Bucket }, tenant: BrandTenant, productId: string, body: ArrayBuffer, alt: string) {
  const product = await deps.db.select({ id: products.id }).from(products).where(and(eq(products.id, productId), eq(products.brandId, tenant.brandId))).get();
  if (!product) throw new AppError("not_found", `No product ${productId} in this catalog.`);
  if (body.byteLength === 0) throw new AppError("validation_failed", "The upload is empty.", [{ path: "body", message: "Send the image bytes as the request body" }]);
  if (body.byteLength > MAX_MEDIA_BYTES) throw bodyTooLarge(MAX_MEDIA_BYTES);
  const kind = sniffImage(new Uint8Array(body));
  if (!kind) throw new AppError("validation_failed", "That file is not a JPEG, PNG, GIF, WebP or AVIF image.", [{ path: "body", message: "Unsupported or corrupt image" }]);
  const id = newId("media");
  const key = `${tenant.brandId}/${id}.${kind.ext}`;
  await deps.bucket.put(key, body, { httpMetadata: { contentType: kind.contentType, cacheControl: "public, max-age=31536000, immutable" } });
  const pos = await deps.db.select({ n: sql<number>`count(*)` }).from(media).where(eq(media.productId, productId)).get();
  const row = { id, brandId: tenant.brandId, productId, key, url: null, contentType: kind.contentType, bytes: body.byteLength, width: kind.width, height: kind.height, alt, position: pos?.n ?? 0, createdAt: deps.now() };
  await deps.db.insert(media).values(row);
  return mediaRecord(row);
}

export async function deleteProductMedia(deps: Deps & { bucket: R2Bucket }, tenant: BrandTenant, productId: string, mediaId: string) {
  const row = await deps.db.select().from(media).where(and(eq(media.id, mediaId), eq(media.productId, productId), eq(media.brandId, tenant.brandId))).get();
  if (!row) throw new AppError("not_found", `No media ${mediaId} on this product.`);
  await deps.db.delete(media).where(eq(media.id, mediaId));
  if (row.key) await deps.bucket.delete(row.key);
}

/** GET /media/:key — immutable keys, so a year of caching is safe. */
export async function serveMedia(bucket: R2Bucket, key: string, request: Request): Promise<Response> {
  // Digital products' files are private: only an order's signed download link reaches them.
  if (key.startsWith(PRIVATE_PREFIX)) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  const obj = await bucket.get(key, { onlyIf: request.headers });
  if (!obj) return new Response("Not found", { status: 404, headers: { "cache-control": "public, max-age=60" } });
  const headers = new Headers();
  obj.writeHttpMetadata(headers);
  headers.set("etag", obj.httpEtag);
  headers.set("cache-control", "public, max-age=31536000, immutable");
  headers.set("x-content-type-options", "nosniff");
  if (!("body" in obj)) return new Response(null, { status: 304, headers });
  return new Response(obj.body, { headers });
}
