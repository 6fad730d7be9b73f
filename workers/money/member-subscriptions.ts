import { and, desc, eq } from "drizzle-orm";
import { communities, communityTiers } from "../db/d1/schema";
import { inList } from "../db/d1/in-list";
import { subscriptions } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { tierPrice, tierPriceId, type Interval } from "./checkout-subscription";
import { handleProviderEvent } from "./handle-provider-event";
import { manualInvoiceEvent, manualSubscriptionEvent, periodEnd } from "./manual-provider";
import type { ProviderEvent } from "./provider";
import { prorate } from "./proration";
import { stripeBilling } from "./stripe-provider";

type Subscription = typeof subscriptions.$inferSelect;

async function mine(deps: Deps, userId: string, id: string) {
  const pg = await deps.pg();
  const [s] = await pg.select().from(subscriptions).where(and(eq(subscriptions.id, id), eq(subscriptions.userId, userId)));
  if (!s) throw new AppError("not_found", `No subscription ${id} of yours.`);
  if (!s.providerSubscriptionId || s.status === "incomplete" || s.status === "canceled") throw new AppError("conflict", "This subscription is not running.");
  return s;
}

const billing = (deps: Deps) => {
  const p = deps.config.payments;
  return p.kind === "stripe" ? stripeBilling({ secretKey: p.secretKey, api: p.api }) : null;
};

/** Applies the subscription as Stripe's API returned it, through the webhook's own handler (the webhook that follows is then stale or the same). */
const applyReturned = (deps: Deps, env: Env | undefined, object: unknown) =>
  handleProviderEvent(deps, "stripe", { id: `api_${crypto.randomUUID()}`, type: "customer.subscription.updated", created: Math.floor(deps.now() / 1000), data: { object: object as ProviderEvent["data"]["object"] } }, env);

/** The member's subscriptions, newest first, with their community and tier. */
export async function listMySubscriptions(deps: Deps, userId: string) {
  const pg = await deps.pg();
  const rows = await pg.select().from(subscriptions).where(eq(subscriptions.userId, userId)).orderBy(desc(subscriptions.createdAt)).limit(50);
  const live = rows.filter((r) => r.status !== "incomplete");
  if (!live.length) return [];
  const [cs, ts] = await Promise.all([
    deps.db.select({ id: communities.id, slug: communities.slug, name: communities.name }).from(communities).where(inList(communities.id, [...new Set(live.map((r) => r.communityId))])).all(),
    deps.db.select().from(communityTiers).where(inList(communityTiers.communityId, [...new Set(live.map((r) => r.communityId))])).all(),
  ]);
  return live.map((s) => {
    const c = cs.find((x) => x.id === s.communityId);
    return {
      id: s.id,
      provider: s.provider,
      community: { slug: c?.slug ?? "", name: c?.name ?? "A community" },
      tier: { id: s.tierId, name: ts.find((t) => t.id === s.tierId)?.name ?? "A tier" },
      /** The community's other paid tiers, to change to. */
      otherTiers: ts.filter((t) => t.kind === "paid" && t.communityId === s.communityId && t.id !== s.tierId).map((t) => ({ id: t.id, name: t.name, monthMinor: tierPrice(t, "month"), yearMinor: tierPrice(t, "year") })),
      interval: s.interval,
      priceMinor: s.priceMinor,
      currency: s.currency,
      status: s.status,
      currentPeriodEnd: s.currentPeriodEnd?.toISOString() ?? null,
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      graceUntil: s.graceUntil?.toISOString() ?? null,
      creditMinor: s.creditMinor,
    };
  });
}

/** Cancel at the period end (the tier stays until then), or take that back. */
export async function setCancelAtPeriodEnd(deps: Deps, env: Env | undefined, userId: string, id: string, cancel: boolean) {
  const s = await mine(deps, userId, id);
  const stripe = billing(deps);
  if (stripe) await applyReturned(deps, env, await stripe.setCancelAtPeriodEnd(s.providerSubscriptionId!, cancel));
  else await handleProviderEvent(deps, "manual", manualSubscriptionEvent({ subscriptionId: s.id, providerSubscriptionId: s.providerSubscriptionId!, status: s.status, cancelAtPeriodEnd: cancel, periodEnd: s.currentPeriodEnd ? Math.floor(s.currentPeriodEnd.getTime() / 1000) : null }, false, deps.now()), env);
  return (await listMySubscriptions(deps, userId)).find((x) => x.id === id)!;
}

