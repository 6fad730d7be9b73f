import { eq } from "drizzle-orm";
import type { PgTx } from "../db/pg/client";
import { checkoutSessions, providerEvents } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { closeOrder, payOrder, type AfterCommit } from "./order-payment";
import { chargeDispute, chargeRefunded } from "./order-refunds";
import { bookStripeFee } from "./provider-fees";
import { applyAccountUpdated, applyBankPayout } from "./payout-account";
import { applyTransferReversed } from "./payouts";
import { invoicePaid, invoicePaymentFailed, settleSubscriptionCheckout, subscriptionChanged } from "./subscription-events";
import type { ProviderEvent } from "./provider";
import { creditTopUp } from "./wallet";

type Outcome = "applied" | "stale" | "ignored" | "rejected" | "duplicate";
type CheckoutRow = typeof checkoutSessions.$inferSelect;

/**
 * Applies one provider event (a verified Stripe webhook or the manual provider's equivalent),
 * exactly once: the event id is recorded in the same transaction as its effects, so a
 * redelivery finds it and changes nothing. Events may arrive in any order: a checkout's status
 * only moves forward (open → complete | declined | expired), and the ledger entries are keyed by
 * what they settle, so two events that both mean "paid" credit once.
 */
export async function handleProviderEvent(deps: Deps, provider: "stripe" | "manual", event: ProviderEvent, env?: Env): Promise<Outcome> {
  const pg = await deps.pg();
  const after: AfterCommit[] = [];
  const outcome = await pg.transaction(async (tx) => {
    const recorded = await tx
      .insert(providerEvents)
      .values({ id: event.id, provider, type: event.type, created: event.created, outcome: "pending", payload: event as unknown as Record<string, unknown> })
      .onConflictDoNothing({ target: providerEvents.id })
      .returning({ id: providerEvents.id });
    if (!recorded.length) return "duplicate" as const;
    const result = await apply(tx, event, deps, after);
    await tx.update(providerEvents).set({ outcome: result }).where(eq(providerEvents.id, event.id));
    return result;
  });
  if (outcome === "ignored") deps.log.info("provider event not handled", { provider, id: event.id, type: event.type });
  // The other database's share (stock in D1), once Postgres has committed; a failure here is
  // repaired by the stock sweep, so it is logged and the event still counts as handled.
  for (const effect of after) {
    await effect(deps, env).catch((err: unknown) => deps.log.error("provider event follow-up failed; the sweep will repair it", { id: event.id, error: String(err) }));
  }
  return outcome;
}

async function apply(tx: PgTx, event: ProviderEvent, deps: Deps, after: AfterCommit[]): Promise<Exclude<Outcome, "duplicate">> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      return checkoutEvent(tx, event, deps, after);
    case "account.updated":
      return applyAccountUpdated(tx, event);
    case "transfer.reversed":
      return applyTransferReversed(tx, event, deps.now());
    case "payout.paid":
    case "payout.failed":
      return applyBankPayout(tx, event);
    case "invoice.paid": {
      const { outcome, after: effect } = await invoicePaid(tx, event, deps.now());
      if (effect) after.push(effect);
      return outcome;
    }
    case "charge.refunded":
      return chargeRefunded(tx, event, deps.now());
    case "charge.dispute.created":
    case "charge.dispute.closed":
    case "charge.dispute.funds_withdrawn":
    case "charge.dispute.funds_reinstated":
      return chargeDispute(tx, event, deps.now());
    case "invoice.payment_failed":
      return invoicePaymentFailed(tx, event, deps.now());
    case "customer.subscription.updated":
    case "customer.subscription.deleted": {
      const { outcome, after: effect } = await subscriptionChanged(tx, event, deps.now());
      if (effect) after.push(effect);
      return outcome;
    }
    default:
      return "ignored";
  }
}

async function checkoutEvent(tx: PgTx, event: ProviderEvent, deps: Deps, after: AfterCommit[]): Promise<Exclude<Outcome, "duplicate">> {
  const now = deps.now();
  const object = event.data.object as { id: string; payment_status?: string; amount_total?: number | null; currency?: string | null };
  const [session] = await tx.select().from(checkoutSessions).where(eq(checkoutSessions.providerSessionId, object.id)).for("update");
  if (!session) return "ignored";
  if (session.status !== "open") return "stale";
  const next = nextStatus(event.type, object.payment_status);
  // Completed with the payment still processing (bank debits): the async event will settle it.
  if (!next) return "applied";
  if (next === "complete") {
    // What was paid must be what was asked: a session whose total or currency differs is not credited.
    if (object.amount_total !== session.amountMinor || object.currency?.toUpperCase() !== session.currency) {
      deps.log.error("checkout paid a different amount than it asked; not credited", { checkout: session.id, paid: object.amount_total, currency: object.currency, expected: session.amountMinor, expectedCurrency: session.currency });
      return "rejected";
    }
  }
  const effect = await settle(tx, session, next, event.data.object, now, deps);
  if (effect) after.push(effect);
  // What Stripe kept of a one-off payment, from its balance transaction (after this transaction: it calls Stripe).
  const paymentIntent = (event.data.object as { payment_intent?: unknown }).payment_intent;
  if (next === "complete" && session.provider === "stripe" && typeof paymentIntent === "string") after.push((d) => bookStripeFee(d, paymentIntent, session.id, session.currency).then(() => undefined));
  await tx.update(checkoutSessions).set({ status: next, completedAt: new Date(now) }).where(eq(checkoutSessions.id, session.id));
  return "applied";
}

/** The status an event moves an open checkout to (null: it moves nothing, e.g. completed but the payment is still processing). */
function nextStatus(type: string, paymentStatus: string | undefined): Exclude<CheckoutRow["status"], "open"> | null {
  if (type === "checkout.session.completed") return paymentStatus === "paid" || paymentStatus === "no_payment_required" ? "complete" : null;
  if (type === "checkout.session.async_payment_succeeded") return "complete";
  if (type === "checkout.session.async_payment_failed") return "declined";
  if (type === "checkout.session.expired") return "expired";
  return null;
}

/** What a checkout's end means for what it paid for. */
async function settle(tx: PgTx, session: CheckoutRow, next: Exclude<CheckoutRow["status"], "open">, object: Record<string, unknown>, now: number, deps: Deps): Promise<AfterCommit | null> {
  switch (session.purpose) {
    case "wallet_top_up":
      if (next === "complete") await creditTopUp(tx, session, now);
      return null;
    case "order":
      if (next === "complete") return payOrder(tx, session, object, now, deps.config.salesSettlementDays);
      return closeOrder(tx, session, next === "declined" ? "declined" : "expired", now);
    case "subscription":
      return settleSubscriptionCheckout(tx, session, next, object, now);
  }
}
