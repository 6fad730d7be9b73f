import { and, eq } from "drizzle-orm";
import { creatorProducts, creators } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { bodyTooLarge, BODY_LIMITS } from "../lib/body-limit";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { creatorProductRecord, ownProduct } from "./creator-products";

/** Where private files live in the bucket: /media never serves this prefix (ADR 018). */
export const PRIVATE_PREFIX = "private/";

const safeName = (name: string) =>
  name
    .replace(/[\\/\u0000-\u001f"<>:|?*]+/g, "_")
    .trim()
    .slice(0, 120) || "download";

/**
 * Stores a digital product's file (the request body, read up to the route's limit by limitBodies) in R2 under the
 * private prefix, replacing any earlier one. Buyers reach it only through expiring signed links.
 */
export async function uploadProductFile(
  deps: Deps & { bucket: R2Bucket },
  creator: typeof creators.$inferSelect,
  productId: string,
  body: ArrayBuffer,
  file: { name: string; type: string },
) {
  const row = await ownProduct(deps, creator, productId);
  if (row.kind !== "digital") throw new AppError("validation_failed", "Only digital products have a file to download.", [{ path: "params.productId", message: "Not a digital product" }]);
  const bytes = new Uint8Array(body);
  if (bytes.byteLength === 0) throw new AppError("validation_failed", "The upload is empty.", [{ path: "body", message: "Send the file's bytes as the request body" }]);
  if (bytes.byteLength > BODY_LIMITS.productFile.maxBytes) throw bodyTooLarge(BODY_LIMITS.productFile.maxBytes);
  const key = `${PRIVATE_PREFIX}downloads/${creator.id}/${row.id}/${newId("media")}`;
  const type = /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : "application/octet-stream";
  await deps.bucket.put(key, bytes, { httpMetadata: { contentType: type } });
  await deps.db
    .update(creatorProducts)
    .set({ fileKey: key, fileName: safeName(file.name), fileBytes: bytes.byteLength, fileType: type, updatedAt: deps.now() })
    .where(and(eq(creatorProducts.id, row.id), eq(creatorProducts.creatorId, creator.id)));
  // The earlier file is gone only after the new one is recorded (a buyer's link made a moment ago may still name it).
  if (row.fileKey && row.fileKey !== key) await deps.bucket.delete(row.fileKey);
  return creatorProductRecord(await ownProduct(deps, creator, productId));
}
