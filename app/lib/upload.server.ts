import type { AppLoadContext } from "@remix-run/cloudflare";
import type { ApiResult, Problem } from "./api.server";

/**
 * Sends a file's bytes to the gateway as the request body (a CSV import, a product image), as the
 * signed-in person. The body has a known length, so the gateway can refuse an oversized file
 * before reading it.
 */
export async function apiUpload<T>(context: AppLoadContext, request: Request, path: string, file: File, contentType: string, opts: { method?: "POST" | "PUT"; headers?: Record<string, string> } = {}): Promise<ApiResult<T>> {
  const headers = new Headers({ accept: "application/json", "content-type": contentType, ...opts.headers });
  const cookie = request.headers.get("cookie");
  if (cookie) headers.set("cookie", cookie);
  const res = await context.cloudflare.env.API.fetch(new Request(new URL(path, request.url), { method: opts.method ?? "POST", headers, body: await file.arrayBuffer() }));
  const type = res.headers.get("content-type") ?? "";
  if (res.ok) return { ok: true, data: (await res.json()) as T, headers: res.headers };
  if (type.includes("problem+json")) return { ok: false, problem: (await res.json()) as Problem, headers: res.headers };
  return {
    ok: false,
    headers: res.headers,
    problem: { type: "about:blank", title: "Unexpected error", status: res.status, detail: res.status === 413 ? "That file is too large to upload here." : "The upload did not go through. Try again.", code: "internal" },
  };
}
