import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context";
import { AppError } from "./errors";

const MB = 1024 * 1024;

export interface BodyLimit {
  maxBytes: number;
  /** `buffered`: read whole (up to the limit) before the handler runs; `streamed`: the handler streams it. */
  reads: "buffered" | "streamed";
}

/**
 * Request body limits, one per route class. Bytes are counted as they are read, so a missing
 * or wrong Content-Length and chunked bodies are held to the same limit; a declared length over
 * the limit is refused before anything is read. Over the limit: 413 problem+json.
 *
 * | class        | routes                                   | limit   | read     |
 * |--------------|------------------------------------------|---------|----------|
 * | json         | every other /api/v1 write                | 2 MB    | buffered |
 * | productImage | POST /api/v1/catalog/products/:id/media  | 10 MB   | buffered |
 * | roomImage    | POST /api/v1/rooms/:roomId/media         | 5 MB    | buffered |
 * | csvImport    | POST /api/v1/catalog/imports             | 200 MB  | streamed into R2 |
 * | productFile  | PUT /api/v1/shop/products/:id/file       | 25 MB   | buffered |
 *
 * JSON's 2 MB leaves room for the largest documents (a course's 1 MB content, a 40-block storefront).
 */
export const BODY_LIMITS = {
  json: { maxBytes: 2 * MB, reads: "buffered" },
  productImage: { maxBytes: 10 * MB, reads: "buffered" },
  roomImage: { maxBytes: 5 * MB, reads: "buffered" },
  csvImport: { maxBytes: 200 * MB, reads: "streamed" },
  productFile: { maxBytes: 25 * MB, reads: "buffered" },
} as const satisfies Record<string, BodyLimit>;

const ROUTE_CLASSES: { method: string; path: RegExp; limit: BodyLimit }[] = [
  { method: "POST", path: /^\/api\/v1\/catalog\/products\/[^/]+\/media$/, limit: BODY_LIMITS.productImage },
  { method: "POST", path: /^\/api\/v1\/rooms\/[^/]+\/media$/, limit: BODY_LIMITS.roomImage },
  { method: "POST", path: /^\/api\/v1\/catalog\/imports$/, limit: BODY_LIMITS.csvImport },
  { method: "PUT", path: /^\/api\/v1\/shop\/products\/[^/]+\/file$/, limit: BODY_LIMITS.productFile },
];

/** The limit a request's body is held to. */
export function bodyLimitFor(method: string, pathname: string): BodyLimit {
  return ROUTE_CLASSES.find((r) => r.method === method && r.path.test(pathname))?.limit ?? BODY_LIMITS.json;
}

const inMb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

export function bodyTooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is over this route's limit of ${inMb(maxBytes)}.`, [{ path: "body", message: `Send at most ${inMb(maxBytes)}` }]);
}

/** Yields the body's chunks; past `maxBytes` it stops reading (the rest is cancelled) and throws 413. */
export async function* limitedChunks(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel("body over its limit").catch(() => undefined);
        throw bodyTooLarge(maxBytes);
      }
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The whole body, read up to `maxBytes` and no further. */
export async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of limitedChunks(body, maxBytes)) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Holds every request body to its route class's limit. A declared length over it is refused at
 * once; buffered classes are read here through the counter (the handler gets the bytes read);
 * streamed classes are counted by their handler with `limitedChunks`.
 */
export const limitBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  const req = c.req.raw;
  if (!req.body) return next();
  const limit = bodyLimitFor(req.method, new URL(req.url).pathname);
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit.maxBytes) {
    await req.body.cancel().catch(() => undefined);
    throw bodyTooLarge(limit.maxBytes);
  }
  if (limit.reads === "buffered") {
    const bytes = await readLimited(req.body, limit.maxBytes);
    const headers = new Headers(req.headers);
    headers.set("content-length", String(bytes.byteLength));
    headers.delete("transfer-encoding");
    c.req.raw = new Request(req, { body: bytes, headers });
  }
  return next();
};
