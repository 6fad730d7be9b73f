import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import appToml from "../../app/wrangler.toml?raw";
import gatewayToml from "../../wrangler.toml?raw";
import worker from "../../workers/index";
import { problem } from "./helpers";

/** The gateway as a plain `wrangler deploy` would run it: wrangler.toml's top level, production secrets. */
const PRODUCTION = {
  ENVIRONMENT: "production",
  APP_ORIGIN: "https://tandem.example",
  LINK_ORIGIN: "https://go.tandem.example",
  SESSION_SECRET: "a-production-secret-of-forty-characters!",
};

async function call(path: string, overrides: Record<string, unknown>, init?: RequestInit) {
  const ctx = createExecutionContext();
  const request = new Request(`https://tandem.example${path}`, init) as Request<unknown, IncomingRequestCfProperties>;
  const res = await worker.fetch(request, { ...env, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("production is the default and fails closed", () => {
  it("a plain deploy of either worker ships production; development is chosen only by a named env or a flag", () => {
    const gateway = parse(gatewayToml) as { vars: Record<string, string>; env: Record<string, { vars: Record<string, string> }>; secrets: { required: string[] } };
    expect(gateway.vars.ENVIRONMENT).toBe("production");
    expect(new URL(gateway.vars.APP_ORIGIN!).protocol).toBe("https:");
    expect(gateway.secrets.required).toContain("SESSION_SECRET");
    expect(gateway.env.dev!.vars.ENVIRONMENT).toBe("development");
    const app = parse(appToml) as { vars: Record<string, string>; env?: unknown };
    expect(app.vars.ENVIRONMENT).toBe("production");
  });

  it("development-only routes do not exist in production", async () => {
    for (const path of ["/dev/outbox", "/__bench/302"]) {
      const res = await call(path, PRODUCTION, { headers: { accept: "application/json" } });
      expect(res.status, path).toBe(404);
      expect((await problem(res)).code).toBe("not_found");
    }
  });

  it("development still has them (the local stack reads sign-in codes there)", async () => {
    const res = await call("/dev/outbox", {}, { headers: { accept: "application/json" } });
    expect(res.status).toBe(200);
    expect((await call("/__bench/302", {})).status).toBe(302);
  });

  it("production without SESSION_SECRET refuses every request, naming the secret, and never falls back to the development secret", async () => {
    for (const secret of [undefined, "", "too-short-secret-123"]) {
      for (const path of ["/healthz", "/dev/outbox", "/api/v1/me"]) {
        const res = await call(path, { ...PRODUCTION, SESSION_SECRET: secret });
        expect(res.status, `${path} with secret ${JSON.stringify(secret)}`).toBe(503);
        const body = await problem(res);
        expect(body.code).toBe("misconfigured");
        expect(body.detail).toContain("SESSION_SECRET");
      }
    }
  });

  it("a missing or unknown ENVIRONMENT refuses to start rather than guess", async () => {
    for (const value of [undefined, "", "staging", "Production"]) {
      const res = await call("/dev/outbox", { ENVIRONMENT: value });
      expect(res.status, String(value)).toBe(503);
      expect((await problem(res)).detail).toContain("ENVIRONMENT");
    }
  });

  it("production refuses plain-http origins (cookies would be sent in the clear)", async () => {
    const res = await call("/healthz", { ...PRODUCTION, APP_ORIGIN: "http://tandem.example" });
    expect(res.status).toBe(503);
    expect((await problem(res)).detail).toContain("APP_ORIGIN");
  });

  it("production never runs the test-mode checkout (it would be free money), and Stripe needs its webhook secret", async () => {
    const page = await call("/api/v1/checkout/test/mcs_01JZZZZZZZZZZZZZZZZZZZZZZZ", PRODUCTION);
    expect(page.status).toBe(404);
    expect((await problem(page)).detail).toContain("only without Stripe");
    const half = await call("/healthz", { ...PRODUCTION, STRIPE_SECRET_KEY: "sk_live_configured", STRIPE_WEBHOOK_SECRET: undefined });
    expect(half.status).toBe(503);
    expect((await problem(half)).detail).toContain("STRIPE_WEBHOOK_SECRET");
  });

  it("queue batches on a misconfigured deployment are retried, not handled", async () => {
    const batch = { queue: "tandem-events", messages: [], retryAll() {}, ackAll() {} } as unknown as MessageBatch;
    await expect(worker.queue!(batch, { ...env, ENVIRONMENT: "staging" } as Env, createExecutionContext())).rejects.toThrow(/ENVIRONMENT/);
  });
});
