import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { campaigns, ledgerAccounts, ledgerEntries, ledgerLines } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { toCsv } from "../lib/csv";
import { AppError } from "../lib/errors";
import { fractionDigits } from "../lib/money";

const WHAT: Record<string, string> = {
  charge: "Campaign earning",
  reversal: "Campaign earning reversed (refund)",
  dispute_credit: "Campaign earning reversed (disputed traffic)",
  sale: "Storefront sale",
  settle: "Settled: pending to available",
  clawback: "Clawed back from available",
  payout: "Payout started",
  payout_paid: "Payout sent",
  payout_failed: "Payout returned",
};

const decimal = (minor: number, currency: string) => {
  const d = fractionDigits(currency);
  return d ? (minor / 10 ** d).toFixed(d) : String(minor);
};

/**
 * A creator's monthly statement (ADR 019): every entry that moved their balances in the month
 * (UTC), one row each, with what it did to pending, available and in-transit, per currency.
 */
export async function monthlyStatement(deps: Deps, creatorId: string, month: string) {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new AppError("validation_failed", "Name the month as YYYY-MM.", [{ path: "path.month", message: "A month like 2026-12" }]);
  const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  const to = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1));
  const pg = await deps.pg();
  const rows = await pg
    .select({ at: ledgerEntries.at, key: ledgerEntries.key, kind: ledgerEntries.kind, campaignId: ledgerEntries.campaignId, reference: ledgerEntries.reference, account: ledgerAccounts.kind, currency: ledgerAccounts.currency, amount: ledgerLines.amountMinor })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(eq(ledgerAccounts.ownerId, creatorId), inArray(ledgerAccounts.kind, ["creator_pending", "creator_available", "creator_paid_out", "creator_receivable"]), gte(ledgerEntries.at, from), lt(ledgerEntries.at, to)))
    .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.key));
  const campaignIds = [...new Set(rows.map((r) => r.campaignId).filter((id): id is string => !!id))];
  const names = campaignIds.length ? await pg.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, campaignIds)) : [];
  const byEntry = new Map<string, { at: Date; kind: string; currency: string; ref: string; pending: number; available: number; transit: number }>();
  for (const r of rows) {
    const e = byEntry.get(r.key) ?? { at: r.at, kind: r.kind, currency: r.currency, ref: r.campaignId ? names.find((n) => n.id === r.campaignId)?.name ?? r.campaignId : r.reference ?? "", pending: 0, available: 0, transit: 0 };
    if (r.account === "creator_pending") e.pending += r.amount;
    else if (r.account === "creator_paid_out") e.transit += r.amount;
    else e.available += r.amount;
    byEntry.set(r.key, e);
  }
  const csv = toCsv(
    ["date", "type", "reference", "currency", "pending", "available", "in_transit"],
    [...byEntry.values()].map((e) => [e.at.toISOString(), WHAT[e.kind] ?? e.kind, e.ref, e.currency, decimal(e.pending, e.currency), decimal(e.available, e.currency), decimal(e.transit, e.currency)]),
  );
  return { filename: `tandem-statement-${month}.csv`, csv };
}
