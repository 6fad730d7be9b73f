import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { creatorProducts, creators } from "../db/d1/schema";
import { inList } from "../db/d1/in-list";
import { checkoutSessions, orderItems, orders } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { downloadPath } from "./downloads";
import { handleProviderEvent } from "./handle-provider-event";
import { HOLDS_GOODS, nextOrderStatus } from "./order-state";
import { stripeClient } from "./stripe-provider";

type Order = typeof orders.$inferSelect;
type Role = "buyer" | "seller";

async function sellerOf(deps: Deps, userId: string) {
  return (await deps.db.select({ id: creators.id }).from(creators).where(eq(creators.userId, userId)).get())?.id ?? null;
}

/** The order if the user bought it or sells it; anyone else gets 404 (its existence is not theirs to learn). */
async function orderFor(deps: Deps, userId: string, orderId: string): Promise<{ order: Order; role: Role }> {
  const pg = await deps.pg();
  const [order] = await pg.select().from(orders).where(eq(orders.id, orderId));
  if (order?.buyerUserId === userId) return { order, role: "buyer" };
  if (order && order.creatorId === (await sellerOf(deps, userId))) return { order, role: "seller" };
  throw new AppError("not_found", `No order ${orderId} of yours.`);
}

async function records(deps: Deps, rows: Order[], role: Role) {
  if (!rows.length) return [];
  const pg = await deps.pg();
  const ids = rows.map((o) => o.id);
  const items = await pg.select().from(orderItems).where(inArray(orderItems.orderId, ids));
  const sellers = await deps.db.select({ id: creators.id, handle: creators.handle, displayName: creators.displayName }).from(creators).where(inList(creators.id, [...new Set(rows.map((o) => o.creatorId))])).all();
  const files = await deps.db
    .select({ id: creatorProducts.id, fileName: creatorProducts.fileName })
    .from(creatorProducts)
    .where(inList(creatorProducts.id, [...new Set(items.filter((i) => i.kind === "digital").map((i) => i.productId))]))
    .all();
  const checkouts = await pg
    .select({ ownerId: checkoutSessions.ownerId, url: checkoutSessions.url, status: checkoutSessions.status })
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.purpose, "order"), inArray(checkoutSessions.ownerId, rows.filter((o) => o.status === "pending").map((o) => o.id).concat(""))));
  const now = deps.now();
  return Promise.all(
    rows.map(async (o) => {
      const mine = items.filter((i) => i.orderId === o.id);
      const seller = sellers.find((s) => s.id === o.creatorId);
      const checkout = checkouts.find((c) => c.ownerId === o.id);
      const canDownload = role === "buyer" && HOLDS_GOODS.includes(o.status);
      return {
        id: o.id,
        role,
        status: o.status,
        currency: o.currency,
        totalMinor: o.totalMinor,
        refundedMinor: o.refundedMinor,
        /** What the creator earns from it (the total less the platform's fee). */
        earningsMinor: role === "seller" ? o.totalMinor - o.platformFeeMinor : null,
        seller: { creatorId: o.creatorId, handle: seller?.handle ?? null, displayName: seller?.displayName ?? "A creator" },
        buyerEmail: role === "seller" ? o.buyerEmail : null,
        items: mine.map((i) => ({ productId: i.productId, kind: i.kind, title: i.title, unitPriceMinor: i.unitPriceMinor, quantity: i.quantity })),
        needsShipping: o.needsShipping,
        shipping: o.shipping,
        downloads: canDownload
          ? await Promise.all(mine.filter((i) => i.kind === "digital").map(async (i) => ({ productId: i.productId, title: i.title, fileName: files.find((f) => f.id === i.productId)?.fileName ?? "download", url: await downloadPath(deps, o.id, i.productId) })))
          : [],
        /** Where the buyer pays, while the order is waiting for payment. */
        checkoutUrl: role === "buyer" && o.status === "pending" && checkout?.status === "open" && o.expiresAt.getTime() > now ? checkout.url : null,
        createdAt: o.createdAt.toISOString(),
        expiresAt: o.expiresAt.toISOString(),
        paidAt: o.paidAt?.toISOString() ?? null,
        fulfilledAt: o.fulfilledAt?.toISOString() ?? null,
        closedAt: o.closedAt?.toISOString() ?? null,
      };
    }),
  );
}

