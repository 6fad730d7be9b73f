import { and, eq, or } from "drizzle-orm";
import { postEntry } from "../billing/ledger";
import { bpsOf } from "../billing/price-event";
import type { PgTx } from "../db/pg/client";
import { checkoutSessions, orders, subscriptions, tierPrices, type SubscriptionStatus } from "../db/pg/schema";
import { SALES_FEE_BPS } from "./checkout-order";
import { setEntitlement } from "./entitlement";
import type { AfterCommit } from "./order-payment";
import { nextOrderStatus } from "./order-state";
import type { ProviderEvent } from "./provider";
import { holdEarning, SUBSCRIPTION_SETTLEMENT_DAYS } from "./settlement";

type Subscription = typeof subscriptions.$inferSelect;
type Outcome = "applied" | "stale" | "ignored";

/** A failed renewal keeps the tier this long, then the job revokes it (ADR 020). */
export const GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

const grant = (s: Subscription): AfterCommit => (deps, env) => setEntitlement(deps, env, { communityId: s.communityId, userId: s.userId, subscriptionId: s.id, tierId: s.tierId });
const revoke = (s: Subscription): AfterCommit => (deps, env) => setEntitlement(deps, env, { communityId: s.communityId, userId: s.userId, subscriptionId: s.id, tierId: null });
const secondsToDate = (s: number | null | undefined) => (s ? new Date(s * 1000) : null);

/** The subscription an event is about: by Tandem's id in its metadata, else by Stripe's id. */
async function lockSubscription(tx: PgTx, tandemId: string | null | undefined, providerId: string | null | undefined) {
  if (!tandemId && !providerId) return null;
  const [row] = await tx
    .select()
    .from(subscriptions)
    .where(or(...(tandemId ? [eq(subscriptions.id, tandemId)] : []), ...(providerId ? [eq(subscriptions.providerSubscriptionId, providerId)] : [])))
    .for("update");
  return row ?? null;
}

/**
 * The subscription checkout ended: paid, its subscription is linked and active, its order paid
 * and the tier granted (the money is booked by the invoice's own event); unpaid, the order
 * closes and the subscription never starts.
 */
export async function settleSubscriptionCheckout(tx: PgTx, session: typeof checkoutSessions.$inferSelect, next: "complete" | "declined" | "expired", object: Record<string, unknown>, now: number): Promise<AfterCommit | null> {
  const s = await lockSubscription(tx, session.ownerId, null);
  if (!s) return null;
  const [order] = await tx.select().from(orders).where(eq(orders.id, s.orderId)).for("update");
  const facts = order ? { status: order.status, totalMinor: order.totalMinor, fulfilled: order.fulfilledAt !== null } : null;
  if (next !== "complete") {
    const closed = facts && nextOrderStatus(facts, { type: next });
    if (closed) await tx.update(orders).set({ status: closed, closedAt: new Date(now), updatedAt: new Date(now) }).where(eq(orders.id, s.orderId));
    if (s.status === "incomplete") await tx.update(subscriptions).set({ status: "canceled", updatedAt: new Date(now) }).where(eq(subscriptions.id, s.id));
    return null;
  }
  // A membership is delivered the moment it is paid.
  if (facts && nextOrderStatus(facts, { type: "paid" })) await tx.update(orders).set({ status: "fulfilled", paidAt: new Date(now), fulfilledAt: new Date(now), updatedAt: new Date(now) }).where(eq(orders.id, s.orderId));
  const [updated] = await tx
    .update(subscriptions)
    .set({
      providerSubscriptionId: (object.subscription as string | null) ?? s.providerSubscriptionId,
      customerId: (object.customer as string | null) ?? s.customerId,
      status: s.status === "incomplete" ? "active" : s.status,
      updatedAt: new Date(now),
    })
    .where(eq(subscriptions.id, s.id))
    .returning();
  return updated!.status === "active" ? grant(updated!) : null;
}

