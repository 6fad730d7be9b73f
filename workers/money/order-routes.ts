import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { perClientLimit } from "../lib/rate-limit";
import { requireUser } from "../lib/tenancy";
import { checkoutOrder } from "./checkout-order";
import { checkoutSubscription } from "./checkout-subscription";
import { serveDownload } from "./downloads";
import { fulfilOrder, getOrder, listOrders, refundOrder } from "./orders";
import { CheckoutBody, CheckoutCreatedSchema, OrderSchema } from "./schemas";

/** Mounted at /api/v1/checkout: buy a creator's products (signed in). */
export const checkoutRoutes = createRouter();

checkoutRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["money"],
    summary: "Open an order and its checkout: {items:[{productId, quantity}]} or {tierId, interval} → {orderId, url}",
    request: { body: jsonBody(CheckoutBody) },
    responses: { 201: jsonContent(CheckoutCreatedSchema, "Order opened; pay at url"), 409: errorResponses[400], ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const body = c.req.valid("json");
    if (body.items) return c.json(await checkoutOrder(c.var.deps, user, body.items), 201);
    const { orderId, url } = await checkoutSubscription(c.var.deps, user, { tierId: body.tierId!, interval: body.interval! });
    return c.json({ orderId, url }, 201);
  },
);

/** Mounted at /api/v1/orders: an order's buyer and seller only. */
export const orderRoutes = createRouter();
const OrderParam = z.object({ orderId: z.string().min(1).max(64) });

orderRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["money"],
    summary: "Your orders, newest first: those you bought, or with role=seller the paid orders of your shop",
    request: { query: z.object({ role: z.enum(["buyer", "seller"]).default("buyer") }) },
    responses: { 200: jsonContent(z.object({ items: z.array(OrderSchema) }), "Orders"), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    return c.json({ items: await listOrders(c.var.deps, user.userId, c.req.valid("query").role) }, 200);
  },
);

orderRoutes.openapi(
  createRoute({ method: "get", path: "/{orderId}", tags: ["money"], summary: "One order (its buyer and its seller only); download links last 15 minutes", request: { params: OrderParam }, responses: { 200: jsonContent(OrderSchema, "The order"), ...errorResponses } }),
  async (c) => c.json(await getOrder(c.var.deps, requireUser(c.var.actor).userId, c.req.valid("param").orderId), 200),
);

orderRoutes.openapi(
  createRoute({ method: "post", path: "/{orderId}/fulfil", tags: ["money"], summary: "Mark a paid order delivered (its seller)", request: { params: OrderParam }, responses: { 200: jsonContent(OrderSchema, "Fulfilled"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => c.json(await fulfilOrder(c.var.deps, requireUser(c.var.actor).userId, c.req.valid("param").orderId), 200),
);

orderRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{orderId}/refund",
    tags: ["money"],
    summary: "Refund a paid order, wholly or in part (its seller); the creator's share comes back out of their balance",
    request: { params: OrderParam, body: jsonBody(z.object({ amountMinor: z.number().int({ error: "A whole number of minor units" }).min(1, { error: "At least 1" }).max(100_000_000).optional() }).strict()) },
    responses: { 200: jsonContent(z.object({ status: z.enum(["requested", "refunded"]), order: OrderSchema }), "Refunded, or requested from Stripe"), 409: errorResponses[400], ...errorResponses },
  }),
  async (c) => c.json(await refundOrder(c.var.deps, c.env, requireUser(c.var.actor).userId, c.req.valid("param").orderId, c.req.valid("json").amountMinor), 200),
);

/** Mounted at /api/v1/downloads: a paid order's signed, expiring file links. */
export const downloadRoutes = createRouter();
downloadRoutes.on("GET", "/:token", perClientLimit("RL_TRACKING", "download"));

downloadRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{token}",
    tags: ["money"],
    summary: "A digital product's file, through the signed link its order page gives",
    request: { params: z.object({ token: z.string().min(10).max(400) }) },
    responses: { 200: { description: "The file", content: { "application/octet-stream": { schema: z.string() } } }, ...errorResponses },
  }),
  async (c) => serveDownload({ ...c.var.deps, bucket: c.env.MEDIA }, c.req.valid("param").token),
);
