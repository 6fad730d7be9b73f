import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { beginOAuth, cookiePath, finishOAuth, OAUTH_COOKIE, OAUTH_COOKIE_MAX_AGE } from "../auth/oauth-flow";
import { safeNext } from "../lib/safe-next";
import { SOCIAL_PROVIDERS } from "../auth/oauth-providers";
import { AppError } from "../lib/errors";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { requireUser } from "../lib/tenancy";
import { claimHandle, handleAvailability } from "./claim-handle";
import { creatorRecord } from "./creator-record";
import { fetchSocialStats } from "./fetch-social-stats";
import { creatorOfUser, ownCreator } from "./own-creator";
import { recordSocial } from "./record-social";
import { CreateCreatorBody, CreatorSchema, HandleAvailability, ManualSocialBody, SocialAccountSchema, UpdateCreatorBody } from "./schemas";
import { updateCreator } from "./update-creator";

export const creatorRoutes = createRouter();

const CreatorParam = z.object({ creatorId: z.string().min(1).max(64) });

creatorRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["creators"],
    summary: "Claim a handle and create the caller's creator profile",
    request: { body: jsonBody(CreateCreatorBody) },
    responses: { 201: jsonContent(CreatorSchema, "Created"), ...errorResponses, 409: errorResponses[400] },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    return c.json(await claimHandle(c.var.deps, user.userId, c.req.valid("json")), 201);
  },
);

creatorRoutes.openapi(
  createRoute({
    method: "get",
    path: "/handles/{handle}",
    tags: ["creators"],
    summary: "Is this handle valid and free?",
    request: { params: z.object({ handle: z.string().max(64) }) },
    responses: { 200: jsonContent(HandleAvailability, "Availability"), ...errorResponses },
  }),
  async (c) => c.json(await handleAvailability(c.var.deps, c.req.valid("param").handle), 200),
);

creatorRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{creatorId}",
    tags: ["creators"],
    summary: "The caller's own creator profile",
    request: { params: CreatorParam },
    responses: { 200: jsonContent(CreatorSchema, "Profile"), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const row = await ownCreator(c.var.deps, user.userId, c.req.valid("param").creatorId);
    return c.json(await creatorRecord(c.var.deps, row), 200);
  },
);

creatorRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{creatorId}",
    tags: ["creators"],
    summary: "Edit the caller's own creator profile",
    request: { params: CreatorParam, body: jsonBody(UpdateCreatorBody) },
    responses: { 200: jsonContent(CreatorSchema, "Updated"), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    return c.json(await updateCreator(c.var.deps, user.userId, c.req.valid("param").creatorId, c.req.valid("json")), 200);
  },
);

creatorRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{creatorId}/social",
    tags: ["creators"],
    summary: "Add a social handle by hand (shown as unverified everywhere)",
    request: { params: CreatorParam, body: jsonBody(ManualSocialBody) },
    responses: { 201: jsonContent(SocialAccountSchema, "Recorded, unverified"), ...errorResponses, 409: errorResponses[400] },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const creator = await ownCreator(c.var.deps, user.userId, c.req.valid("param").creatorId);
    const body = c.req.valid("json");
    const saved = await recordSocial(c.var.deps, creator.id, { ...body, followers: body.followers ?? null, verified: false });
    if (!saved) throw new AppError("conflict", `Your ${body.platform} account is already verified; reconnect it to refresh.`);
    return c.json(saved, 201);
  },
);

const PlatformParam = z.object({ platform: z.enum(SOCIAL_PROVIDERS) });

creatorRoutes.openapi(
  createRoute({
    method: "get",
    path: "/social/{platform}/start",
    tags: ["creators"],
    summary: "Verify a YouTube or TikTok handle through OAuth",
    request: { params: PlatformParam, query: z.object({ next: z.string().max(512).optional() }) },
    responses: { 302: { description: "To the platform" }, ...errorResponses, 503: errorResponses[400] },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    if (!(await creatorOfUser(c.var.deps, user.userId))) throw new AppError("conflict", "Claim a handle before verifying social accounts.");
    const { platform } = c.req.valid("param");
    const { url, cookie } = beginOAuth(c.var.deps.config, platform, safeNext(c.req.valid("query").next, c.var.deps.config.appOrigin, "/studio"));
    setCookie(c, OAUTH_COOKIE, cookie, { httpOnly: true, secure: true, sameSite: "Lax", path: cookiePath(platform), maxAge: OAUTH_COOKIE_MAX_AGE });
    return c.redirect(url, 302);
  },
);

creatorRoutes.openapi(
  createRoute({
    method: "get",
    path: "/social/{platform}/callback",
    tags: ["creators"],
    summary: "Platform callback: checks state and PKCE, records a verified follower snapshot",
    request: {
      params: PlatformParam,
      query: z.object({ code: z.string().max(2048).optional(), state: z.string().max(512).optional(), error: z.string().max(500).optional() }),
    },
    responses: { 302: { description: "Back to the studio with ?verified= or ?error=" } },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const { platform } = c.req.valid("param");
    const cookie = getCookie(c, OAUTH_COOKIE);
    deleteCookie(c, OAUTH_COOKIE, { path: cookiePath(platform), secure: true });
    let next = "/studio/onboarding";
    try {
      const creator = await creatorOfUser(c.var.deps, user.userId);
      if (!creator) throw new AppError("conflict", "Claim a handle before verifying social accounts.");
      const flow = await finishOAuth(c.var.deps.config, platform, c.req.valid("query"), cookie);
      next = safeNext(flow.next, c.var.deps.config.appOrigin, "/studio/onboarding");
      const stats = await fetchSocialStats(platform, flow.tokens);
      await recordSocial(c.var.deps, creator.id, { platform, ...stats, verified: true });
      return c.redirect(withParam(next, "verified", platform), 302);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      c.var.deps.log.warn("social verification refused", { platform, code: e.code, detail: e.message });
      return c.redirect(withParam(next, "error", e.message), 302);
    }
  },
);

function withParam(path: string, key: string, value: string) {
  const url = new URL(path, "http://x");
  url.searchParams.set(key, value);
  return url.pathname + url.search;
}
