import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { requireUser } from "../lib/tenancy";
import { changePlan, listMySubscriptions, portalUrl, setCancelAtPeriodEnd } from "./member-subscriptions";

const SubscriptionSchema = z
  .object({
    id: z.string(),
    provider: z.enum(["stripe", "manual"]),
    community: z.object({ slug: z.string(), name: z.string() }),
    tier: z.object({ id: z.string(), name: z.string() }),
    otherTiers: z.array(z.object({ id: z.string(), name: z.string(), monthMinor: z.number().int(), yearMinor: z.number().int() })),
    interval: z.enum(["month", "year"]),
    priceMinor: z.number().int(),
    currency: z.string(),
    status: z.enum(["incomplete", "active", "past_due", "canceled", "unpaid"]),
    currentPeriodEnd: z.string().nullable(),
    cancelAtPeriodEnd: z.boolean(),
    graceUntil: z.string().nullable(),
    creditMinor: z.number().int(),
  })
  .openapi("Subscription");

/** Mounted at /api/v1/subscriptions: the signed-in member's paid tiers (ADR 020). */
export const subscriptionRoutes = createRouter();
const Id = z.object({ subscriptionId: z.string().min(1).max(64) });

subscriptionRoutes.openapi(
  createRoute({ method: "get", path: "/", tags: ["money"], summary: "Your subscriptions to paid tiers, newest first", responses: { 200: jsonContent(z.object({ items: z.array(SubscriptionSchema) }), "Subscriptions"), ...errorResponses } }),
  async (c) => c.json({ items: await listMySubscriptions(c.var.deps, requireUser(c.var.actor).userId) }, 200),
);

for (const [path, cancel, summary] of [
  ["/{subscriptionId}/cancel", true, "Cancel at the end of the period (the tier stays until then)"],
  ["/{subscriptionId}/resume", false, "Keep a subscription that was set to cancel"],
] as const) {
  subscriptionRoutes.openapi(
    createRoute({ method: "post", path, tags: ["money"], summary, request: { params: Id }, responses: { 200: jsonContent(SubscriptionSchema, "The subscription"), 409: errorResponses[400], ...errorResponses } }),
    async (c) => c.json(await setCancelAtPeriodEnd(c.var.deps, c.env, requireUser(c.var.actor).userId, c.req.valid("param").subscriptionId, cancel), 200),
  );
}

subscriptionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{subscriptionId}/change",
    tags: ["money"],
    summary: "Change to another paid tier or interval now, prorated",
    request: { params: Id, body: jsonBody(z.object({ tierId: z.string().min(1).max(64), interval: z.enum(["month", "year"], { error: "month or year" }) }).strict()) },
    responses: { 200: jsonContent(SubscriptionSchema, "The subscription"), 409: errorResponses[400], ...errorResponses },
  }),
  async (c) => c.json(await changePlan(c.var.deps, c.env, requireUser(c.var.actor).userId, c.req.valid("param").subscriptionId, c.req.valid("json")), 200),
);

subscriptionRoutes.openapi(
  createRoute({ method: "post", path: "/{subscriptionId}/portal", tags: ["money"], summary: "A link to manage the subscription: Stripe's customer portal", request: { params: Id }, responses: { 200: jsonContent(z.object({ url: z.url() }), "Portal"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => c.json({ url: await portalUrl(c.var.deps, requireUser(c.var.actor).userId, c.req.valid("param").subscriptionId) }, 200),
);
