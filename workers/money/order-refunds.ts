import { and, eq } from "drizzle-orm";
import { postEntry, type EntryLine } from "../billing/ledger";
import type { PgTx } from "../db/pg/client";
import { ledgerEntries, ledgerLines, ledgerAccounts, maturingEarnings, orders } from "../db/pg/schema";
import { HOLDS_GOODS, nextOrderStatus, type OrderEvent } from "./order-state";
import type { ProviderEvent } from "./provider";

type Order = typeof orders.$inferSelect;
type Outcome = "applied" | "stale" | "ignored";

const facts = (o: Order) => ({ status: o.status, totalMinor: o.totalMinor, fulfilled: o.fulfilledAt !== null });

/**
 * Takes `amountMinor` of a paid sale back (ADR 021), pro rata between the platform's fee and the
 * creator's share. The creator's share comes out of pending while the sale's earning has not
 * matured (the earning shrinks, so less settles), and out of available after: if that was already
 * paid out, available goes negative, which is the receivable netted against the next earnings
 * before any payout. One entry per `key`.
 */
async function takeBackSale(tx: PgTx, order: Order, amountMinor: number, key: string, kind: "refund" | "dispute_hold", at: number) {
  const feeShare = Math.floor((amountMinor * order.platformFeeMinor) / order.totalMinor + 0.5);
  const creatorShare = amountMinor - feeShare;
  const [earning] = await tx.select().from(maturingEarnings).where(and(eq(maturingEarnings.source, "sale"), eq(maturingEarnings.sourceId, order.id))).for("update");
  const fromPending = earning?.status === "pending" ? Math.min(creatorShare, earning.amountMinor) : 0;
  const fromAvailable = creatorShare - fromPending;
  const lines = (
    [
    // The money leaves the provider's balance (refunded to the buyer, or withdrawn by the card network).
    { kind: "provider_clearing", ownerId: "platform", amountMinor: amountMinor },
    { kind: "platform_fee", ownerId: "platform", amountMinor: -feeShare },
    { kind: "creator_pending", ownerId: order.creatorId, amountMinor: -fromPending },
    { kind: "creator_available", ownerId: order.creatorId, amountMinor: -fromAvailable },
    ] as EntryLine[]
  ).filter((l) => l.amountMinor !== 0);
  const posted = await postEntry(tx, { key, kind, reference: order.id, currency: order.currency, at: new Date(at), lines });
  if (posted.posted && earning && fromPending > 0) {
    const left = earning.amountMinor - fromPending;
    await tx.update(maturingEarnings).set({ amountMinor: left, ...(left === 0 ? { status: "reversed" as const } : {}) }).where(eq(maturingEarnings.entryId, earning.entryId));
  }
  return posted.posted;
}

/** Gives back what a dispute's hold took, where it stands now: into pending while the sale's earning still waits, else into available. */
async function releaseHold(tx: PgTx, order: Order, disputeId: string, at: number) {
  const [hold] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.key, `dispute_hold:${disputeId}`));
  if (!hold) return false;
  const held = await tx.select({ kind: ledgerAccounts.kind, amount: ledgerLines.amountMinor }).from(ledgerLines).innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId)).where(eq(ledgerLines.entryId, hold.id));
  const of = (k: string) => held.filter((h) => h.kind === k).reduce((n, h) => n + h.amount, 0);
  const amount = of("provider_clearing");
  const creatorShare = -(of("creator_pending") + of("creator_available"));
  const [earning] = await tx.select().from(maturingEarnings).where(and(eq(maturingEarnings.source, "sale"), eq(maturingEarnings.sourceId, order.id))).for("update");
  const toPending = earning && (earning.status === "pending" || earning.status === "reversed") && earning.availableAt.getTime() > at ? creatorShare : 0;
  const posted = await postEntry(tx, {
    key: `dispute_release:${disputeId}`,
    kind: "dispute_release",
    reference: order.id,
    currency: order.currency,
    at: new Date(at),
    lines: (
      [
        { kind: "provider_clearing", ownerId: "platform", amountMinor: -amount },
        { kind: "platform_fee", ownerId: "platform", amountMinor: -of("platform_fee") },
        { kind: "creator_pending", ownerId: order.creatorId, amountMinor: toPending },
        { kind: "creator_available", ownerId: order.creatorId, amountMinor: creatorShare - toPending },
      ] as EntryLine[]
    ).filter((l) => l.amountMinor !== 0),
  });
  if (posted.posted && earning && toPending > 0) await tx.update(maturingEarnings).set({ amountMinor: earning.amountMinor + toPending, status: "pending" }).where(eq(maturingEarnings.entryId, earning.entryId));
  return posted.posted;
}

