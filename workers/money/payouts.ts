import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import { accountId, postEntry } from "../billing/ledger";
import type { PgTx } from "../db/pg/client";
import { ledgerAccounts, ledgerLines, payoutAccounts, payouts } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { formatMinor } from "../lib/money";
import { newId } from "../lib/ids";
import { serviceAgreementFor } from "./payout-countries";
import { PayoutRefused, payoutsFor } from "./payout-provider";
import type { ProviderEvent } from "./provider";

/** wrangler.toml [triggers]: Mondays 06:00 UTC. */
export const WEEKLY_PAYOUTS_CRON = "0 6 * * 1";

/** The smallest payout, per currency (ADR 019): below it the balance waits for the next run. */
export const MIN_PAYOUT_MINOR = 2_000;
/** How often a payout the provider could not reach is retried before it fails and its money returns. */
export const MAX_PAYOUT_ATTEMPTS = 5;

export interface PayoutMessage {
  id: string;
  payoutId: string;
}

type Payout = typeof payouts.$inferSelect;

export function payoutRecord(p: Payout) {
  return { id: p.id, currency: p.currency, amountMinor: p.amountMinor, trigger: p.trigger, status: p.status, attempts: p.attempts, failureReason: p.failureReason, createdAt: p.createdAt.toISOString(), paidAt: p.paidAt?.toISOString() ?? null, failedAt: p.failedAt?.toISOString() ?? null };
}

async function balanceOf(tx: PgTx, id: string) {
  const [row] = await tx.select({ balance: sql<string>`coalesce(sum(${ledgerLines.amountMinor}), 0)::text` }).from(ledgerLines).where(eq(ledgerLines.accountId, id));
  return Number(row?.balance ?? 0);
}

/**
 * Opens a payout of the creator's whole available balance in `currency` (ADR 019), in one
 * transaction with its entry (available → in transit), with the balance's account row locked so
 * two requests cannot pay the same money twice. Refused without an enabled account in an
 * eligible country, below the minimum, and while the creator owes a clawback. The caller sends
 * the returned message to the `payouts` queue.
 */
export async function openPayout(deps: Deps, creatorId: string, currency: string, trigger: Payout["trigger"]) {
  const pg = await deps.pg();
  const [account] = await pg.select().from(payoutAccounts).where(eq(payoutAccounts.creatorId, creatorId));
  if (!account) throw new AppError("conflict", "Set up payouts first: add where you are paid on the Earnings page.");
  if (!account.payoutsEnabled || !serviceAgreementFor(account.country)) throw new AppError("conflict", account.requirementsDue.length ? `Stripe still needs: ${account.requirementsDue.join(", ")}. Finish onboarding to be paid.` : "Your payout account is not enabled yet. Finish onboarding to be paid.");
  return pg.transaction(async (tx) => {
    const available = await accountId(tx, "creator_available", creatorId, currency);
    await tx.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.id, available)).for("update");
    const amountMinor = await balanceOf(tx, available);
    if (amountMinor < 0) throw new AppError("conflict", `You owe ${formatMinor(-amountMinor, currency)} from a refund or dispute after an earlier payout; it comes out of your next earnings before anything is paid.`);
    if (amountMinor < MIN_PAYOUT_MINOR) throw new AppError("conflict", `Payouts start at ${formatMinor(MIN_PAYOUT_MINOR, currency)}; you have ${formatMinor(amountMinor, currency)} available.`);
    const id = newId("payout");
    const [row] = await tx.insert(payouts).values({ id, creatorId, accountId: account.accountId, provider: account.provider, currency, amountMinor, trigger }).returning();
    await postEntry(tx, {
      key: `payout:${id}`,
      kind: "payout",
      reference: id,
      currency,
      at: new Date(deps.now()),
      lines: [
        { kind: "creator_available", ownerId: creatorId, amountMinor: -amountMinor },
        { kind: "creator_paid_out", ownerId: creatorId, amountMinor },
      ],
    });
    return { payout: row!, message: { id: newId("event"), payoutId: id } satisfies PayoutMessage };
  });
}

/** The payout arrived (or, for Stripe, the transfer to the creator's account was made): in transit → gone. */
async function markPaid(tx: PgTx, p: Payout, transferId: string, now: number) {
  await postEntry(tx, {
    key: `payout_paid:${p.id}`,
    kind: "payout_paid",
    reference: p.id,
    currency: p.currency,
    at: new Date(now),
    lines: [
      { kind: "creator_paid_out", ownerId: p.creatorId, amountMinor: -p.amountMinor },
      { kind: "provider_clearing", ownerId: "platform", amountMinor: p.amountMinor },
    ],
  });
  await tx.update(payouts).set({ status: "paid", transferId, paidAt: new Date(now) }).where(eq(payouts.id, p.id));
}

/** The payout failed for good: its money returns to the creator's available balance. */
async function markFailed(tx: PgTx, p: Payout, reason: string, now: number) {
  await postEntry(tx, {
    key: `payout_failed:${p.id}`,
    kind: "payout_failed",
    reference: p.id,
    currency: p.currency,
    at: new Date(now),
    lines: [
      { kind: "creator_paid_out", ownerId: p.creatorId, amountMinor: -p.amountMinor },
      { kind: "creator_available", ownerId: p.creatorId, amountMinor: p.amountMinor },
    ],
  });
  await tx.update(payouts).set({ status: "failed", failureReason: reason, failedAt: new Date(now) }).where(eq(payouts.id, p.id));
}

