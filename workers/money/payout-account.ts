import { eq } from "drizzle-orm";
import type { PgTx } from "../db/pg/client";
import { payoutAccounts } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { serviceAgreementFor } from "./payout-countries";
import { payoutsFor } from "./payout-provider";
import type { ProviderEvent } from "./provider";

type Account = typeof payoutAccounts.$inferSelect;

export function payoutAccountRecord(a: Account | null) {
  if (!a) return null;
  return {
    provider: a.provider,
    country: a.country,
    serviceAgreement: a.serviceAgreement,
    payoutsEnabled: a.payoutsEnabled,
    detailsSubmitted: a.detailsSubmitted,
    requirementsDue: a.requirementsDue,
    lastBankPayout: a.lastBankPayout ?? null,
    updatedAt: a.updatedAt.toISOString(),
  };
}

export async function payoutAccountOf(deps: Deps, creatorId: string) {
  const pg = await deps.pg();
  const [row] = await pg.select().from(payoutAccounts).where(eq(payoutAccounts.creatorId, creatorId));
  return row ?? null;
}

/**
 * Starts (or resumes) a creator's payout onboarding: the account is created once, on the
 * agreement the country allows, and the returned link is Stripe's hosted onboarding (a fresh
 * one each time: they expire). A country where payouts are not available is refused.
 */
export async function startOnboarding(deps: Deps, creator: { id: string }, email: string, country: string) {
  const agreement = serviceAgreementFor(country);
  if (!agreement) throw new AppError("validation_failed", `Payouts are not available to creators in ${country} yet.`, [{ path: "body.country", message: "Payouts are not available in this country" }]);
  const provider = payoutsFor(deps.config);
  let account = await payoutAccountOf(deps, creator.id);
  if (account && account.country !== country) {
    throw new AppError("conflict", `Your payout account is set up for ${account.country}; contact support to move it.`, [{ path: "body.country", message: `Already set up for ${account.country}` }]);
  }
  if (!account) {
    const created = await provider.createAccount({ creatorId: creator.id, email, country, agreement });
    const pg = await deps.pg();
    const [inserted] = await pg
      .insert(payoutAccounts)
      .values({ creatorId: creator.id, provider: provider.kind, accountId: created.accountId, country, serviceAgreement: agreement, payoutsEnabled: created.payoutsEnabled, detailsSubmitted: created.detailsSubmitted, requirementsDue: created.requirementsDue })
      .onConflictDoNothing()
      .returning();
    account = inserted ?? (await payoutAccountOf(deps, creator.id))!;
  }
  const back = `${deps.config.appOrigin}/studio/earnings`;
  const url = account.payoutsEnabled ? `${back}?onboarding=done` : await provider.onboardingLink({ accountId: account.accountId, returnUrl: `${back}?onboarding=done`, refreshUrl: `${back}?onboarding=refresh` });
  return { url, account: payoutAccountRecord(account)! };
}

/**
 * `account.updated`: the account's state as Stripe now reports it. Events may arrive out of
 * order, so one older than what the row holds changes nothing.
 */
export async function applyAccountUpdated(tx: PgTx, event: ProviderEvent): Promise<"applied" | "stale" | "ignored"> {
  const object = event.data.object as { id: string; payouts_enabled?: boolean; details_submitted?: boolean; requirements?: { currently_due?: string[] | null } | null };
  const [row] = await tx.select().from(payoutAccounts).where(eq(payoutAccounts.accountId, object.id)).for("update");
  if (!row) return "ignored";
  const at = new Date(event.created * 1000);
  // Stripe's `created` has whole seconds: an event of the same second as the row is not older.
  if (Math.floor(row.updatedAt.getTime() / 1000) > event.created) return "stale";
  await tx
    .update(payoutAccounts)
    .set({ payoutsEnabled: object.payouts_enabled ?? false, detailsSubmitted: object.details_submitted ?? false, requirementsDue: object.requirements?.currently_due ?? [], updatedAt: at })
    .where(eq(payoutAccounts.accountId, object.id));
  return "applied";
}

/**
 * `payout.paid` / `payout.failed` on a connected account: its payout to the creator's bank. The
 * money already left the platform with the transfer, so the ledger does not move; the studio
 * shows the latest, so a failed bank payout (a closed account, a wrong number) is surfaced.
 */
export async function applyBankPayout(tx: PgTx, event: ProviderEvent): Promise<"applied" | "stale" | "ignored"> {
  const object = event.data.object as { id: string; amount?: number; currency?: string; arrival_date?: number | null; failure_message?: string | null };
  if (!event.account) return "ignored";
  const [row] = await tx.select().from(payoutAccounts).where(eq(payoutAccounts.accountId, event.account)).for("update");
  if (!row) return "ignored";
  const status = event.type === "payout.paid" ? ("paid" as const) : ("failed" as const);
  // A later event about the same payout wins; one about an earlier payout does not replace a newer one.
  if (row.lastBankPayout && row.lastBankPayout.id !== object.id && (row.lastBankPayout.arrivalDate ?? 0) > (object.arrival_date ?? 0)) return "stale";
  await tx
    .update(payoutAccounts)
    .set({ lastBankPayout: { id: object.id, status, amountMinor: object.amount ?? 0, currency: (object.currency ?? "").toUpperCase(), arrivalDate: object.arrival_date ?? null, failureMessage: object.failure_message ?? null } })
    .where(eq(payoutAccounts.accountId, event.account));
  return "applied";
}