async function lockByPayment(tx: PgTx, paymentIntent: string | null | undefined) {
  if (!paymentIntent) return null;
  const [o] = await tx.select().from(orders).where(eq(orders.paymentIntentId, paymentIntent)).for("update");
  return o ?? null;
}

async function move(tx: PgTx, order: Order, event: OrderEvent, at: number, extra: Partial<Order> = {}) {
  const next = nextOrderStatus(facts(order), event);
  if (next) await tx.update(orders).set({ status: next, updatedAt: new Date(at), ...extra }).where(eq(orders.id, order.id));
  return next;
}

/** `charge.refunded`: the order's refunded total is now `amount_refunded`; the step since the last one is taken back once. */
export async function chargeRefunded(tx: PgTx, event: ProviderEvent, at: number): Promise<Outcome> {
  const charge = event.data.object as { payment_intent?: string | null; amount_refunded?: number };
  const order = await lockByPayment(tx, charge.payment_intent);
  if (!order) return "ignored";
  const total = Math.min(charge.amount_refunded ?? 0, order.totalMinor);
  const step = total - order.refundedMinor;
  if (step <= 0 || !HOLDS_GOODS.includes(order.status)) return "stale";
  await takeBackSale(tx, order, step, `refund:${order.id}:${total}`, "refund", at);
  await move(tx, order, { type: "refunded", refundedMinor: total }, at, { refundedMinor: total, ...(total === order.totalMinor ? { closedAt: new Date(at) } : {}) });
  return "applied";
}

/** `charge.dispute.*`: created and closed move the order; funds withdrawn hold the amount from the creator, funds reinstated give it back. */
export async function chargeDispute(tx: PgTx, event: ProviderEvent, at: number): Promise<Outcome> {
  const dispute = event.data.object as { id: string; payment_intent?: string | null; amount?: number; status?: string };
  const order = await lockByPayment(tx, dispute.payment_intent);
  if (!order) return "ignored";
  switch (event.type) {
    case "charge.dispute.created":
      return (await move(tx, order, { type: "dispute_opened" }, at)) ? "applied" : "stale";
    case "charge.dispute.funds_withdrawn":
      return (await takeBackSale(tx, order, Math.min(dispute.amount ?? order.totalMinor, order.totalMinor - order.refundedMinor), `dispute_hold:${dispute.id}`, "dispute_hold", at)) ? "applied" : "stale";
    case "charge.dispute.funds_reinstated":
      return (await releaseHold(tx, order, dispute.id, at)) ? "applied" : "stale";
    case "charge.dispute.closed": {
      const won = dispute.status === "won" || dispute.status === "warning_closed";
      // A dispute won without its funds_reinstated event (yet) gives the hold back here; the entry is keyed, so only once.
      if (won) await releaseHold(tx, order, dispute.id, at);
      return (await move(tx, order, { type: won ? "dispute_won" : "dispute_lost" }, at, won ? {} : { refundedMinor: order.totalMinor, closedAt: new Date(at) })) ? "applied" : "stale";
    }
    default:
      return "ignored";
  }
}