/**
 * The `payouts` queue consumer's work for one payout (idempotent: only a pending payout moves).
 * The account is checked again (enabled, eligible country) before any transfer is attempted;
 * the transfer's idempotency key is the payout's id. Returns `retry` when the provider could not
 * be reached and attempts remain.
 */
export async function sendPayout(deps: Deps, payoutId: string): Promise<"paid" | "failed" | "retry" | "skipped"> {
  const pg = await deps.pg();
  const [p] = await pg.select().from(payouts).where(eq(payouts.id, payoutId));
  if (!p || p.status !== "pending") return "skipped";
  const [account] = await pg.select().from(payoutAccounts).where(eq(payoutAccounts.accountId, p.accountId));
  const fail = async (reason: string) => {
    await pg.transaction(async (tx) => {
      const [locked] = await tx.select().from(payouts).where(eq(payouts.id, p.id)).for("update");
      if (locked?.status === "pending") await markFailed(tx, locked, reason, deps.now());
    });
    deps.log.error("payout failed", { payoutId, reason });
    return "failed" as const;
  };
  if (!account || !account.payoutsEnabled || !serviceAgreementFor(account.country)) return fail("The payout account is not enabled for payouts.");
  let transferId: string;
  try {
    ({ transferId } = await payoutsFor(deps.config).transfer({ payoutId: p.id, accountId: p.accountId, amountMinor: p.amountMinor, currency: p.currency }));
  } catch (err) {
    if (err instanceof PayoutRefused) return fail(err.message);
    const [after] = await pg.update(payouts).set({ attempts: sql`${payouts.attempts} + 1` }).where(eq(payouts.id, p.id)).returning();
    if ((after?.attempts ?? MAX_PAYOUT_ATTEMPTS) >= MAX_PAYOUT_ATTEMPTS) return fail(`The payment provider could not be reached after ${MAX_PAYOUT_ATTEMPTS} attempts.`);
    deps.log.warn("payout transfer failed; will retry", { payoutId, attempt: after?.attempts, error: String(err) });
    return "retry";
  }
  await pg.transaction(async (tx) => {
    const [locked] = await tx.select().from(payouts).where(eq(payouts.id, p.id)).for("update");
    if (locked?.status === "pending") await markPaid(tx, locked, transferId, deps.now());
  });
  return "paid";
}

/** `transfer.reversed`: a paid payout's transfer came back to the platform; its money returns to the creator's available balance. */
export async function applyTransferReversed(tx: PgTx, event: ProviderEvent, now: number): Promise<"applied" | "stale" | "ignored"> {
  const object = event.data.object as { id: string; metadata?: Record<string, string> | null };
  const [p] = await tx.select().from(payouts).where(eq(payouts.transferId, object.id)).for("update");
  if (!p) return "ignored";
  if (p.status !== "paid") return "stale";
  await postEntry(tx, {
    key: `payout_reversed:${p.id}`,
    kind: "payout_failed",
    reference: p.id,
    currency: p.currency,
    at: new Date(now),
    lines: [
      { kind: "provider_clearing", ownerId: "platform", amountMinor: -p.amountMinor },
      { kind: "creator_available", ownerId: p.creatorId, amountMinor: p.amountMinor },
    ],
  });
  await tx.update(payouts).set({ status: "failed", failureReason: "The transfer was reversed; the amount is back in your available balance.", failedAt: new Date(now) }).where(eq(payouts.id, p.id));
  return "applied";
}

export async function listPayouts(deps: Deps, creatorId: string) {
  const pg = await deps.pg();
  const rows = await pg.select().from(payouts).where(eq(payouts.creatorId, creatorId)).orderBy(desc(payouts.createdAt)).limit(50);
  return rows.map(payoutRecord);
}

/**
 * The weekly run (ADR 019): every creator with an enabled account is paid what is available in
 * each currency, at or above the minimum. Returns the messages for the `payouts` queue.
 */
export async function weeklyPayouts(deps: Deps, limit = 1_000) {
  const pg = await deps.pg();
  const due = await pg
    .select({ creatorId: ledgerAccounts.ownerId, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .innerJoin(ledgerLines, eq(ledgerLines.accountId, ledgerAccounts.id))
    .innerJoin(payoutAccounts, and(eq(payoutAccounts.creatorId, ledgerAccounts.ownerId), eq(payoutAccounts.payoutsEnabled, true)))
    .where(eq(ledgerAccounts.kind, "creator_available"))
    .groupBy(ledgerAccounts.ownerId, ledgerAccounts.currency)
    .having(gte(sql`sum(${ledgerLines.amountMinor})`, MIN_PAYOUT_MINOR))
    .orderBy(asc(ledgerAccounts.ownerId))
    .limit(limit);
  const messages: PayoutMessage[] = [];
  for (const d of due) {
    try {
      messages.push((await openPayout(deps, d.creatorId, d.currency, "weekly")).message);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      deps.log.info("weekly payout skipped", { creatorId: d.creatorId, currency: d.currency, reason: err.message });
    }
  }
  return messages;
}

/** Pending payouts whose queue message may have been lost (older than `olderThanMs`), to send again (the consumer is idempotent). */
export async function stalePendingPayouts(deps: Deps, olderThanMs = 10 * 60_000) {
  const pg = await deps.pg();
  const rows = await pg.select({ id: payouts.id }).from(payouts).where(and(eq(payouts.status, "pending"), lte(payouts.createdAt, new Date(deps.now() - olderThanMs)))).limit(200);
  return rows.map((r) => ({ id: newId("event"), payoutId: r.id }) satisfies PayoutMessage);
}
