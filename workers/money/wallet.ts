import { and, desc, eq, sql } from "drizzle-orm";
import { postEntry } from "../billing/ledger";
import type { PgTx } from "../db/pg/client";
import { checkoutSessions, ledgerAccounts, ledgerEntries, ledgerLines } from "../db/pg/schema";
import { AppError } from "../lib/errors";
import type { Deps } from "../lib/context";
import type { BrandTenant } from "../lib/tenancy";
import { CHECKOUT_DESCRIPTIONS, openCheckout } from "./open-checkout";

/**
 * A brand's wallet (ADR 017): money it has paid in through Checkout, in the `brand_wallet`
 * account per currency. Later slices commit campaign budgets against it.
 */
export async function startTopUp(deps: Deps, tenant: BrandTenant, userId: string, input: { amountMinor: number; currency: string }) {
  const row = await openCheckout(deps, {
    purpose: "wallet_top_up",
    ownerId: tenant.brandId,
    currency: input.currency,
    lines: [{ name: CHECKOUT_DESCRIPTIONS.wallet_top_up, unitAmountMinor: input.amountMinor, quantity: 1 }],
    successPath: "/brand/wallet?paid=1",
    cancelPath: "/brand/wallet?cancelled=1",
    createdBy: userId,
  });
  return { topUpId: row.id, url: row.url, status: row.status, expiresAt: row.expiresAt.toISOString() };
}

/** Credits a paid top-up to the brand's wallet, once (the entry is keyed by the checkout). */
export async function creditTopUp(tx: PgTx, session: typeof checkoutSessions.$inferSelect, now: number) {
  return postEntry(tx, {
    key: `top_up:${session.id}`,
    kind: "top_up",
    reference: session.id,
    currency: session.currency,
    at: new Date(now),
    lines: [
      // Received at the provider (an asset: negative), owed to the brand (positive).
      { kind: "provider_clearing", ownerId: "platform", amountMinor: -session.amountMinor },
      { kind: "brand_wallet", ownerId: session.ownerId, brandId: session.ownerId, amountMinor: session.amountMinor },
    ],
  });
}

export async function getWallet(deps: Deps, tenant: BrandTenant) {
  const pg = await deps.pg();
  const balances = await pg
    .select({ currency: ledgerAccounts.currency, balance: sql<string>`coalesce(sum(${ledgerLines.amountMinor}), 0)::text` })
    .from(ledgerAccounts)
    .leftJoin(ledgerLines, eq(ledgerLines.accountId, ledgerAccounts.id))
    .where(and(eq(ledgerAccounts.kind, "brand_wallet"), eq(ledgerAccounts.ownerId, tenant.brandId)))
    .groupBy(ledgerAccounts.currency)
    .orderBy(ledgerAccounts.currency);
  // What the brand's live campaigns still hold of what they committed (ADR 017).
  const committed = await pg.execute<{ currency: string; committed: string }>(sql`
    select currency, coalesce(sum(balance) filter (where balance > 0), 0)::text as committed from (
      select a.currency, a.owner_id, sum(l.amount_minor) as balance
      from ${ledgerAccounts} a join ${ledgerLines} l on l.account_id = a.id
      where a.kind = 'campaign_budget' and a.brand_id = ${tenant.brandId}
      group by a.currency, a.owner_id) per_campaign
    group by currency`);
  const committedBy = new Map(committed.rows.map((r) => [r.currency, Number(r.committed)]));
  const currencies = [...new Set([...balances.map((b) => b.currency), ...committedBy.keys()])].sort();
  const topUps = await pg
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.purpose, "wallet_top_up"), eq(checkoutSessions.ownerId, tenant.brandId)))
    .orderBy(desc(checkoutSessions.createdAt))
    .limit(50);
  return {
    balances: currencies.map((currency) => ({ currency, availableMinor: Number(balances.find((b) => b.currency === currency)?.balance ?? 0), committedMinor: committedBy.get(currency) ?? 0 })),
    topUps: topUps.map((t) => ({ id: t.id, amountMinor: t.amountMinor, currency: t.currency, status: t.status, url: t.status === "open" ? t.url : null, createdAt: t.createdAt.toISOString(), completedAt: t.completedAt?.toISOString() ?? null })),
  };
}

/**
 * A paid top-up's receipt (the brand console's Receipts): what was paid, when, through which
 * provider, and the ledger entry that credited the wallet. Only the brand's own, only paid ones.
 */
export async function topUpReceipt(deps: Deps, tenant: BrandTenant, topUpId: string) {
  const pg = await deps.pg();
  const [row] = await pg
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.id, topUpId), eq(checkoutSessions.purpose, "wallet_top_up"), eq(checkoutSessions.ownerId, tenant.brandId), eq(checkoutSessions.status, "complete")));
  if (!row) throw new AppError("not_found", `No paid top-up ${topUpId} in this wallet.`);
  const [entry] = await pg.select({ id: ledgerEntries.id, at: ledgerEntries.at }).from(ledgerEntries).where(eq(ledgerEntries.key, `top_up:${row.id}`));
  return {
    id: row.id,
    number: `TND-${row.id.slice(4, 14).toUpperCase()}`,
    description: CHECKOUT_DESCRIPTIONS.wallet_top_up,
    amountMinor: row.amountMinor,
    currency: row.currency,
    provider: row.provider,
    providerReference: row.providerSessionId,
    paidAt: (row.completedAt ?? entry?.at ?? row.createdAt).toISOString(),
    ledgerEntryId: entry?.id ?? null,
  };
}
