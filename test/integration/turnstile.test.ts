import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../workers/index";
import { createCreator, signIn } from "../factories";
import { api, ORIGIN, postJson, problem, uniqueEmail } from "./helpers";

const SECRET = "0x4AAAAAAAturnstile-test-secret";
const VERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/**
 * A stand-in for Turnstile's siteverify speaking its documented contract: a form POST with
 * `secret`, `response`, `remoteip`, `idempotency_key`; `{success, error-codes, hostname, ...}` back.
 * Tokens are single use (a second check is `timeout-or-duplicate`) unless retried with the same
 * idempotency key, and a wrong secret is `invalid-input-secret`.
 */
function stubSiteverify() {
  const issued = new Set(["token-good", "token-second"]);
  const used = new Map<string, string>();
  const calls: Record<string, string>[] = [];
  const real = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    if (req.url !== VERIFY) return real(input, init);
    if (req.method !== "POST") return new Response("method", { status: 405 });
    const form = Object.fromEntries(new URLSearchParams(await req.text()));
    calls.push(form);
    const answer = (codes: string[]) => Response.json({ success: codes.length === 0, "error-codes": codes, ...(codes.length ? {} : { hostname: "localhost", challenge_ts: new Date().toISOString(), action: "" }) });
    if (!form.secret) return answer(["missing-input-secret"]);
    if (form.secret !== SECRET) return answer(["invalid-input-secret"]);
    if (!form.response) return answer(["missing-input-response"]);
    if (!issued.has(form.response)) return answer(["invalid-input-response"]);
    const key = used.get(form.response);
    if (key !== undefined && key !== form.idempotency_key) return answer(["timeout-or-duplicate"]);
    used.set(form.response, form.idempotency_key ?? "");
    return answer([]);
  });
  return { calls, restore: () => spy.mockRestore() };
}

const WITH_TURNSTILE = { TURNSTILE_SITE_KEY: "0x4AAAAAAAsite-key", TURNSTILE_SECRET_KEY: SECRET };

// Each call from its own address, so the contact form's per-client limit never answers first.
let visitor = 10;
async function send(handle: string, body: Record<string, unknown>, overrides: Record<string, unknown> = WITH_TURNSTILE) {
  const ctx = createExecutionContext();
  const req = new Request(`${ORIGIN}/api/v1/storefronts/${handle}/messages`, { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": `203.0.113.${visitor++}` }, body: JSON.stringify(body) });
  const res = await worker.fetch(req as Request<unknown, IncomingRequestCfProperties>, { ...env, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("Turnstile on the storefront contact form", () => {
  let handle: string, cookie: string;
  let stub: ReturnType<typeof stubSiteverify>;
  const msg = { name: "Ana", email: "ana@example.com", message: "Do you ship to Lisbon?" };

  beforeAll(async () => {
    cookie = (await signIn(api, uniqueEmail("turnstile"))).cookie;
    handle = `ts_${Date.now().toString(36)}`;
    await createCreator(api, cookie, { handle, displayName: "Tess", niches: ["fashion"] });
    await postJson("/api/v1/storefronts/mine", { template: "fashion" }, { cookie });
    const sf = ((await (await api("/api/v1/storefronts/mine", { headers: { cookie } })).json()) as { storefront: { draft: { blocks: unknown[] }; draftRevision: number } }).storefront;
    const doc = structuredClone(sf.draft);
    doc.blocks.push({ id: "form00001", type: "contactForm", props: { kind: "contact" } });
    await postJson("/api/v1/storefronts/mine/draft", { doc, revision: sf.draftRevision }, { cookie }, "PUT");
    expect((await postJson("/api/v1/storefronts/mine/publish", {}, { cookie })).status).toBe(200);
    stub = stubSiteverify();
  });
  afterAll(() => stub.restore());

  const stored = async () => ((await (await api("/api/v1/storefronts/mine/messages", { headers: { cookie } })).json()) as { items: unknown[] }).items.length;

  it("refuses a message without a token, naming the field, and stores nothing", async () => {
    const res = await send(handle, msg);
    expect(res.status).toBe(422);
    expect((await problem(res)).errors?.[0]?.path).toBe("body.turnstileToken");
    expect(await stored()).toBe(0);
  });

  it("refuses a token Turnstile did not issue, and a token used twice", async () => {
    const forged = await send(handle, { ...msg, turnstileToken: "token-forged" });
    expect(forged.status).toBe(422);
    expect((await problem(forged)).errors?.[0]).toMatchObject({ path: "body.turnstileToken", message: "invalid-input-response" });
    expect((await send(handle, { ...msg, turnstileToken: "token-good" })).status).toBe(201);
    const replay = await send(handle, { ...msg, turnstileToken: "token-good" });
    expect(replay.status).toBe(422);
    expect((await problem(replay)).errors?.[0]?.message).toBe("timeout-or-duplicate");
    expect(await stored()).toBe(1);
  });

  it("sends the secret, the token and the visitor's address as the contract asks", () => {
    const call = stub.calls.find((c) => c.response === "token-good")!;
    expect(call).toMatchObject({ secret: SECRET, response: "token-good" });
    expect(call.remoteip).toMatch(/^203\.0\.113\.\d+$/);
    expect(call.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a wrong secret is our misconfiguration (503), never the visitor's fault", async () => {
    const res = await send(handle, { ...msg, turnstileToken: "token-second" }, { ...WITH_TURNSTILE, TURNSTILE_SECRET_KEY: "wrong-secret" });
    expect(res.status).toBe(503);
    expect(await stored()).toBe(1);
  });

  it("is absent cleanly when not configured: no token needed, no call made", async () => {
    const before = stub.calls.length;
    expect((await send(handle, msg, {})).status).toBe(201);
    expect(stub.calls.length).toBe(before);
  });

  it("half a configuration refuses to start, naming what is missing", async () => {
    const res = await send(handle, msg, { TURNSTILE_SITE_KEY: "0x4AAAAAAAsite-key" });
    expect(res.status).toBe(503);
    expect((await problem(res)).detail).toContain("TURNSTILE_SECRET_KEY");
  });
});