export async function getOrder(deps: Deps, userId: string, orderId: string) {
  const { order, role } = await orderFor(deps, userId, orderId);
  return (await records(deps, [order], role))[0]!;
}

/** The user's orders, newest first: those they bought, or (as `seller`) those of their shop that were paid (an unpaid checkout is not a sale). */
export async function listOrders(deps: Deps, userId: string, role: Role, limit = 50) {
  const pg = await deps.pg();
  const creatorId = role === "seller" ? await sellerOf(deps, userId) : null;
  if (role === "seller" && !creatorId) throw new AppError("forbidden", "Set up your creator profile first.");
  const rows = await pg
    .select()
    .from(orders)
    .where(role === "buyer" ? eq(orders.buyerUserId, userId) : and(eq(orders.creatorId, creatorId!), isNotNull(orders.paidAt)))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
  return records(deps, rows, role);
}

/** The seller marks a paid order delivered (services and physical goods; downloads fulfil themselves). */
export async function fulfilOrder(deps: Deps, userId: string, orderId: string) {
  const { order, role } = await orderFor(deps, userId, orderId);
  if (role !== "seller") throw new AppError("forbidden", "Only the seller fulfils an order.");
  const pg = await deps.pg();
  await pg.transaction(async (tx) => {
    const [locked] = await tx.select().from(orders).where(eq(orders.id, order.id)).for("update");
    const next = nextOrderStatus({ status: locked!.status, totalMinor: locked!.totalMinor, fulfilled: locked!.fulfilledAt !== null }, { type: "fulfilled" });
    if (next === null) throw new AppError("conflict", locked!.fulfilledAt ? "This order is already fulfilled." : `An order that is ${locked!.status.replace("_", " ")} cannot be fulfilled.`);
    await tx.update(orders).set({ status: next, fulfilledAt: new Date(deps.now()), updatedAt: new Date(deps.now()) }).where(eq(orders.id, order.id));
  });
  return getOrder(deps, userId, orderId);
}

/**
 * The seller refunds a paid order, wholly or in part (`amountMinor`, default what is left). On
 * Stripe the refund is requested (idempotent per refunded total) and `charge.refunded` books it;
 * the manual provider sends that event at once.
 */
export async function refundOrder(deps: Deps, env: Env | undefined, userId: string, orderId: string, amountMinor: number | undefined) {
  const { order, role } = await orderFor(deps, userId, orderId);
  if (role !== "seller") throw new AppError("forbidden", "Only the seller refunds an order.");
  if (!HOLDS_GOODS.includes(order.status) || !order.paymentIntentId) throw new AppError("conflict", `An order that is ${order.status.replace("_", " ")} cannot be refunded.`);
  const left = order.totalMinor - order.refundedMinor;
  const amount = amountMinor ?? left;
  if (amount < 1 || amount > left) throw new AppError("validation_failed", `Refund between 1 and ${left} (what is left of the order).`, [{ path: "body.amountMinor", message: `At most ${left}` }]);
  const p = deps.config.payments;
  const total = order.refundedMinor + amount;
  if (p.kind === "stripe") {
    await stripeClient({ secretKey: p.secretKey, api: p.api }).refunds.create({ payment_intent: order.paymentIntentId, amount, metadata: { tandem_order: order.id } }, { idempotencyKey: `refund:${order.id}:${total}` });
    return { status: "requested" as const, order: await getOrder(deps, userId, orderId) };
  }
  await handleProviderEvent(deps, "manual", { id: `mev_refund_${order.id}_${total}`, type: "charge.refunded", created: Math.floor(deps.now() / 1000), data: { object: { id: `mch_${order.id}`, object: "charge", payment_intent: order.paymentIntentId, amount: order.totalMinor, amount_refunded: total, refunded: total === order.totalMinor } } }, env);
  return { status: "refunded" as const, order: await getOrder(deps, userId, orderId) };
}
