import { and, eq } from "drizzle-orm";
import { creatorProducts } from "../db/d1/schema";
import { orderItems, orders } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { base64url, hmacSha256Hex, timingSafeEqual } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { HOLDS_GOODS } from "./order-state";

/** How long a download link works (the order page mints a fresh one on every visit). */
export const DOWNLOAD_TTL_MS = 15 * 60_000;

const encoder = new TextEncoder();
const decodeB64url = (s: string) => new TextDecoder().decode(Uint8Array.from(atob(s.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0)));
const signature = (secret: string, payload: string) => hmacSha256Hex(`download:${secret}`, payload);

/** A signed, expiring link to one product of one order: `/api/v1/downloads/<payload>.<signature>`. */
export async function downloadPath(deps: Deps, orderId: string, productId: string) {
  const payload = base64url(encoder.encode(JSON.stringify({ o: orderId, p: productId, e: deps.now() + DOWNLOAD_TTL_MS })));
  return `/api/v1/downloads/${payload}.${await signature(deps.config.sessionSecret, payload)}`;
}

/**
 * Serves a download link's file: the signature must verify, the link must not have expired, and
 * the order must still hold the goods (a refunded or disputed order's links stop working).
 */
export async function serveDownload(deps: Deps & { bucket: R2Bucket }, token: string) {
  const gone = new AppError("not_found", "This download link is not valid or has expired; open your order again for a fresh one.");
  const [payload, sig] = token.split(".");
  if (!payload || !sig || !timingSafeEqual(sig, await signature(deps.config.sessionSecret, payload))) throw gone;
  let claims: { o: string; p: string; e: number };
  try {
    claims = JSON.parse(decodeB64url(payload));
  } catch {
    throw gone;
  }
  if (typeof claims.e !== "number" || claims.e < deps.now()) throw gone;
  const pg = await deps.pg();
  const [row] = await pg
    .select({ status: orders.status })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(and(eq(orders.id, claims.o), eq(orderItems.productId, claims.p), eq(orderItems.kind, "digital")));
  if (!row || !HOLDS_GOODS.includes(row.status)) throw gone;
  const product = await deps.db.select({ fileKey: creatorProducts.fileKey, fileName: creatorProducts.fileName }).from(creatorProducts).where(eq(creatorProducts.id, claims.p)).get();
  const obj = product?.fileKey ? await deps.bucket.get(product.fileKey) : null;
  if (!obj) throw new AppError("not_found", "The creator has removed this file; contact them for a copy.");
  const headers = new Headers();
  obj.writeHttpMetadata(headers);
  headers.set("content-disposition", `attachment; filename="${product!.fileName!.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(product!.fileName!)}`);
  headers.set("cache-control", "private, no-store");
  headers.set("x-content-type-options", "nosniff");
  headers.set("content-length", String(obj.size));
  return new Response(obj.body, { headers });
}