/** `invoice.paid`: the period is paid for, booked once per invoice (`invoice:<id>`), settling after 7 days; the tier is (re)granted. */
export async function invoicePaid(tx: PgTx, event: ProviderEvent, now: number): Promise<{ outcome: Outcome; after: AfterCommit | null }> {
  const inv = event.data.object as {
    id: string;
    amount_paid?: number;
    currency?: string;
    subscription?: string | null;
    period_start?: number;
    period_end?: number;
    lines?: { data?: { period?: { start?: number; end?: number } }[] };
    subscription_details?: { metadata?: Record<string, string> | null } | null;
    parent?: { subscription_details?: { subscription?: string | null; metadata?: Record<string, string> | null } | null } | null;
  };
  const providerId = inv.subscription ?? inv.parent?.subscription_details?.subscription ?? null;
  const metadata = inv.subscription_details?.metadata ?? inv.parent?.subscription_details?.metadata ?? null;
  const s = await lockSubscription(tx, metadata?.tandem_owner, providerId);
  if (!s) return { outcome: "ignored", after: null };
  const amount = inv.amount_paid ?? 0;
  if (amount > 0) {
    const fee = bpsOf(amount, SALES_FEE_BPS);
    const entry = await postEntry(tx, {
      key: `invoice:${inv.id}`,
      kind: "subscription_payment",
      reference: s.id,
      currency: s.currency,
      at: new Date(now),
      lines: [
        { kind: "provider_clearing", ownerId: "platform", amountMinor: -amount },
        { kind: "platform_fee", ownerId: "platform", amountMinor: fee },
        { kind: "creator_pending", ownerId: s.creatorId, amountMinor: amount - fee },
      ],
    });
    if (entry.posted) await holdEarning(tx, { entryId: entry.entryId, creatorId: s.creatorId, currency: s.currency, amountMinor: amount - fee, source: "subscription", sourceId: s.id, at: now, days: SUBSCRIPTION_SETTLEMENT_DAYS });
  }
  if (s.status === "canceled") return { outcome: "applied", after: null };
  const period = inv.lines?.data?.[0]?.period;
  const end = secondsToDate(period?.end ?? inv.period_end);
  const [updated] = await tx
    .update(subscriptions)
    .set({
      providerSubscriptionId: s.providerSubscriptionId ?? providerId,
      status: "active",
      graceUntil: null,
      currentPeriodStart: secondsToDate(period?.start ?? inv.period_start) ?? s.currentPeriodStart,
      // Periods only move forward: a late invoice for an earlier period does not shorten the current one.
      currentPeriodEnd: end && (!s.currentPeriodEnd || end > s.currentPeriodEnd) ? end : s.currentPeriodEnd,
      updatedAt: new Date(now),
    })
    .where(eq(subscriptions.id, s.id))
    .returning();
  return { outcome: "applied", after: grant(updated!) };
}

/** `invoice.payment_failed`: the renewal did not go through; the tier stays for the grace period. */
export async function invoicePaymentFailed(tx: PgTx, event: ProviderEvent, now: number): Promise<Outcome> {
  const inv = event.data.object as { subscription?: string | null; parent?: { subscription_details?: { subscription?: string | null; metadata?: Record<string, string> | null } | null } | null; subscription_details?: { metadata?: Record<string, string> | null } | null };
  const s = await lockSubscription(tx, (inv.subscription_details?.metadata ?? inv.parent?.subscription_details?.metadata)?.tandem_owner, inv.subscription ?? inv.parent?.subscription_details?.subscription);
  if (!s) return "ignored";
  if (s.status === "canceled" || s.status === "unpaid") return "stale";
  await tx.update(subscriptions).set({ status: "past_due", graceUntil: s.graceUntil ?? new Date(now + GRACE_DAYS * DAY_MS), updatedAt: new Date(now) }).where(eq(subscriptions.id, s.id));
  return "applied";
}

const STATUS: Record<string, SubscriptionStatus> = { active: "active", trialing: "active", past_due: "past_due", canceled: "canceled", unpaid: "unpaid", incomplete: "incomplete", incomplete_expired: "canceled", paused: "unpaid" };

/**
 * `customer.subscription.updated` / `.deleted`: the subscription as Stripe now holds it. An event
 * older than the newest one applied changes nothing. A cancel at the period end keeps the tier
 * until Stripe deletes the subscription; a plan change moves the member to the new price's tier.
 */
export async function subscriptionChanged(tx: PgTx, event: ProviderEvent, now: number): Promise<{ outcome: Outcome; after: AfterCommit | null }> {
  const o = event.data.object as {
    id: string;
    status?: string;
    cancel_at_period_end?: boolean;
    current_period_end?: number;
    metadata?: Record<string, string> | null;
    items?: { data?: { current_period_end?: number; current_period_start?: number; price?: { id?: string; unit_amount?: number | null; recurring?: { interval?: string } | null } }[] };
  };
  const s = await lockSubscription(tx, o.metadata?.tandem_owner, o.id);
  if (!s) return { outcome: "ignored", after: null };
  if (event.created < s.lastEventCreated || s.status === "canceled") return { outcome: "stale", after: null };
  const status = event.type === "customer.subscription.deleted" ? "canceled" : (STATUS[o.status ?? ""] ?? s.status);
  const item = o.items?.data?.[0];
  // A plan change: the new price names the tier it belongs to.
  const [price] = item?.price?.id ? await tx.select().from(tierPrices).where(and(eq(tierPrices.stripePriceId, item.price.id))) : [];
  const [updated] = await tx
    .update(subscriptions)
    .set({
      providerSubscriptionId: s.providerSubscriptionId ?? o.id,
      status,
      cancelAtPeriodEnd: o.cancel_at_period_end ?? s.cancelAtPeriodEnd,
      currentPeriodEnd: secondsToDate(item?.current_period_end ?? o.current_period_end) ?? s.currentPeriodEnd,
      ...(price ? { tierId: price.tierId, interval: price.interval, priceMinor: price.amountMinor } : {}),
      graceUntil: status === "active" ? null : s.graceUntil,
      lastEventCreated: event.created,
      updatedAt: new Date(now),
    })
    .where(eq(subscriptions.id, s.id))
    .returning();
  const u = updated!;
  if (u.status === "canceled" || u.status === "unpaid") return { outcome: "applied", after: revoke(u) };
  if (u.status === "active" && u.tierId !== s.tierId) return { outcome: "applied", after: grant(u) };
  return { outcome: "applied", after: null };
}
