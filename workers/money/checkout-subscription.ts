import { and, eq, inArray } from "drizzle-orm";
import { communities, communityTiers, creators } from "../db/d1/schema";
import { orderItems, orders, subscriptions, tierPrices } from "../db/pg/schema";
import { bpsOf } from "../billing/price-event";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { SALES_FEE_BPS } from "./checkout-order";
import { CHECKOUT_TTL_MS, openCheckout } from "./open-checkout";
import { PAYMENT_CURRENCIES } from "./schemas";
import { stripeBilling } from "./stripe-provider";

export type Interval = "month" | "year";

/** A paid tier's price for an interval: the monthly price, or the yearly one (ten months' worth unless the owner set it). */
export const tierPrice = (tier: { priceMinor: number; annualPriceMinor: number | null }, interval: Interval) => (interval === "month" ? tier.priceMinor : (tier.annualPriceMinor ?? tier.priceMinor * 10));

/**
 * The tier's provider price for the interval and amount, made on first use and remembered: a
 * Stripe Billing price, or the manual provider's deterministic id. Plan changes find the tier a
 * subscription moved to by its price.
 */
export async function tierPriceId(deps: Deps, tier: { id: string; name: string; currency: string }, interval: Interval, amountMinor: number) {
  const p = deps.config.payments;
  const pg = await deps.pg();
  const [known] = await pg
    .select()
    .from(tierPrices)
    .where(and(eq(tierPrices.tierId, tier.id), eq(tierPrices.interval, interval), eq(tierPrices.amountMinor, amountMinor), eq(tierPrices.currency, tier.currency)));
  if (known) return known.stripePriceId;
  const stripePriceId =
    p.kind === "stripe" ? await stripeBilling({ secretKey: p.secretKey, api: p.api }).createPrice({ tierId: tier.id, name: tier.name, amountMinor, currency: tier.currency, interval }) : `mpr_${tier.id}_${interval}_${amountMinor}_${tier.currency}`;
  await pg.insert(tierPrices).values({ tierId: tier.id, interval, amountMinor, currency: tier.currency, stripePriceId }).onConflictDoNothing();
  return stripePriceId;
}

/**
 * Opens a subscription to a paid tier (ADR 020): an order for the first payment, a subscription
 * row (incomplete until paid) and a subscription-mode checkout. Refused for free tiers, tiers in
 * a currency money does not move in, communities no creator owns, the owner themselves, and a
 * member who already subscribes to the tier.
 */
export async function checkoutSubscription(deps: Deps, buyer: { userId: string; email: string }, input: { tierId: string; interval: Interval }) {
  const tier = await deps.db.select().from(communityTiers).where(eq(communityTiers.id, input.tierId)).get();
  if (!tier || tier.kind !== "paid") throw new AppError("validation_failed", "That is not a paid tier.", [{ path: "body.tierId", message: "No such paid tier" }]);
  if (!(PAYMENT_CURRENCIES as readonly string[]).includes(tier.currency)) throw new AppError("validation_failed", `This tier is priced in ${tier.currency}, which payments do not support yet.`, [{ path: "body.tierId", message: `Priced in ${tier.currency}` }]);
  const community = await deps.db.select().from(communities).where(eq(communities.id, tier.communityId)).get();
  if (!community || community.ownerKind !== "creator") throw new AppError("validation_failed", "Only a creator's community sells memberships.", [{ path: "body.tierId", message: "Not sold" }]);
  if (community.ownerUserId === buyer.userId) throw new AppError("forbidden", "You own this community.");
  const creator = await deps.db.select({ id: creators.id }).from(creators).where(eq(creators.id, community.ownerId)).get();
  if (!creator) throw new AppError("not_found", "This community is no longer open.");
  const pg = await deps.pg();
  const live = await pg
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, buyer.userId), eq(subscriptions.tierId, tier.id), inArray(subscriptions.status, ["active", "past_due"])));
  if (live.length) throw new AppError("conflict", "You already subscribe to this tier; manage it from your orders.", [{ path: "body.tierId", message: "Already subscribed" }]);

  const amountMinor = tierPrice(tier, input.interval);
  const priceId = await tierPriceId(deps, tier, input.interval, amountMinor);
  const orderId = newId("order");
  const subscriptionId = newId("subscription");
  const checkoutId = newId("checkout");
  const expiresAt = new Date(deps.now() + CHECKOUT_TTL_MS);
  const title = `${community.name}: ${tier.name} (${input.interval === "month" ? "monthly" : "yearly"})`;
  await pg.transaction(async (tx) => {
    await tx.insert(orders).values({ id: orderId, buyerUserId: buyer.userId, buyerEmail: buyer.email, creatorId: creator.id, currency: tier.currency, totalMinor: amountMinor, platformFeeMinor: bpsOf(amountMinor, SALES_FEE_BPS), checkoutId, transferGroup: orderId, expiresAt });
    await tx.insert(orderItems).values({ orderId, productId: tier.id, kind: "membership", title, unitPriceMinor: amountMinor, quantity: 1 });
    await tx.insert(subscriptions).values({ id: subscriptionId, provider: deps.config.payments.kind === "stripe" ? "stripe" : "manual", userId: buyer.userId, communityId: community.id, creatorId: creator.id, tierId: tier.id, interval: input.interval, priceMinor: amountMinor, currency: tier.currency, orderId });
  });
  try {
    const session = await openCheckout(deps, {
      id: checkoutId,
      purpose: "subscription",
      ownerId: subscriptionId,
      currency: tier.currency,
      lines: [{ name: title, unitAmountMinor: amountMinor, quantity: 1 }],
      subscription: { priceId, interval: input.interval },
      expiresAt,
      successPath: `/orders/${orderId}?paid=1`,
      cancelPath: `/c/${community.slug}?cancelled=1`,
      createdBy: buyer.userId,
    });
    return { orderId, url: session.url, subscriptionId };
  } catch (err) {
    await pg.update(orders).set({ status: "cancelled", closedAt: new Date(deps.now()) }).where(eq(orders.id, orderId));
    await pg.update(subscriptions).set({ status: "canceled", updatedAt: new Date(deps.now()) }).where(eq(subscriptions.id, subscriptionId));
    throw err;
  }
}
