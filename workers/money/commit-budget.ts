import { and, eq, sql } from "drizzle-orm";
import { accountId, postEntry } from "../billing/ledger";
import type { CampaignRow } from "../campaigns/campaign-record";
import type { PgTx } from "../db/pg/client";
import { ledgerAccounts, ledgerLines } from "../db/pg/schema";
import { AppError } from "../lib/errors";
import { formatMinor } from "../lib/money";

/**
 * Campaign budgets are committed against the brand's wallet (ADR 017): at launch the whole total
 * moves from `brand_wallet` to the campaign's `campaign_budget` account, every charge then draws
 * on it, a raised budget commits the difference, a lowered one gives it back, and ending the
 * campaign returns what is left. The wallet's account row is locked first, so two launches can
 * never spend the same money.
 */
async function lockedBalance(tx: PgTx, kind: "brand_wallet" | "campaign_budget", ownerId: string, currency: string, brandId: string) {
  const id = await accountId(tx, kind, ownerId, currency, brandId);
  await tx.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.id, id)).for("update");
  const [row] = await tx.select({ balance: sql<string>`coalesce(sum(${ledgerLines.amountMinor}), 0)::text` }).from(ledgerLines).where(eq(ledgerLines.accountId, id));
  return Number(row!.balance);
}

/** What a brand's wallet holds in one currency (no lock: for display and for messages). */
export async function walletBalance(tx: PgTx, brandId: string, currency: string) {
  const [row] = await tx
    .select({ balance: sql<string>`coalesce(sum(${ledgerLines.amountMinor}), 0)::text` })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .where(and(eq(ledgerAccounts.kind, "brand_wallet"), eq(ledgerAccounts.ownerId, brandId), eq(ledgerAccounts.currency, currency)));
  return Number(row?.balance ?? 0);
}

/** Moves `amountMinor` from the wallet to the campaign, or refuses with what to top up. `key` makes it happen once. */
export async function commitBudget(tx: PgTx, c: CampaignRow, amountMinor: number, key: string, at: Date) {
  if (amountMinor <= 0) return;
  const held = await lockedBalance(tx, "brand_wallet", c.brandId, c.currency, c.brandId);
  if (held < amountMinor) {
    throw new AppError(
      "insufficient_funds",
      `The wallet holds ${formatMinor(Math.max(0, held), c.currency)}; this needs ${formatMinor(amountMinor, c.currency)}. Top up ${formatMinor(amountMinor - Math.max(0, held), c.currency)} in Wallet and try again.`,
    );
  }
  await postEntry(tx, {
    key,
    kind: "commit",
    reference: c.id,
    currency: c.currency,
    at,
    lines: [
      { kind: "brand_wallet", ownerId: c.brandId, brandId: c.brandId, amountMinor: -amountMinor },
      { kind: "campaign_budget", ownerId: c.id, brandId: c.brandId, amountMinor },
    ],
  });
}

/**
 * Gives back up to `amountMinor` (all that is left, by default) of what the campaign holds. A
 * campaign launched before budgets were committed holds nothing (its account only went down), so
 * nothing is given back.
 */
export async function releaseBudget(tx: PgTx, c: CampaignRow, key: string, at: Date, amountMinor = Number.POSITIVE_INFINITY) {
  const left = await lockedBalance(tx, "campaign_budget", c.id, c.currency, c.brandId);
  const amount = Math.min(left, amountMinor);
  if (amount <= 0) return 0;
  await postEntry(tx, {
    key,
    kind: "release",
    reference: c.id,
    currency: c.currency,
    at,
    lines: [
      { kind: "campaign_budget", ownerId: c.id, brandId: c.brandId, amountMinor: -amount },
      { kind: "brand_wallet", ownerId: c.brandId, brandId: c.brandId, amountMinor: amount },
    ],
  });
  return amount;
}
