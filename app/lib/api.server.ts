import type { AppLoadContext } from "@remix-run/cloudflare";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; data: T; headers: Headers } | { ok: false; problem: Problem; headers: Headers };

/**
 * Calls the gateway through the API service binding, as the signed-in person:
 * the browser's cookie, user agent and address go along, and any Set-Cookie comes back for the page to relay.
 */
export async function api<T>(
  context: AppLoadContext,
  request: Request,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const headers = new Headers({ accept: "application/json" });
  const cookie = request.headers.get("cookie");
  if (cookie) headers.set("cookie", cookie);
  // The browser's own origin headers go along too, so the gateway's cross-site rule applies to
  // what a page's action does on the visitor's behalf exactly as to a direct call.
  for (const name of ["user-agent", "origin", "sec-fetch-site", "cf-connecting-ip"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (init.body !== undefined) headers.set("content-type", "application/json");
  const url = new URL(path, request.url);
  const res = await context.cloudflare.env.API.fetch(
    new Request(url, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }),
  );
  if (res.status === 204) return { ok: true, data: undefined as T, headers: res.headers };
  const type = res.headers.get("content-type") ?? "";
  if (res.ok) return { ok: true, data: (await res.json()) as T, headers: res.headers };
  if (type.includes("problem+json")) return { ok: false, problem: (await res.json()) as Problem, headers: res.headers };
  return {
    ok: false,
    headers: res.headers,
    problem: { type: "about:blank", title: "Unexpected error", status: res.status, detail: "Something went wrong. Try again.", code: "internal" },
  };
}

/** Field errors keyed by field name (the part after `body.`), for inline display. */
export function fieldErrors(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem.errors ?? []) {
    const key = e.path.replace(/^body\./, "").split(".")[0]!;
    out[key] ??= e.message;
  }
  return out;
}

/** Headers that carry the gateway's Set-Cookie through to the browser. */
export function relayCookies(from: Headers, into: Headers = new Headers()): Headers {
  for (const c of from.getSetCookie()) into.append("set-cookie", c);
  return into;
}
