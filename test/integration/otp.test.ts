import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { latestCode, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";

const start = (email: string) => postJson("/api/v1/auth/otp/start", { email });
const verify = (email: string, code: string) => postJson("/api/v1/auth/otp/verify", { email, code });
const wrong = (code: string) => (code === "000000" ? "111111" : "000000");

describe("email OTP", () => {
  it("signs in a new person with the mailed code and sets a hardened session cookie", async () => {
    const email = uniqueEmail("new");
    const res = await start(email);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ sent: true, expiresInSeconds: 600 });

    const code = await latestCode(api, email);
    expect(code).toMatch(/^\d{6}$/);
    const ok = await verify(email, code);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { user: { email: string; emailVerified: boolean } };
    expect(body.user).toMatchObject({ email, emailVerified: true });

    const cookie = ok.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^tandem_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toMatch(/Max-Age=\d+/);

    const me = await api("/api/v1/me", { headers: { cookie: cookie.split(";")[0]! } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email);
  });

  it("stores only a hash of the code and of the session token", async () => {
    const email = uniqueEmail("hash");
    await start(email);
    const code = await latestCode(api, email);
    const row = await env.DB.prepare("select code_hash from otp_codes where email = ?").bind(email).first<{ code_hash: string }>();
    expect(row!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.code_hash).not.toContain(code);

    const { cookie } = await signIn(api, uniqueEmail("token"));
    const token = cookie.split("=")[1]!;
    const sessions = await env.DB.prepare("select id from sessions").all<{ id: string }>();
    expect(sessions.results.some((s) => s.id === token)).toBe(false);
    expect(sessions.results.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
  });

  it("answers the same for an unknown email and a known one", async () => {
    const known = uniqueEmail("known");
    await signIn(api, known);
    const a = await start(known);
    const b = await start(uniqueEmail("unknown"));
    expect(a.status).toBe(b.status);
    expect(await a.json()).toEqual(await b.json());
  });

  it("normalises the email so case does not matter", async () => {
    const email = uniqueEmail("case");
    await start(email.toUpperCase());
    const code = await latestCode(api, email);
    expect((await verify(email, code)).status).toBe(200);
  });

  it("refuses a used code (single use)", async () => {
    const email = uniqueEmail("replay");
    await start(email);
    const code = await latestCode(api, email);
    expect((await verify(email, code)).status).toBe(200);
    const again = await verify(email, code);
    expect(again.status).toBe(400);
    expect((await problem(again)).code).toBe("invalid_code");
  });

  it("refuses an expired code", async () => {
    const email = uniqueEmail("expired");
    await start(email);
    const code = await latestCode(api, email);
    await env.DB.prepare("update otp_codes set expires_at = ? where email = ?").bind(Date.now() - 1, email).run();
    const res = await verify(email, code);
    expect(res.status).toBe(400);
    expect((await problem(res)).code).toBe("code_expired");
  });

  it("a new code replaces the previous one", async () => {
    const email = uniqueEmail("rotate");
    await start(email);
    const first = await latestCode(api, email);
    await start(email);
    const second = await latestCode(api, email);
    if (first !== second) expect((await verify(email, first)).status).toBe(400);
    expect((await verify(email, second)).status).toBe(200);
  });

  it("burns a code after 5 wrong tries, even if the right one comes next", async () => {
    const email = uniqueEmail("five");
    await start(email);
    const code = await latestCode(api, email);
    for (let i = 0; i < 4; i++) {
      const res = await verify(email, wrong(code));
      expect((await problem(res)).code).toBe("invalid_code");
    }
    const fifth = await verify(email, wrong(code));
    expect(fifth.status).toBe(429);
    expect((await problem(fifth)).code).toBe("too_many_attempts");
    const right = await verify(email, code);
    expect(right.status).toBe(429);
    expect((await problem(right)).code).toBe("too_many_attempts");
  });

  it("compares a code at most 5 times, however many wrong guesses arrive at once", async () => {
    const email = uniqueEmail("race");
    await start(email);
    const code = await latestCode(api, email);
    // 40 guesses at once, each from its own network so only the per-code limit applies.
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postJson("/api/v1/auth/otp/verify", { email, code: wrong(code) }, { "cf-connecting-ip": `198.18.${i}.${1 + (i % 250)}` })),
    );
    const codes = await Promise.all(guesses.map(async (r) => (await problem(r)).code));
    // A comparison that fails answers invalid_code (tries 1-4) or, for the 5th, too_many_attempts;
    // an uncompared guess answers too_many_attempts too. So at most 4 invalid_code answers.
    expect(codes.filter((c) => c === "invalid_code").length).toBeLessThanOrEqual(4);
    expect(codes.every((c) => c === "invalid_code" || c === "too_many_attempts")).toBe(true);
    const row = await env.DB.prepare("select attempts from otp_codes where email = ?").bind(email).first<{ attempts: number }>();
    expect(row!.attempts).toBe(5);
    // The burned code stays burned: the right code is not accepted afterwards.
    expect((await verify(email, code)).status).toBe(429);
  });

  it("locks a network out of an email for 30 minutes after 10 failures in a row, then lets it in again", async () => {
    const email = uniqueEmail("lock");
    await start(email);
    let code = await latestCode(api, email);
    for (let i = 0; i < 5; i++) await verify(email, wrong(code));
    await start(email);
    code = await latestCode(api, email);
    for (let i = 0; i < 4; i++) expect((await verify(email, wrong(code))).status).toBe(400);
    const tenth = await verify(email, wrong(code));
    expect(tenth.status).toBe(423);
    const p = await problem(tenth);
    expect(p.code).toBe("account_locked");
    expect(Number(tenth.headers.get("retry-after"))).toBeGreaterThan(29 * 60);

    // Locked: even a fresh, correct code is refused from this network.
    await start(email);
    code = await latestCode(api, email).catch(() => code);
    const locked = await verify(email, code);
    expect(locked.status).toBe(423);

    // After the lock window the person can sign in again.
    await env.DB.prepare("update otp_network_throttles set locked_until = ? where email = ?").bind(Date.now() - 1, email).run();
    await start(email);
    const fresh = await latestCode(api, email);
    expect((await verify(email, fresh)).status).toBe(200);
  });

  it("a stranger's wrong codes lock only the stranger's network, never the owner on another", async () => {
    const email = uniqueEmail("stranger");
    const from = (ip: string) => ({ "cf-connecting-ip": ip });
    await start(email);
    const code = await latestCode(api, email);
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) last = await postJson("/api/v1/auth/otp/verify", { email, code: wrong(code) }, from(`203.0.113.${10 + i}`));
    expect(last!.status).toBe(423);
    // Any address in the stranger's /24 is the same network.
    expect((await postJson("/api/v1/auth/otp/verify", { email, code }, from("203.0.113.200"))).status).toBe(423);

    await start(email);
    const fresh = await latestCode(api, email);
    expect((await postJson("/api/v1/auth/otp/verify", { email, code: fresh }, from("198.51.100.7"))).status).toBe(200);
  });

  it("one network cannot lock the account, nor keep re-locking itself: it runs out of tries for the day", async () => {
    const email = uniqueEmail("relock");
    const stranger = (i: number) => ({ "cf-connecting-ip": `192.0.2.${1 + i}` });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await postJson("/api/v1/auth/otp/verify", { email, code: "123456" }, stranger(i))).status);
      // Let every 30-minute pause pass at once: only the daily budget is left to stop it.
      if ((i + 1) % 10 === 0) await env.DB.prepare("update otp_network_throttles set locked_until = ? where email = ? and attempts < 30").bind(Date.now() - 1, email).run();
    }
    expect(statuses.filter((s) => s === 423)).toHaveLength(3);
    const refused = await postJson("/api/v1/auth/otp/verify", { email, code: "123456" }, stranger(31));
    expect(refused.status).toBe(423);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(23 * 3600);
    const net = await env.DB.prepare("select attempts from otp_network_throttles where email = ?").bind(email).first<{ attempts: number }>();
    expect(net!.attempts).toBe(30);

    // The account itself is not locked: the owner elsewhere signs in.
    const account = await env.DB.prepare("select consecutive_failures, locked_until from otp_throttles where email = ?").bind(email).first<{ consecutive_failures: number; locked_until: number | null }>();
    expect(account).toEqual({ consecutive_failures: 30, locked_until: null });
    await start(email);
    const code = await latestCode(api, email);
    expect((await postJson("/api/v1/auth/otp/verify", { email, code }, { "cf-connecting-ip": "2001:db8:77::1" })).status).toBe(200);
  });

  it("locks the account at 100 attempts across networks (the NIST ceiling) until the window ends", async () => {
    const email = uniqueEmail("ceiling");
    for (let n = 0; n < 10; n++) {
      for (let i = 0; i < 10; i++) {
        const res = await postJson("/api/v1/auth/otp/verify", { email, code: "654321" }, { "cf-connecting-ip": `10.${n}.0.${1 + i}` });
        expect(res.status).toBe(i === 9 ? 423 : 400);
      }
    }
    const account = await env.DB.prepare("select consecutive_failures, locked_until from otp_throttles where email = ?").bind(email).first<{ consecutive_failures: number; locked_until: number }>();
    expect(account!.consecutive_failures).toBe(100);
    expect(account!.locked_until).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);

    // Locked for everyone now, and no code is mailed while it is.
    const owner = { "cf-connecting-ip": "198.51.100.99" };
    const refused = await postJson("/api/v1/auth/otp/verify", { email, code: "000000" }, owner);
    expect(refused.status).toBe(423);
    expect((await problem(refused)).detail).toMatch(/for this email/);
    expect((await start(email)).status).toBe(202);
    await expect(latestCode(api, email)).rejects.toThrow(/no code/);

    // When the window has passed the owner gets in again.
    await env.DB.prepare("update otp_throttles set failure_window_start = ?, locked_until = ? where email = ?").bind(Date.now() - 24 * 3600 * 1000 - 1, Date.now() - 1, email).run();
    await start(email);
    const code = await latestCode(api, email);
    expect((await postJson("/api/v1/auth/otp/verify", { email, code }, owner)).status).toBe(200);
  });

  it("a success resets the failure streak", async () => {
    const email = uniqueEmail("streak");
    await start(email);
    let code = await latestCode(api, email);
    for (let i = 0; i < 4; i++) await verify(email, wrong(code));
    expect((await verify(email, code)).status).toBe(200);
    const t = await env.DB.prepare("select consecutive_failures from otp_throttles where email = ?").bind(email).first<{ consecutive_failures: number }>();
    expect(t!.consecutive_failures).toBe(0);
    const n = await env.DB.prepare("select attempts from otp_network_throttles where email = ?").bind(email).first<{ attempts: number }>();
    expect(n!.attempts).toBe(0);
    await start(email);
    code = await latestCode(api, email);
    for (let i = 0; i < 9; i++) await verify(email, wrong(code));
    // 9 in a row is under the limit, and codes burn at 5, so the account is still open.
    const row = await env.DB.prepare("select locked_until from otp_network_throttles where email = ?").bind(email).first<{ locked_until: number | null }>();
    expect(row!.locked_until).toBeNull();
  });

  it("limits how many codes one address can request", async () => {
    const email = uniqueEmail("flood");
    for (let i = 0; i < 5; i++) expect((await start(email)).status).toBe(202);
    const sixth = await start(email);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toBeTruthy();
  });

  it("limits how many codes one client can request, whatever the email", async () => {
    const ip = { "cf-connecting-ip": `100.64.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}` };
    // The limiter counts in fixed one-minute windows: the first 10 always pass from a fresh
    // address, and of the next 11 at least one lands in a window that already holds 10.
    for (let i = 0; i < 10; i++) expect((await postJson("/api/v1/auth/otp/start", { email: uniqueEmail("ip-start") }, ip)).status).toBe(202);
    const more = [];
    for (let i = 0; i < 11; i++) more.push(await postJson("/api/v1/auth/otp/start", { email: uniqueEmail("ip-start") }, ip));
    const limited = more.find((r) => r.status === 429);
    expect(limited).toBeDefined();
    expect((await problem(limited!)).code).toBe("rate_limited");
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await postJson("/api/v1/auth/otp/start", { email: uniqueEmail("ip-start") }, { "cf-connecting-ip": "2001:db8:5::1" })).status).toBe(202);
  });

  it("limits how many codes one client can try, across emails", async () => {
    const ip = { "cf-connecting-ip": `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}::1` };
    // A different address in the same IPv6 /64 is the same client.
    const sibling = { "cf-connecting-ip": ip["cf-connecting-ip"].replace("::1", "::2") };
    for (let i = 0; i < 30; i++) expect((await postJson("/api/v1/auth/otp/verify", { email: uniqueEmail("ip-verify"), code: "123456" }, i % 2 ? ip : sibling)).status).toBe(400);
    const more = [];
    for (let i = 0; i < 31; i++) more.push(await postJson("/api/v1/auth/otp/verify", { email: uniqueEmail("ip-verify"), code: "123456" }, i % 2 ? ip : sibling));
    const limited = more.find((r) => r.status === 429);
    expect(limited).toBeDefined();
    expect((await problem(limited!)).code).toBe("rate_limited");
    expect(limited!.headers.get("retry-after")).toBe("60");
  });

  it("draws codes uniformly from 000000–999999", async () => {
    const { otpCode, uniformInt } = await import("../../workers/lib/crypto");
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20000; i++) counts[uniformInt(10)]++;
    for (const c of counts) expect(c).toBeGreaterThan(1700);
    for (let i = 0; i < 200; i++) expect(otpCode()).toMatch(/^\d{6}$/);
    expect(() => uniformInt(0)).toThrow();
  });
});

