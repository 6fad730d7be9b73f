import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../lib/errors";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { brandTenant, requireUser } from "../lib/tenancy";
import { getTestCheckout, settleTestCheckout } from "./manual-checkout";
import { TestCheckoutSchema, TestPayBody, TopUpBody, TopUpSchema, WalletSchema, WebhookAckSchema } from "./schemas";
import { handleProviderEvent } from "./handle-provider-event";
import type { ProviderEvent } from "./provider";
import { verifyStripeEvent } from "./stripe-provider";
import { getWallet, startTopUp, topUpReceipt } from "./wallet";

/** Mounted at /api/v1/brands: a brand's wallet. */
export const walletRoutes = createRouter();
const BrandParam = z.object({ brandId: z.string().min(1).max(64) });

walletRoutes.openapi(
  createRoute({ method: "get", path: "/{brandId}/wallet", tags: ["money"], summary: "The brand's wallet: balance per currency and recent top-ups", request: { params: BrandParam }, responses: { 200: jsonContent(WalletSchema, "The wallet"), ...errorResponses } }),
  async (c) => {
    const tenant = await brandTenant(c.var.deps, c.var.actor, c.req.valid("param").brandId);
    return c.json(await getWallet(c.var.deps, tenant), 200);
  },
);

walletRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{brandId}/wallet/top-ups",
    tags: ["money"],
    summary: "Start a top-up: a checkout to pay into the wallet (owners and admins, signed in)",
    request: { params: BrandParam, body: jsonBody(TopUpBody) },
    responses: { 201: jsonContent(TopUpSchema, "Checkout opened"), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const tenant = await brandTenant(c.var.deps, c.var.actor, c.req.valid("param").brandId, { roles: ["owner", "admin"] });
    return c.json(await startTopUp(c.var.deps, tenant, user.userId, c.req.valid("json")), 201);
  },
);

walletRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{brandId}/wallet/top-ups/{topUpId}/receipt",
    tags: ["money"],
    summary: "The receipt of a paid top-up",
    request: { params: BrandParam.extend({ topUpId: z.string().min(1).max(64) }) },
    responses: {
      200: jsonContent(z.object({ id: z.string(), number: z.string(), description: z.string(), amountMinor: z.number().int(), currency: z.string(), provider: z.enum(["stripe", "manual"]), providerReference: z.string(), paidAt: z.string(), ledgerEntryId: z.string().nullable() }).openapi("TopUpReceipt"), "The receipt"),
      ...errorResponses,
    },
  }),
  async (c) => {
    const { brandId, topUpId } = c.req.valid("param");
    const tenant = await brandTenant(c.var.deps, c.var.actor, brandId);
    return c.json(await topUpReceipt(c.var.deps, tenant, topUpId), 200);
  },
);

/** Mounted at /api/v1/checkout/test: the manual provider's checkout (no Stripe, outside production). */
export const testCheckoutRoutes = createRouter();
const SessionParam = z.object({ sessionId: z.string().min(1).max(64) });

testCheckoutRoutes.openapi(
  createRoute({ method: "get", path: "/{sessionId}", tags: ["money"], summary: "A test-mode checkout, for its page", request: { params: SessionParam }, responses: { 200: jsonContent(TestCheckoutSchema, "The checkout"), ...errorResponses } }),
  async (c) => c.json(await getTestCheckout(c.var.deps, c.req.valid("param").sessionId), 200),
);

testCheckoutRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{sessionId}/pay",
    tags: ["money"],
    summary: "Pay a test-mode checkout (emits checkout.session.completed); physical goods need a shipping address",
    request: { params: SessionParam, body: { required: false, content: { "application/json": { schema: TestPayBody } } } },
    responses: { 200: jsonContent(TestCheckoutSchema, "The checkout after"), ...errorResponses },
  }),
  async (c) => {
    const body = c.req.header("content-type")?.includes("json") ? c.req.valid("json") : {};
    return c.json(await settleTestCheckout(c.var.deps, c.req.valid("param").sessionId, "pay", body, c.env), 200);
  },
);

testCheckoutRoutes.openapi(
  createRoute({ method: "post", path: "/{sessionId}/decline", tags: ["money"], summary: "Decline a test-mode checkout (emits checkout.session.async_payment_failed)", request: { params: SessionParam }, responses: { 200: jsonContent(TestCheckoutSchema, "The checkout after"), ...errorResponses } }),
  async (c) => c.json(await settleTestCheckout(c.var.deps, c.req.valid("param").sessionId, "decline", {}, c.env), 200),
);

/** Mounted at /api/v1/webhooks. */
export const webhookRoutes = createRouter();

webhookRoutes.openapi(
  createRoute({
    method: "post",
    path: "/stripe",
    tags: ["money"],
    summary: "Stripe webhook endpoint: verified by Stripe-Signature (300 s tolerance); a redelivered event changes nothing",
    request: { headers: z.object({ "stripe-signature": z.string().optional() }) },
    responses: { 200: jsonContent(WebhookAckSchema, "Received"), ...errorResponses },
  }),
  async (c) => {
    const deps = c.var.deps;
    const secret = deps.config.stripeWebhookSecret;
    if (!secret) throw new AppError("misconfigured", "Stripe webhooks are not set up here: STRIPE_WEBHOOK_SECRET is not set.");
    const signature = c.req.header("stripe-signature");
    if (!signature) throw new AppError("bad_request", "The Stripe-Signature header is missing.", [{ path: "header.stripe-signature", message: "Required" }]);
    const payload = await c.req.text();
    let event;
    try {
      event = await verifyStripeEvent(payload, signature, secret, deps.now());
    } catch (err) {
      const detail = err instanceof Error ? err.message : "The signature could not be verified.";
      throw new AppError("bad_request", `The Stripe-Signature does not verify: ${detail}`, [{ path: "header.stripe-signature", message: "Invalid or too old" }]);
    }
    // Stripe.Event is a union of typed objects; the handler reads the fields ProviderEvent names.
    const outcome = await handleProviderEvent(deps, "stripe", event as unknown as ProviderEvent, c.env);
    return c.json({ received: true as const, outcome }, 200);
  },
);
