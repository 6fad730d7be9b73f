import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { clientIp, networkOf } from "../lib/client-ip";
import { AppError } from "../lib/errors";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { perClientLimit } from "../lib/rate-limit";
import { requireUser } from "../lib/tenancy";
import { linkOAuthAccount } from "./link-oauth-account";
import { beginOAuth, finishOAuth, OAUTH_COOKIE, OAUTH_COOKIE_MAX_AGE } from "./oauth-flow";
import { safeNext } from "../lib/safe-next";
import { configuredProviders, identityFromTokens, SIGN_IN_PROVIDERS } from "./oauth-providers";
import { OtpStartBody, OtpStartResult, OtpVerifyBody, ProvidersResult, SignInResult } from "./schemas";
import { createSession, revokeSession, SESSION_COOKIE, sessionCookieOptions } from "./sessions";
import { startOtp } from "./start-otp";
import { verifyOtp } from "./verify-otp";
import { publicUser } from "../me/get-me";

export const authRoutes = createRouter();

// Per-client limits run before the body is read (docs/decisions/010-sign-in-attempt-limits.md).
authRoutes.use("/otp/start", perClientLimit("RL_OTP_START", "otp-start"));
authRoutes.use("/otp/verify", perClientLimit("RL_OTP_VERIFY", "otp-verify"));

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/otp/start",
    tags: ["auth"],
    summary: "Email a 6-digit sign-in code (same answer whether or not the account exists)",
    request: { body: jsonBody(OtpStartBody) },
    responses: { 202: jsonContent(OtpStartResult, "Code sent if the address can receive it"), ...errorResponses },
  }),
  async (c) => c.json(await startOtp(c.var.deps, c.req.valid("json").email), 202),
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/otp/verify",
    tags: ["auth"],
    summary: "Exchange a code for a session cookie",
    request: { body: jsonBody(OtpVerifyBody) },
    responses: { 200: jsonContent(SignInResult, "Signed in; session cookie set"), ...errorResponses },
  }),
  async (c) => {
    const { email, code } = c.req.valid("json");
    const user = await verifyOtp(c.var.deps, { email, code, network: networkOf(clientIp(c.req.raw.headers)) });
    const session = await createSession(c.var.deps, user.id, c.req.header("user-agent"));
    setCookie(c, SESSION_COOKIE, session.token, sessionCookieOptions(session.maxAgeSeconds));
    return c.json({ user: publicUser(user) }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: "post",
    path: "/signout",
    tags: ["auth"],
    summary: "Revoke the current session",
    responses: { 204: { description: "Signed out" }, ...errorResponses },
  }),
  async (c) => {
    const actor = requireUser(c.var.actor);
    await revokeSession(c.var.deps, actor.sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.body(null, 204);
  },
);

authRoutes.openapi(
  createRoute({
    method: "get",
    path: "/providers",
    tags: ["auth"],
    summary: "Which OAuth providers this server has credentials for",
    responses: { 200: jsonContent(ProvidersResult, "Provider availability") },
  }),
  (c) => c.json(configuredProviders(c.var.deps.config), 200),
);

const ProviderParam = z.object({ provider: z.enum(SIGN_IN_PROVIDERS) });

authRoutes.openapi(
  createRoute({
    method: "get",
    path: "/oauth/{provider}/start",
    tags: ["auth"],
    summary: "Redirect to Google or LinkedIn (state always, PKCE where supported)",
    request: { params: ProviderParam, query: z.object({ next: z.string().max(512).optional() }) },
    responses: { 302: { description: "To the provider" }, ...errorResponses, 503: errorResponses[400] },
  }),
  async (c) => {
    const { provider } = c.req.valid("param");
    const { url, cookie } = beginOAuth(c.var.deps.config, provider, safeNext(c.req.valid("query").next, c.var.deps.config.appOrigin, "/welcome"));
    setCookie(c, OAUTH_COOKIE, cookie, { httpOnly: true, secure: true, sameSite: "Lax", path: "/api/v1/auth/oauth", maxAge: OAUTH_COOKIE_MAX_AGE });
    return c.redirect(url, 302);
  },
);

authRoutes.openapi(
  createRoute({
    method: "get",
    path: "/oauth/{provider}/callback",
    tags: ["auth"],
    summary: "Provider callback: checks state and PKCE, then signs in and redirects into the app",
    request: {
      params: ProviderParam,
      query: z.object({ code: z.string().max(2048).optional(), state: z.string().max(512).optional(), error: z.string().max(500).optional() }),
    },
    responses: { 302: { description: "Into the app, or back to sign-in with ?error=" } },
  }),
  async (c) => {
    const { provider } = c.req.valid("param");
    const cookie = getCookie(c, OAUTH_COOKIE);
    deleteCookie(c, OAUTH_COOKIE, { path: "/api/v1/auth/oauth", secure: true });
    try {
      const { tokens, next } = await finishOAuth(c.var.deps.config, provider, c.req.valid("query"), cookie);
      const user = await linkOAuthAccount(c.var.deps, provider, identityFromTokens(tokens));
      const session = await createSession(c.var.deps, user.id, c.req.header("user-agent"));
      setCookie(c, SESSION_COOKIE, session.token, sessionCookieOptions(session.maxAgeSeconds));
      return c.redirect(safeNext(next, c.var.deps.config.appOrigin, "/welcome"), 302);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      c.var.deps.log.warn("oauth sign-in refused", { provider, code: e.code, detail: e.message });
      const to = new URL("/signin", c.var.deps.config.appOrigin);
      to.searchParams.set("error", e.message);
      return c.redirect(to.pathname + to.search, 302);
    }
  },
);