describe("sessions", () => {
  it("sign-out revokes the session server-side and clears the cookie", async () => {
    const { cookie } = await signIn(api, uniqueEmail("signout"));
    const out = await api("/api/v1/auth/signout", { method: "POST", headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/tandem_session=;.*Max-Age=0/);
    const me = await api("/api/v1/me", { headers: { cookie } });
    expect(me.status).toBe(401);
    expect((await problem(me)).code).toBe("unauthenticated");
  });

  it("slides the expiry forward when the session is used", async () => {
    const { cookie } = await signIn(api, uniqueEmail("slide"));
    const { sha256Hex } = await import("../../workers/lib/crypto");
    const id = await sha256Hex(cookie.split("=")[1]!);
    const old = Date.now() - 2 * 24 * 3600 * 1000;
    await env.DB.prepare("update sessions set last_seen_at = ?, expires_at = ? where id = ?").bind(old, old + 3 * 24 * 3600 * 1000, id).run();
    expect((await api("/api/v1/me", { headers: { cookie } })).status).toBe(200);
    const row = await env.DB.prepare("select expires_at from sessions where id = ?").bind(id).first<{ expires_at: number }>();
    expect(row!.expires_at).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  it("an expired session is not accepted", async () => {
    const { cookie } = await signIn(api, uniqueEmail("expired-session"));
    const { sha256Hex } = await import("../../workers/lib/crypto");
    await env.DB.prepare("update sessions set expires_at = ? where id = ?").bind(Date.now() - 1, await sha256Hex(cookie.split("=")[1]!)).run();
    expect((await api("/api/v1/me", { headers: { cookie } })).status).toBe(401);
  });

  it("refuses cookie-authenticated writes from another origin", async () => {
    const { cookie } = await signIn(api, uniqueEmail("csrf"));
    const res = await postJson("/api/v1/brands", { name: "Evil", website: "https://evil.example", industry: "tech", companySize: "1-10", country: "US" }, { cookie, origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });
});
