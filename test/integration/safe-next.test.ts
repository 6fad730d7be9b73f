import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeNext } from "../../workers/lib/safe-next";
import { api, ORIGIN, uniqueEmail } from "./helpers";
import { stubProviders } from "./oauth-provider-stub";

const APP = "http://localhost:8788";

/** Every way found (or known) to make a "relative" next leave the site, as a browser reads a Location. */
const HOSTILE = [
  "/\\evil.example",
  "/%5Cevil.example",
  "/\tevil.example",
  "/\t/evil.example",
  "\t//evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "//evil.example",
  "///evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "https://evil.example/",
  "https:evil.example",
  "HTTPS://evil.example",
  "javascript:alert(1)",
  "data:text/html,hi",
  " //evil.example",
  "http://localhost:8788@evil.example/",
  "http://localhost:8789/",
  `${APP}//evil.example`,
];

describe("safeNext: one rule for every post-sign-in redirect", () => {
  it.each(HOSTILE)("never lets %j leave the app's origin", (value) => {
    const out = safeNext(decodeURIComponent(value.replace(/%(?![0-9a-f]{2})/gi, "%25")), APP, "/welcome");
    const landed = new URL(out, APP);
    expect(landed.origin).toBe(APP);
    expect(out.startsWith("/")).toBe(true);
    expect(out.startsWith("//")).toBe(false);
    expect(out.startsWith("/\\")).toBe(false);
  });

  it("keeps the app's own paths, queries and fragments", () => {
    expect(safeNext("/c/glow-club?tab=rooms#top", APP, "/welcome")).toBe("/c/glow-club?tab=rooms#top");
    expect(safeNext(`${APP}/studio`, APP, "/welcome")).toBe("/studio");
    expect(safeNext(null, APP, "/welcome")).toBe("/welcome");
    expect(safeNext("", APP, "/welcome")).toBe("/welcome");
  });
});

describe("the OAuth flow applies it at the start and again at the callback", () => {
  let stub: ReturnType<typeof stubProviders>;
  beforeEach(() => (stub = stubProviders()));
  afterEach(() => stub.restore());

  for (const next of ["/%5Cevil.example", "/%09/evil.example", "/%0A/evil.example"]) {
    it(`start?next=${next} signs in and lands on /welcome, not evil.example`, async () => {
      const start = await api(`/api/v1/auth/oauth/google/start?next=${next}`, { redirect: "manual" });
      expect(start.status).toBe(302);
      const flow = /tandem_oauth=([^;]*)/.exec(start.headers.get("set-cookie") ?? "")![1]!;
      const email = uniqueEmail("next");
      const { code, state } = stub.approve(start.headers.get("location")!, { sub: `g-${email}`, email, email_verified: true });
      const res = await api(`/api/v1/auth/oauth/google/callback?${new URLSearchParams({ code, state })}`, {
        headers: { cookie: `tandem_oauth=${flow}` },
        redirect: "manual",
      });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/welcome");
      expect(new URL(res.headers.get("location")!, ORIGIN).origin).toBe(ORIGIN);
    });
  }
});