/**
 * Moves to another paid tier of the same community (or another interval), now, prorated: on
 * Stripe, `proration_behavior: create_prorations` (Stripe invoices the difference); on the
 * manual provider the same arithmetic (`prorate`): an upgrade's difference is paid at once, a
 * downgrade's is a credit taken off the next renewals.
 */
export async function changePlan(deps: Deps, env: Env | undefined, userId: string, id: string, input: { tierId: string; interval: Interval }) {
  const s = await mine(deps, userId, id);
  if (s.status !== "active") throw new AppError("conflict", "Settle the failed payment before changing plan.");
  const tier = await deps.db.select().from(communityTiers).where(and(eq(communityTiers.id, input.tierId), eq(communityTiers.communityId, s.communityId))).get();
  if (!tier || tier.kind !== "paid") throw new AppError("validation_failed", "That is not a paid tier of this community.", [{ path: "body.tierId", message: "No such paid tier" }]);
  if (tier.currency !== s.currency) throw new AppError("validation_failed", "That tier is priced in another currency.", [{ path: "body.tierId", message: `Priced in ${tier.currency}` }]);
  if (tier.id === s.tierId && input.interval === s.interval) throw new AppError("conflict", "That is your plan already.", [{ path: "body.tierId", message: "Already your plan" }]);
  const amount = tierPrice(tier, input.interval);
  const priceId = await tierPriceId(deps, tier, input.interval, amount);
  const stripe = billing(deps);
  if (stripe) {
    await applyReturned(deps, env, await stripe.changePrice(s.providerSubscriptionId!, priceId));
  } else {
    await manualChange(deps, env, s, { priceId, amount, interval: input.interval });
  }
  return (await listMySubscriptions(deps, userId)).find((x) => x.id === id)!;
}

async function manualChange(deps: Deps, env: Env | undefined, s: Subscription, next: { priceId: string; amount: number; interval: Interval }) {
  const now = deps.now();
  const start = s.currentPeriodStart?.getTime() ?? now;
  const end = s.currentPeriodEnd?.getTime() ?? now;
  // A change of interval starts a new period (as Stripe resets the billing cycle); a change of tier keeps it.
  const sameCycle = next.interval === s.interval && end > now;
  const shares = prorate({ oldPriceMinor: s.priceMinor, newPriceMinor: next.amount, periodStart: start, periodEnd: Math.max(end, start + 1), at: now });
  // Same cycle: the new price's share less the old one's; a new cycle: the whole new price less the old one's unused share.
  const netMinor = sameCycle ? shares.netMinor : next.amount - shares.creditMinor;
  const pg = await deps.pg();
  if (netMinor < 0) await pg.update(subscriptions).set({ creditMinor: s.creditMinor - netMinor }).where(eq(subscriptions.id, s.id));
  const periodStart = Math.floor((sameCycle ? start : now) / 1000);
  const periodEndS = sameCycle ? Math.floor(end / 1000) : periodEnd(Math.floor(now / 1000), next.interval);
  if (netMinor > 0) {
    await handleProviderEvent(deps, "manual", manualInvoiceEvent({ subscriptionId: s.id, providerSubscriptionId: s.providerSubscriptionId!, amountMinor: netMinor, currency: s.currency, periodStart, periodEnd: periodEndS, reason: "subscription_update" }, true, now), env);
  }
  await handleProviderEvent(deps, "manual", manualSubscriptionEvent({ subscriptionId: s.id, providerSubscriptionId: s.providerSubscriptionId!, status: "active", cancelAtPeriodEnd: false, periodEnd: periodEndS, priceId: next.priceId }, false, now), env);
}

/** Stripe's customer portal for the member's subscription (payment method, invoices, plan); the manual provider's is Tandem's own orders page. */
export async function portalUrl(deps: Deps, userId: string, id: string) {
  const s = await mine(deps, userId, id);
  const stripe = billing(deps);
  const back = `${deps.config.appOrigin}/orders`;
  if (!stripe || !s.customerId) return back;
  return stripe.portal(s.customerId, back);
}
