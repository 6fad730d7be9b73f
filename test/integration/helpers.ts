import { exports } from "cloudflare:workers";
import type { Fetcher } from "../factories";

export const ORIGIN = "http://localhost:8788";

/** Calls the gateway in-process, as the app's same-origin forwarder would. */
export const api: Fetcher = (path, init) => exports.default.fetch(new Request(`${ORIGIN}${path}`, init));

let counter = 0;
/** A unique email per call, so test files never collide in the shared Postgres. */
export const uniqueEmail = (label = "user") => `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}@test.example`;

export const postJson = (path: string, body: unknown, headers: Record<string, string> = {}, method = "POST") =>
  api(path, { method, headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

export async function problem(res: Response) {
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return (await res.json()) as { type: string; title: string; status: number; detail: string; code: string; errors?: { path: string; message: string }[] };
}

import { expect } from "vitest";
