import { eq } from "drizzle-orm";
import { postEntry } from "../billing/ledger";
import type { PgTx } from "../db/pg/client";
import { checkoutSessions, orderItems, orders, type ShippingAddress } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { releaseStock, sellStock } from "../shop/stock";
import { nextOrderStatus, type OrderEvent } from "./order-state";
import { holdEarning } from "./settlement";

type Session = typeof checkoutSessions.$inferSelect;
type Order = typeof orders.$inferSelect;

/** Work for after the transaction commits (D1 is another database: ADR 018's sweep repairs a lost one). */
export type AfterCommit = (deps: Deps, env?: Env) => Promise<void>;

/** The shipping address a paid session collected (Stripe's `collected_information`, or the older `shipping_details`). */
export function shippingFrom(object: Record<string, unknown>): ShippingAddress | null {
  const details = ((object.collected_information as { shipping_details?: unknown } | null)?.shipping_details ?? object.shipping_details) as
    | { name?: string | null; address?: { line1?: string | null; line2?: string | null; city?: string | null; postal_code?: string | null; state?: string | null; country?: string | null } | null }
    | null
    | undefined;
  const a = details?.address;
  if (!details?.name || !a?.line1 || !a.country) return null;
  return { name: details.name, line1: a.line1, line2: a.line2 ?? null, city: a.city ?? "", postalCode: a.postal_code ?? "", state: a.state ?? null, country: a.country };
}

async function lockOrder(tx: PgTx, orderId: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  return order ?? null;
}

const facts = (o: Order) => ({ status: o.status, totalMinor: o.totalMinor, fulfilled: o.fulfilledAt !== null });

/**
 * A paid order's checkout (ADR 018): the sale is posted once (`sale:<order>`): the provider holds
 * the total, the platform earns its fee and the creator the rest, pending until the sale's
 * settlement window ends (ADR 019). An order of downloads only is fulfilled at once (its links work from
 * now); the held stock is sold.
 */
export async function payOrder(tx: PgTx, session: Session, object: Record<string, unknown>, now: number, settlementDays: number): Promise<AfterCommit | null> {
  const order = await lockOrder(tx, session.ownerId);
  if (!order || nextOrderStatus(facts(order), { type: "paid" }) === null) return null;
  const sale = await postEntry(tx, {
    key: `sale:${order.id}`,
    kind: "sale",
    reference: order.id,
    currency: order.currency,
    at: new Date(now),
    lines: [
      { kind: "provider_clearing", ownerId: "platform", amountMinor: -order.totalMinor },
      { kind: "platform_fee", ownerId: "platform", amountMinor: order.platformFeeMinor },
      { kind: "creator_pending", ownerId: order.creatorId, amountMinor: order.totalMinor - order.platformFeeMinor },
    ],
  });
  // The creator's share is paid out once the sale's settlement window (at least the refund window) ends.
  if (sale.posted) await holdEarning(tx, { entryId: sale.entryId, creatorId: order.creatorId, currency: order.currency, amountMinor: order.totalMinor - order.platformFeeMinor, source: "sale", sourceId: order.id, at: now, days: settlementDays });
  const items = await tx.select({ kind: orderItems.kind }).from(orderItems).where(eq(orderItems.orderId, order.id));
  const downloadsOnly = items.every((i) => i.kind === "digital");
  const email = (object.customer_details as { email?: string | null } | null)?.email ?? order.buyerEmail;
  await tx
    .update(orders)
    .set({ status: downloadsOnly ? "fulfilled" : "paid", paymentIntentId: typeof object.payment_intent === "string" ? object.payment_intent : null, paidAt: new Date(now), fulfilledAt: downloadsOnly ? new Date(now) : null, shipping: order.needsShipping ? shippingFrom(object) : null, buyerEmail: email, updatedAt: new Date(now) })
    .where(eq(orders.id, order.id));
  return (deps) => sellStock(deps.db, order.id);
}

/** A checkout that ended unpaid (declined or expired) closes its order and puts its stock back. */
export async function closeOrder(tx: PgTx, session: Session, how: Extract<OrderEvent["type"], "declined" | "expired">, now: number): Promise<AfterCommit | null> {
  const order = await lockOrder(tx, session.ownerId);
  if (!order) return null;
  const next = nextOrderStatus(facts(order), { type: how });
  if (next === null) return null;
  await tx.update(orders).set({ status: next, closedAt: new Date(now), updatedAt: new Date(now) }).where(eq(orders.id, order.id));
  return (deps) => releaseStock(deps.db, order.id);
}
