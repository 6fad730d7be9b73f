import { and, asc, eq, lte, sql } from "drizzle-orm";
import { postEntry } from "../billing/ledger";
import type { PgDb, PgTx } from "../db/pg/client";
import { EARNING_SOURCES, ledgerAccounts, ledgerLines, maturingEarnings, payouts } from "../db/pg/schema";

const DAY_MS = 86_400_000;

/** A brand's holding period for campaign earnings, when it sets none (ADR 019). */
export const DEFAULT_HOLDING_DAYS = 30;
/** Subscriptions settle a week after each payment (ADR 019). */
export const SUBSCRIPTION_SETTLEMENT_DAYS = 7;

export interface Earning {
  entryId: string;
  creatorId: string;
  currency: string;
  amountMinor: number;
  source: (typeof EARNING_SOURCES)[number];
  sourceId: string;
  /** When it was earned, and how many days it waits. */
  at: number;
  days: number;
}

/** Records when an earning the caller just credited to `creator_pending` becomes available (same transaction). */
export async function holdEarning(tx: PgTx, e: Earning) {
  if (e.amountMinor <= 0) return;
  await tx
    .insert(maturingEarnings)
    .values({ entryId: e.entryId, creatorId: e.creatorId, currency: e.currency, amountMinor: e.amountMinor, source: e.source, sourceId: e.sourceId, availableAt: new Date(e.at + e.days * DAY_MS) })
    .onConflictDoNothing();
}

/**
 * An earning is taken back (its charge reversed by a refund or a dispute). Before it matured the
 * reversal's own lines already take it out of pending, so it simply never settles. After, it is
 * clawed back from the available balance (`clawback:<entry>`), which the reversal had credited
 * back to pending; a negative available balance is what the creator owes (ADR 019).
 */
export async function takeBackEarning(tx: PgTx, entryId: string, at: number) {
  const [row] = await tx.select().from(maturingEarnings).where(eq(maturingEarnings.entryId, entryId)).for("update");
  if (!row || row.status === "reversed") return;
  await tx.update(maturingEarnings).set({ status: "reversed" }).where(eq(maturingEarnings.entryId, entryId));
  if (row.status !== "available") return;
  await postEntry(tx, {
    key: `clawback:${entryId}`,
    kind: "clawback",
    reference: entryId,
    currency: row.currency,
    at: new Date(at),
    lines: [
      { kind: "creator_available", ownerId: row.creatorId, amountMinor: -row.amountMinor },
      { kind: "creator_pending", ownerId: row.creatorId, amountMinor: row.amountMinor },
    ],
  });
}

/**
 * The settlement job (ADR 019): every earning whose window has ended moves from pending to
 * available, once (`settle:<entry>`; the row is locked and skipped by a concurrent run). `now` is
 * the job's clock: the scheduled time, so tests move it forward. Returns how many settled.
 */
export async function settleMatured(pg: PgDb, now: number, limit = 500) {
  let settled = 0;
  for (;;) {
    const batch = await pg.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(maturingEarnings)
        .where(and(eq(maturingEarnings.status, "pending"), lte(maturingEarnings.availableAt, new Date(now))))
        .orderBy(asc(maturingEarnings.availableAt))
        .limit(100)
        .for("update", { skipLocked: true });
      for (const e of due) {
        await postEntry(tx, {
          key: `settle:${e.entryId}`,
          kind: "settle",
          reference: e.entryId,
          currency: e.currency,
          at: new Date(now),
          lines: [
            { kind: "creator_pending", ownerId: e.creatorId, amountMinor: -e.amountMinor },
            { kind: "creator_available", ownerId: e.creatorId, amountMinor: e.amountMinor },
          ],
        });
        await tx.update(maturingEarnings).set({ status: "available", settledAt: new Date(now) }).where(eq(maturingEarnings.entryId, e.entryId));
      }
      return due.length;
    });
    settled += batch;
    if (batch < 100 || settled >= limit) return settled;
  }
}

/**
 * A creator's balances per currency (the contract of `GET /api/v1/earnings`): pending (still in
 * its window), available (can be paid out; negative when a clawback exceeded it), paid out (all
 * payouts that arrived), in transit, and receivable (what the creator owes the platform).
 */
export async function creatorBalances(pg: PgDb, creatorId: string) {
  const rows = await pg
    .select({ kind: ledgerAccounts.kind, currency: ledgerAccounts.currency, balance: sql<string>`coalesce(sum(${ledgerLines.amountMinor}), 0)::text` })
    .from(ledgerAccounts)
    .leftJoin(ledgerLines, eq(ledgerLines.accountId, ledgerAccounts.id))
    .where(eq(ledgerAccounts.ownerId, creatorId))
    .groupBy(ledgerAccounts.kind, ledgerAccounts.currency);
  const paid = await pg
    .select({ currency: payouts.currency, total: sql<string>`sum(${payouts.amountMinor})::text` })
    .from(payouts)
    .where(and(eq(payouts.creatorId, creatorId), eq(payouts.status, "paid")))
    .groupBy(payouts.currency);
  const currencies = [...new Set([...rows.filter((r) => r.kind.startsWith("creator_")).map((r) => r.currency), ...paid.map((p) => p.currency)])].sort();
  const of = (kind: string, currency: string) => Number(rows.find((r) => r.kind === kind && r.currency === currency)?.balance ?? 0);
  return currencies.map((currency) => {
    const available = of("creator_available", currency);
    return {
      currency,
      pendingMinor: of("creator_pending", currency),
      availableMinor: Math.max(0, available),
      paidOutMinor: Number(paid.find((p) => p.currency === currency)?.total ?? 0),
      inTransitMinor: of("creator_paid_out", currency),
      // Owed by the creator: a clawback past the available balance, and the receivable account (ADR 019).
      receivableMinor: Math.max(0, -available) + Math.max(0, -of("creator_receivable", currency)),
    };
  });
}

/** What becomes available when: pending earnings by day (UTC), currency and source, soonest first. */
export async function upcomingEarnings(pg: PgDb, creatorId: string) {
  const rows = await pg
    .select({
      availableOn: sql<string>`to_char(${maturingEarnings.availableAt} at time zone 'UTC', 'YYYY-MM-DD')`,
      currency: maturingEarnings.currency,
      source: maturingEarnings.source,
      amountMinor: sql<string>`sum(${maturingEarnings.amountMinor})::text`,
    })
    .from(maturingEarnings)
    .where(and(eq(maturingEarnings.creatorId, creatorId), eq(maturingEarnings.status, "pending")))
    .groupBy(sql`1`, maturingEarnings.currency, maturingEarnings.source)
    .orderBy(sql`1`, maturingEarnings.currency, maturingEarnings.source)
    .limit(120);
  return rows.map((r) => ({ availableOn: r.availableOn, amountMinor: Number(r.amountMinor), currency: r.currency, source: r.source }));
}
