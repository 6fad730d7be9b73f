import { createRoute, z } from "@hono/zod-openapi";
import { NICHES } from "../creators/schemas";
import { creatorOfUser } from "../creators/own-creator";
import { INDUSTRIES } from "../brands/schemas";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { createRouter, errorResponses, jsonContent } from "../lib/openapi";
import { requireUser } from "../lib/tenancy";
import type { Actor } from "../lib/context";
import { acceptCampaign } from "./accept-campaign";
import { creatorEarnings } from "./creator-earnings";
import { listOpenCampaigns } from "./list-open-campaigns";

async function requireCreator(deps: Deps, actor: Actor | null) {
  const user = requireUser(actor);
  const creator = await creatorOfUser(deps, user.userId);
  if (!creator) throw new AppError("forbidden", "Claim a creator handle first.");
  return creator;
}

export const marketplaceRoutes = createRouter();

marketplaceRoutes.openapi(
  createRoute({
    method: "get",
    path: "/campaigns",
    tags: ["marketplace"],
    summary: "Open campaigns for creators, filtered by niche, pricing model and brand category",
    request: {
      query: z.object({
        niche: z.enum(NICHES).optional(),
        pricingModel: z.enum(["cpc", "cpv", "cpp", "cpcall"]).optional(),
        industry: z.enum(INDUSTRIES).optional(),
        sort: z.enum(["newest", "payout"]).default("newest"),
      }),
    },
    responses: { 200: jsonContent(z.object({ items: z.array(z.record(z.string(), z.unknown())) }), "Campaigns"), ...errorResponses },
  }),
  async (c) => {
    const creator = await requireCreator(c.var.deps, c.var.actor);
    return c.json({ items: await listOpenCampaigns(c.var.deps, creator.id, c.req.valid("query")) }, 200);
  },
);

export const acceptRoutes = createRouter();

acceptRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{campaignId}/accept",
    tags: ["marketplace"],
    summary: "Join a campaign; returns the creator's scoped links, one per promoted page",
    request: { params: z.object({ campaignId: z.string().min(1).max(64) }) },
    responses: {
      200: jsonContent(z.object({ links: z.array(z.object({ code: z.string(), url: z.string(), productId: z.string().nullable(), destination: z.string() })) }), "Links"),
      ...errorResponses,
      409: errorResponses[400],
    },
  }),
  async (c) => {
    const creator = await requireCreator(c.var.deps, c.var.actor);
    return c.json(await acceptCampaign(c.var.deps, creator.id, c.req.valid("param").campaignId, c.var.deps.config.linkOrigin), 200);
  },
);

export const earningsRoutes = createRouter();

earningsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["marketplace"],
    summary: "The signed-in creator's balances (pending, available, paid out, receivable), settlement timeline and campaigns, from the ledger",
    responses: { 200: jsonContent(z.record(z.string(), z.unknown()), "Earnings"), ...errorResponses },
  }),
  async (c) => {
    const creator = await requireCreator(c.var.deps, c.var.actor);
    return c.json(await creatorEarnings(c.var.deps, creator.id, c.var.deps.config.linkOrigin), 200);
  },
);
