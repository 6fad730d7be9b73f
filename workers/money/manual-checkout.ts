import { and, eq, lte } from "drizzle-orm";
import { checkoutSessions, orderItems, orders, subscriptions } from "../db/pg/schema";
import { newId } from "../lib/ids";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { handleProviderEvent } from "./handle-provider-event";
import { manualCheckoutEvent, manualInvoiceEvent, periodEnd, type ManualOutcome, type ManualShipping } from "./manual-provider";
import { CHECKOUT_DESCRIPTIONS, checkoutMetadata } from "./open-checkout";


type Row = typeof checkoutSessions.$inferSelect;

const eventFor = (row: Row, outcome: ManualOutcome, now: number, collected: Parameters<typeof manualCheckoutEvent>[3] = {}) =>
  manualCheckoutEvent({ providerSessionId: row.providerSessionId, reference: row.id, amountMinor: row.amountMinor, currency: row.currency, metadata: checkoutMetadata(row) }, outcome, now, collected);

/** What the checkout sells, line by line, and whether it ships (an order's items; a top-up is one line). */
async function contents(deps: Deps, row: Row) {
  if (row.purpose === "wallet_top_up") return { lines: [{ name: CHECKOUT_DESCRIPTIONS[row.purpose], unitAmountMinor: row.amountMinor, quantity: 1 }], collectShipping: false, email: null };
  const pg = await deps.pg();
  // A subscription's checkout sells its first order's line.
  const orderId = row.purpose === "order" ? row.ownerId : ((await pg.select({ orderId: subscriptions.orderId }).from(subscriptions).where(eq(subscriptions.id, row.ownerId)))[0]?.orderId ?? "");
  const [order] = await pg.select({ needsShipping: orders.needsShipping, buyerEmail: orders.buyerEmail }).from(orders).where(eq(orders.id, orderId));
  const items = await pg.select().from(orderItems).where(eq(orderItems.orderId, orderId));
  return { lines: items.map((i) => ({ name: i.title, unitAmountMinor: i.unitPriceMinor, quantity: i.quantity })), collectShipping: order?.needsShipping ?? false, email: order?.buyerEmail ?? null };
}

async function session(deps: Deps, providerSessionId: string) {
  if (deps.config.payments.kind !== "manual") throw new AppError("not_found", "Test-mode checkout runs only without Stripe (no STRIPE_SECRET_KEY), outside production.");
  const pg = await deps.pg();
  const [row] = await pg.select().from(checkoutSessions).where(eq(checkoutSessions.providerSessionId, providerSessionId));
  if (!row || row.provider !== "manual") throw new AppError("not_found", `No test checkout ${providerSessionId}.`);
  return row;
}

const view = async (deps: Deps, row: Row) => ({
  ...(await contents(deps, row)),
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
  const { email: _email, ...rest } = await view(deps, await session(deps, providerSessionId));
  return rest;
}

/**
 * The test checkout's buttons: pay or decline emits the event Stripe would and hands it to the
 * same handler as a webhook. Only an open, unexpired session can be paid or declined.
 */
export async function settleTestCheckout(deps: Deps, providerSessionId: string, outcome: Exclude<ManualOutcome, "expire">, input: { shipping?: ManualShipping | null } = {}, env?: Env) {
  const row = await session(deps, providerSessionId);
  const current = await view(deps, row);
  if (current.status !== "open") throw new AppError("conflict", current.status === "expired" ? "This checkout has expired; start a new one." : `This checkout is already ${current.status}.`);
  // As on Stripe's page: an order of physical goods is paid only with a shipping address.
  if (outcome === "pay" && current.collectShipping && !input.shipping) throw new AppError("validation_failed", "Enter where the order ships.", [{ path: "body.shipping", message: "A shipping address is required" }]);
  if (row.purpose === "subscription") {
    await settleTestSubscription(deps, row, outcome, env);
    return getTestCheckout(deps, providerSessionId);
  }
  await handleProviderEvent(deps, "manual", eventFor(row, outcome, deps.now(), { email: current.email, shipping: current.collectShipping ? input.shipping : null }), env);
  return getTestCheckout(deps, providerSessionId);
}

/**
 * The minute job: test checkouts past their deadline expire as Stripe's do, through the same
 * `checkout.session.expired` event (Stripe sends its own). Returns how many it expired.
 */
export async function expireTestCheckouts(deps: Deps, limit = 200, env?: Env) {
  if (deps.config.payments.kind !== "manual") return 0;
  const pg = await deps.pg();
  const due = await pg
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.provider, "manual"), eq(checkoutSessions.status, "open"), lte(checkoutSessions.expiresAt, new Date(deps.now()))))
    .limit(limit);
  for (const row of due) {
    await handleProviderEvent(deps, "manual", eventFor(row, "expire", deps.now()), env);
  }
  return due.length;
}

/**
 * Paying a test subscription checkout does what Stripe's does: the session completes with a new
 * subscription and customer, and the first invoice is paid for the first period.
 */
async function settleTestSubscription(deps: Deps, row: Row, outcome: Exclude<ManualOutcome, "expire">, env?: Env) {
  if (outcome === "decline") {
    await handleProviderEvent(deps, "manual", eventFor(row, "decline", deps.now()), env);
    return;
  }
  const pg = await deps.pg();
  const [sub] = await pg.select().from(subscriptions).where(eq(subscriptions.id, row.ownerId));
  if (!sub) throw new AppError("not_found", `No subscription for test checkout ${row.providerSessionId}.`);
  const providerSubscriptionId = newId("manualSubscription");
  await handleProviderEvent(deps, "manual", eventFor(row, "pay", deps.now(), { subscription: { id: providerSubscriptionId, customer: newId("manualCustomer") } }), env);
  const start = Math.floor(deps.now() / 1000);
  await handleProviderEvent(deps, "manual", manualInvoiceEvent({ subscriptionId: sub.id, providerSubscriptionId, amountMinor: sub.priceMinor, currency: sub.currency, periodStart: start, periodEnd: periodEnd(start, sub.interval), reason: "subscription_create" }, true, deps.now()), env);
}
