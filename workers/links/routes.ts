import { createRoute, z } from "@hono/zod-openapi";
import { INBOUND_LIMITS } from "../lib/inbound-limits";
import { eq } from "drizzle-orm";
import { campaignTenant } from "../campaigns/campaign-tenant";
import { links } from "../db/d1/schema";
import { creatorOfUser } from "../creators/own-creator";
import { AppError } from "../lib/errors";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { perClientLimit } from "../lib/rate-limit";
import { requireActor } from "../lib/tenancy";
import { linkRecord, mintLink } from "./mint-link";
import { linkStats } from "./link-stats";
import { viewPixel } from "./view-pixel";
import { LinkSchema, LinkStatsSchema, MintLinkBody, ViewTokensBody, ViewTokensSchema } from "./schemas";
import { issueViewTokens } from "./issue-view-tokens";
import { VIEW_TOKEN_MAX_CHARS } from "./view-token";

export const linkRoutes = createRouter();

linkRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["links"],
    summary: "Mint the affiliate link for (campaign, product or landing page, creator); idempotent per triple",
    request: { body: jsonBody(MintLinkBody) },
    responses: { 201: jsonContent(LinkSchema, "Minted"), 200: jsonContent(LinkSchema, "Already existed"), ...errorResponses, 409: errorResponses[400] },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const tenant = await campaignTenant(c.var.deps, c.var.actor, body.campaignId, ["owner", "admin"]);
    const { created, link } = await mintLink(c.var.deps, tenant, body, c.var.deps.config.linkOrigin);
    return c.json(link, created ? 201 : 200);
  },
);

linkRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{code}",
    tags: ["links"],
    summary: "A link, to its brand or its creator",
    request: { params: z.object({ code: z.string().min(1).max(32) }) },
    responses: { 200: jsonContent(LinkSchema, "The link"), ...errorResponses },
  }),
  async (c) => {
    const { code } = c.req.valid("param");
    const link = await ownedLink(c.var.deps, c.var.actor, code);
    return c.json(linkRecord(link, c.var.deps.config.linkOrigin), 200);
  },
);

linkRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{code}/stats",
    tags: ["links"],
    summary: "Click totals for a link, to its brand or its creator",
    request: { params: z.object({ code: z.string().min(1).max(32) }) },
    responses: { 200: jsonContent(LinkStatsSchema, "Totals"), ...errorResponses },
  }),
  async (c) => {
    const link = await ownedLink(c.var.deps, c.var.actor, c.req.valid("param").code);
    return c.json(await linkStats(c.var.deps, link.id), 200);
  },
);

linkRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{code}/view-tokens",
    tags: ["links"],
    summary: "Signed item tokens for the view pixel, for the page that shows these items (the link's brand or creator)",
    request: { params: z.object({ code: z.string().min(1).max(32) }), body: jsonBody(ViewTokensBody) },
    responses: { 201: jsonContent(ViewTokensSchema, "One token and pixel URL per item"), ...errorResponses },
  }),
  async (c) => {
    const link = await ownedLink(c.var.deps, c.var.actor, c.req.valid("param").code);
    return c.json(await issueViewTokens(c.var.deps, link.code, c.req.valid("json")), 201);
  },
);

/** The view pixel lives at /api/v1/px (see app.ts); its query is validated here. */
export const pixelRoutes = createRouter();
pixelRoutes.use("/", perClientLimit("RL_TRACKING", "pixel"));
pixelRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["links"],
    summary: "View pixel for CPV: counts a view of an item whose token this server signed; one per visitor per item per hour, capped per visitor, scored, browsers only",
    request: { query: z.object({ l: z.string().regex(/^[0-9A-Za-z]{7,16}$/, { error: "A link code" }), t: z.string().min(1).max(VIEW_TOKEN_MAX_CHARS, { error: "An item token from POST /api/v1/links/{code}/view-tokens" }) }) },
    responses: { 200: { description: "A 1×1 GIF", content: { "image/gif": { schema: z.string() } } }, ...errorResponses },
  }),
  async (c) => {
    const { l, t } = c.req.valid("query");
    return viewPixel(c, l, t) as never;
  },
);

/** A link is visible to members of its brand and to its creator; to anyone else it does not exist. */
export async function ownedLink(deps: Parameters<typeof campaignTenant>[0], actor: Parameters<typeof campaignTenant>[1], code: string) {
  const a = requireActor(actor);
  const link = await deps.db.select().from(links).where(eq(links.code, code)).get();
  const missing = new AppError("not_found", `No link ${code} that you can access.`);
  if (!link) throw missing;
  if (a.kind === "user") {
    const creator = await creatorOfUser(deps, a.userId);
    if (creator?.id === link.creatorId) return link;
  }
  try {
    await campaignTenant(deps, actor, link.campaignId);
    return link;
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") throw missing;
    throw e;
  }
}

