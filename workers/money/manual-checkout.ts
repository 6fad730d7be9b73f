import { and, eq, lte } from "drizzle-orm";
import { checkoutSessions } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { handleProviderEvent } from "./handle-provider-event";
import { manualCheckoutEvent, type ManualOutcome } from "./manual-provider";
import { CHECKOUT_DESCRIPTIONS, checkoutMetadata } from "./open-checkout";


const eventFor = (row: typeof checkoutSessions.$inferSelect, outcome: ManualOutcome, now: number) =>
  manualCheckoutEvent({ providerSessionId: row.providerSessionId, reference: row.id, amountMinor: row.amountMinor, currency: row.currency, metadata: checkoutMetadata(row) }, outcome, now);

async function session(deps: Deps, providerSessionId: string) {
  if (deps.config.payments.kind !== "manual") throw new AppError("not_found", "Test-mode checkout runs only without Stripe (no STRIPE_SECRET_KEY), outside production.");
  const pg = await deps.pg();
  const [row] = await pg.select().from(checkoutSessions).where(eq(checkoutSessions.providerSessionId, providerSessionId));
  if (!row || row.provider !== "manual") throw new AppError("not_found", `No test checkout ${providerSessionId}.`);
  return row;
}

const view = (deps: Deps, row: typeof checkoutSessions.$inferSelect) => ({
  sessionId: row.providerSessionId,
  description: CHECKOUT_DESCRIPTIONS[row.purpose],
  amountMinor: row.amountMinor,
  currency: row.currency,
  // An open session past its deadline is expired, whether or not the expiry job has run yet.
  status: row.status === "open" && row.expiresAt.getTime() <= deps.now() ? ("expired" as const) : row.status,
  expiresAt: row.expiresAt.toISOString(),
  successUrl: row.successUrl,
  cancelUrl: row.cancelUrl,
});

export async function getTestCheckout(deps: Deps, providerSessionId: string) {
  return view(deps, await session(deps, providerSessionId));
}

/**
 * The test checkout's buttons: pay or decline emits the event Stripe would and hands it to the
 * same handler as a webhook. Only an open, unexpired session can be paid or declined.
 */
export async function settleTestCheckout(deps: Deps, providerSessionId: string, outcome: Exclude<ManualOutcome, "expire">) {
  const row = await session(deps, providerSessionId);
  const current = view(deps, row);
  if (current.status !== "open") throw new AppError("conflict", current.status === "expired" ? "This checkout has expired; start a new one." : `This checkout is already ${current.status}.`);
  await handleProviderEvent(deps, "manual", eventFor(row, outcome, deps.now()));
  return getTestCheckout(deps, providerSessionId);
}

/**
 * The minute job: test checkouts past their deadline expire as Stripe's do, through the same
 * `checkout.session.expired` event (Stripe sends its own). Returns how many it expired.
 */
export async function expireTestCheckouts(deps: Deps, limit = 200) {
  if (deps.config.payments.kind !== "manual") return 0;
  const pg = await deps.pg();
  const due = await pg
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.provider, "manual"), eq(checkoutSessions.status, "open"), lte(checkoutSessions.expiresAt, new Date(deps.now()))))
    .limit(limit);
  for (const row of due) {
    await handleProviderEvent(deps, "manual", eventFor(row, "expire", deps.now()));
  }
  return due.length;
}
