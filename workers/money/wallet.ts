import { and, desc, eq, sql } from "drizzle-orm";
import { postEntry } from "../billing/ledger";
import type { PgTx } from "../db/pg/client";
import { checkoutSessions, ledgerAccounts, ledgerLines } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import type { BrandTenant } from "../lib/tenancy";
import { openCheckout } from "./open-checkout";

/**
 * A brand's wallet (ADR 017): money it has paid in through Checkout, in the `brand_wallet`
 * account per currency. Later slices commit campaign budgets against it.
 */
export async function startTopUp(deps: Deps, tenant: BrandTenant, userId: string, input: { amountMinor: number; currency: string }) {
  const row = await openCheckout(deps, {
    purpose: "wallet_top_up",
    ownerId: tenant.brandId,
    amountMinor: input.amountMinor,
    currency: input.currency,
    description: "Tandem wallet top-up",
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
  const topUps = await pg
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.purpose, "wallet_top_up"), eq(checkoutSessions.ownerId, tenant.brandId)))
    .orderBy(desc(checkoutSessions.createdAt))
    .limit(50);
  return {
    balances: balances.map((b) => ({ currency: b.currency, availableMinor: Number(b.balance) })),
    topUps: topUps.map((t) => ({ id: t.id, amountMinor: t.amountMinor, currency: t.currency, status: t.status, url: t.status === "open" ? t.url : null, createdAt: t.createdAt.toISOString(), completedAt: t.completedAt?.toISOString() ?? null })),
  };
}
