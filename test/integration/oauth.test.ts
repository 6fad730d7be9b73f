import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCreator, signIn } from "../factories";
import { api, ORIGIN, uniqueEmail } from "./helpers";
import { stubProviders } from "./oauth-provider-stub";

let stub: ReturnType<typeof stubProviders>;
beforeEach(() => {
  stub = stubProviders();
});
afterEach(() => stub.restore());

const cookieValue = (res: Response, name: string) => new RegExp(`${name}=([^;]*)`).exec(res.headers.get("set-cookie") ?? "")?.[1];

async function startFlow(path: string, cookie = "") {
  const res = await api(path, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  expect(res.status).toBe(302);
  const flow = cookieValue(res, "tandem_oauth");
  expect(flow).toBeTruthy();
  return { location: res.headers.get("location")!, flowCookie: `tandem_oauth=${flow}`, setCookie: res.headers.get("set-cookie")! };
}

const callback = (path: string, params: Record<string, string>, cookie: string) =>
  api(`${path}?${new URLSearchParams(params)}`, { headers: { cookie }, redirect: "manual" });

describe("Google sign-in", () => {
  it("sends state and an S256 PKCE challenge with the exact redirect URI", async () => {
    const { location, setCookie } = await startFlow("/api/v1/auth/oauth/google/start?next=/brand/signup");
    const u = new URL(location);
    expect(u.origin + u.pathname).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    expect(u.searchParams.get("redirect_uri")).toBe(`${ORIGIN}/api/v1/auth/oauth/google/callback`);
    expect(u.searchParams.get("state")).toMatch(/.{20,}/);
    expect(u.searchParams.get("code_challenge_method")).toBe("S256");
    expect(u.searchParams.get("code_challenge")).toBeTruthy();
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
  });

  it("signs in, creating the user, and returns to `next`", async () => {
    const email = uniqueEmail("google");
    const { location, flowCookie } = await startFlow("/api/v1/auth/oauth/google/start?next=/brand/signup");
    const { code, state } = stub.approve(location, { sub: `g-${email}`, email, email_verified: true, name: "Gia" });
    const res = await callback("/api/v1/auth/oauth/google/callback", { code, state }, flowCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/brand/signup");
    const session = cookieValue(res, "tandem_session");
    expect(session).toMatch(/.{43}/);
    const me = (await (await api("/api/v1/me", { headers: { cookie: `tandem_session=${session}` } })).json()) as { user: { email: string; name: string } };
    expect(me.user).toMatchObject({ email, name: "Gia" });
  });

  it("refuses a callback whose state does not match, before any token call", async () => {
    const { location, flowCookie } = await startFlow("/api/v1/auth/oauth/google/start");
    const { code } = stub.approve(location, { sub: "g-x", email: uniqueEmail("x"), email_verified: true });
    const res = await callback("/api/v1/auth/oauth/google/callback", { code, state: "forged-state" }, flowCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/signin\?error=/);
    expect(cookieValue(res, "tandem_session")).toBeUndefined();
    expect(stub.calls.filter((c) => c.includes("token"))).toEqual([]);
  });

  it("refuses a callback without the flow cookie", async () => {
    const { location } = await startFlow("/api/v1/auth/oauth/google/start");
    const { code, state } = stub.approve(location, { sub: "g-y", email: uniqueEmail("y"), email_verified: true });
    const res = await callback("/api/v1/auth/oauth/google/callback", { code, state }, "");
    expect(res.headers.get("location")).toMatch(/^\/signin\?error=/);
    expect(cookieValue(res, "tandem_session")).toBeUndefined();
  });

  it("refuses when the PKCE verifier does not match the challenge", async () => {
    const { location, flowCookie } = await startFlow("/api/v1/auth/oauth/google/start");
    const { code, state } = stub.approve(location, { sub: "g-z", email: uniqueEmail("z"), email_verified: true });
    // Same state, but a verifier that is not the one the challenge was made from.
    const flow = JSON.parse(atob(flowCookie.split("=")[1]!.replaceAll("-", "+").replaceAll("_", "/")));
    flow.verifier = "attacker-chosen-verifier-aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const forged = `tandem_oauth=${btoa(JSON.stringify(flow)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
    const res = await callback("/api/v1/auth/oauth/google/callback", { code, state }, forged);
    expect(res.headers.get("location")).toMatch(/^\/signin\?error=.*invalid_grant/);
    expect(cookieValue(res, "tandem_session")).toBeUndefined();
  });

  it("links to an existing account only through a verified email", async () => {
    const email = uniqueEmail("link");
    const otp = await signIn(api, email);

    const unverified = await startFlow("/api/v1/auth/oauth/google/start");
    const a = stub.approve(unverified.location, { sub: `g-unv-${email}`, email, email_verified: false });
    const refused = await callback("/api/v1/auth/oauth/google/callback", { code: a.code, state: a.state }, unverified.flowCookie);
    expect(refused.headers.get("location")).toMatch(/^\/signin\?error=/);
    expect(cookieValue(refused, "tandem_session")).toBeUndefined();

    const verified = await startFlow("/api/v1/auth/oauth/google/start");
    const b = stub.approve(verified.location, { sub: `g-ver-${email}`, email, email_verified: true });
    const ok = await callback("/api/v1/auth/oauth/google/callback", { code: b.code, state: b.state }, verified.flowCookie);
    const session = cookieValue(ok, "tandem_session");
    const me = (await (await api("/api/v1/me", { headers: { cookie: `tandem_session=${session}` } })).json()) as { user: { id: string } };
    expect(me.user.id).toBe(otp.userId);
  });

  it("refuses to create an account from an email the provider has not verified", async () => {
    const email = uniqueEmail("unverified-new");
    const { location, flowCookie } = await startFlow("/api/v1/auth/oauth/google/start");
    const { code, state } = stub.approve(location, { sub: `g-unv-new-${email}`, email, email_verified: false });
    const res = await callback("/api/v1/auth/oauth/google/callback", { code, state }, flowCookie);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("location")!, ORIGIN);
    expect(to.pathname).toBe("/signin");
    expect(to.searchParams.get("error")).toMatch(/not verified/i);
    expect(cookieValue(res, "tandem_session")).toBeUndefined();
    expect(await env.DB.prepare("select id from users where email = ?").bind(email).first()).toBeNull();
    expect(await env.DB.prepare("select id from oauth_accounts where email = ?").bind(email).first()).toBeNull();
  });

  it("a later email-code sign-in does not join a provider identity that was never verified", async () => {
    const email = uniqueEmail("unverified-join");
    const sub = `g-unv-join-${email}`;
    const first = await startFlow("/api/v1/auth/oauth/google/start");
    const a = stub.approve(first.location, { sub, email, email_verified: false });
    await callback("/api/v1/auth/oauth/google/callback", { code: a.code, state: a.state }, first.flowCookie);

    // The real owner signs in with an emailed code.
    const owner = await signIn(api, email);
    const links = await env.DB.prepare("select provider_user_id from oauth_accounts where user_id = ?").bind(owner.userId).all();
    expect(links.results).toEqual([]);

    // The unverified provider identity still cannot get into the owner's account.
    const again = await startFlow("/api/v1/auth/oauth/google/start");
    const b = stub.approve(again.location, { sub, email, email_verified: false });
    const res = await callback("/api/v1/auth/oauth/google/callback", { code: b.code, state: b.state }, again.flowCookie);
    expect(res.headers.get("location")).toMatch(/^\/signin\?error=/);
    expect(cookieValue(res, "tandem_session")).toBeUndefined();
  });

  it("a provider error is shown, not swallowed", async () => {
    const { flowCookie } = await startFlow("/api/v1/auth/oauth/google/start");
    const res = await callback("/api/v1/auth/oauth/google/callback", { error: "access_denied" }, flowCookie);
    expect(decodeURIComponent(res.headers.get("location")!)).toMatch(/access_denied/);
  });
});

describe("LinkedIn sign-in", () => {
  it("uses state (LinkedIn has no PKCE) and signs in", async () => {
    const email = uniqueEmail("linkedin");
    const { location, flowCookie } = await startFlow("/api/v1/auth/oauth/linkedin/start");
    const u = new URL(location);
    expect(u.origin + u.pathname).toBe("https://www.linkedin.com/oauth/v2/authorization");
    expect(u.searchParams.get("code_challenge")).toBeNull();
    expect(u.searchParams.get("redirect_uri")).toBe(`${ORIGIN}/api/v1/auth/oauth/linkedin/callback`);
    const bad = stub.approve(location, { sub: "li-bad", email, email_verified: true });
    const refused = await callback("/api/v1/auth/oauth/linkedin/callback", { code: bad.code, state: "nope" }, flowCookie);
    expect(cookieValue(refused, "tandem_session")).toBeUndefined();
    const { code, state } = stub.approve(location, { sub: `li-${email}`, email, email_verified: true });
    const ok = await callback("/api/v1/auth/oauth/linkedin/callback", { code, state }, flowCookie);
    expect(ok.headers.get("location")).toBe("/welcome");
    expect(cookieValue(ok, "tandem_session")).toBeTruthy();
  });

  it("refuses an open redirect in `next`", async () => {
    const { location, flowCookie } = await startFlow("/api/v1/auth/oauth/linkedin/start?next=//evil.example/x");
    const { code, state } = stub.approve(location, { sub: `li-${Math.random()}`, email: uniqueEmail("next"), email_verified: true });
    const ok = await callback("/api/v1/auth/oauth/linkedin/callback", { code, state }, flowCookie);
    expect(ok.headers.get("location")).toBe("/welcome");
  });
});

describe("creator social verification", () => {
  it("verifies a YouTube channel and records a follower snapshot", async () => {
    const { cookie } = await signIn(api, uniqueEmail("yt"));
    const creator = await createCreator(api, cookie, { handle: `yt_${Date.now().toString(36)}`, displayName: "Mia", niches: ["art"] });
    // A manual entry first: verification replaces it.
    await api(`/api/v1/creators/${creator.id}/social`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ platform: "youtube", handle: "mia", followers: 1 }) });
    const { location, flowCookie } = await startFlow("/api/v1/creators/social/youtube/start?next=/studio/onboarding", cookie);
    const u = new URL(location);
    expect(u.searchParams.get("scope")).toContain("youtube.readonly");
    expect(u.searchParams.get("code_challenge_method")).toBe("S256");
    const { code, state } = stub.approve(location);
    const res = await callback("/api/v1/creators/social/youtube/callback", { code, state }, `${cookie}; ${flowCookie}`);
    expect(res.headers.get("location")).toBe("/studio/onboarding?verified=youtube");
    const row = await env.DB.prepare("select handle, followers, verified from social_accounts where creator_id = ? and platform = 'youtube'").bind(creator.id).first();
    expect(row).toEqual({ handle: "miamakes", followers: 48210, verified: 1 });

    // A later manual entry cannot downgrade a verified record.
    const manual = await api(`/api/v1/creators/${creator.id}/social`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ platform: "youtube", handle: "fake", followers: 9999999 }) });
    expect(manual.status).toBe(409);
  });

  it("verifies TikTok, and refuses a forged state", async () => {
    const { cookie } = await signIn(api, uniqueEmail("tt"));
    const creator = await createCreator(api, cookie, { handle: `tt_${Date.now().toString(36)}`, displayName: "Mia", niches: ["music"] });
    const first = await startFlow("/api/v1/creators/social/tiktok/start", cookie);
    const forged = stub.approve(first.location);
    const refused = await callback("/api/v1/creators/social/tiktok/callback", { code: forged.code, state: "x" }, `${cookie}; ${first.flowCookie}`);
    expect(refused.headers.get("location")).toMatch(/error=/);
    const { code, state } = stub.approve(first.location);
    const ok = await callback("/api/v1/creators/social/tiktok/callback", { code, state }, `${cookie}; ${first.flowCookie}`);
    expect(ok.headers.get("location")).toBe("/studio?verified=tiktok");
    const row = await env.DB.prepare("select handle, followers, verified from social_accounts where creator_id = ? and platform = 'tiktok'").bind(creator.id).first();
    expect(row).toEqual({ handle: "mia.tok", followers: 91000, verified: 1 });
  });

  it("needs a signed-in creator", async () => {
    const res = await api("/api/v1/creators/social/youtube/start", { redirect: "manual" });
    expect(res.status).toBe(401);
  });
});
