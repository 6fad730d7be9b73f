import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../workers/index";
import type { Fetcher } from "../factories";

export const ORIGIN = "http://localhost:8788";

/**
 * Hands a request to the gateway's fetch handler in this isolate, with the test bindings and an
 * execution context whose waitUntil work the runner awaits after each test. Not through
 * `exports.default.fetch`: under vitest-pool-workers each call that way costs more than the one
 * before (cloudflare/workers-sdk#15446), which made a file of a thousand requests take minutes.
 */
export const gateway = async (request: Request): Promise<Response> => worker.fetch!(request as Request<unknown, IncomingRequestCfProperties>, env, createExecutionContext());

/** Calls the gateway in-process, as the app's same-origin forwarder would. */
export const api: Fetcher = (path, init) => gateway(new Request(`${ORIGIN}${path}`, init));

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
