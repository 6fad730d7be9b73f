import { bigint, boolean, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export const SUBSCRIPTION_STATUSES = ["incomplete", "active", "past_due", "canceled", "unpaid"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * A member's paid tier (ADR 020): Stripe Billing's subscription, or the manual provider's. The
 * member's tier in D1 follows it (granted on payment, kept to the period end after a cancel,
 * revoked after a failed renewal's grace period).
 */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: text("id").primaryKey(),
    provider: text("provider", { enum: ["stripe", "manual"] }).notNull(),
    /** Stripe's `sub_…` (or the manual provider's), once the checkout is complete. */
    providerSubscriptionId: text("provider_subscription_id").unique(),
    customerId: text("customer_id"),
    userId: text("user_id").notNull(),
    communityId: text("community_id").notNull(),
    /** Who earns from it: the community's owning creator. */
    creatorId: text("creator_id").notNull(),
    tierId: text("tier_id").notNull(),
    interval: text("interval", { enum: ["month", "year"] }).notNull(),
    priceMinor: bigint("price_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: SUBSCRIPTION_STATUSES }).notNull().default("incomplete"),
    currentPeriodStart: timestamp("current_period_start", { withTimezone: true }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    /** Manual provider: what a downgrade's proration credited, taken off the next invoices (Stripe keeps its own customer balance). */
    creditMinor: bigint("credit_minor", { mode: "number" }).notNull().default(0),
    /** A failed renewal keeps the tier until then; the job revokes it after. */
    graceUntil: timestamp("grace_until", { withTimezone: true }),
    /** The `created` (seconds) of the newest subscription event applied: older ones change nothing. */
    lastEventCreated: bigint("last_event_created", { mode: "number" }).notNull().default(0),
    /** The order its first checkout made (`POST /api/v1/checkout` answers with it). */
    orderId: text("order_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("subscriptions_user").on(t.userId, t.createdAt), index("subscriptions_due").on(t.status, t.currentPeriodEnd), index("subscriptions_community").on(t.communityId, t.userId)],
);

/** A tier's provider price per interval and amount (Stripe Billing's `price_…`, or the manual provider's), made on first use: a new amount is a new price. */
export const tierPrices = pgTable(
  "tier_prices",
  {
    tierId: text("tier_id").notNull(),
    interval: text("interval", { enum: ["month", "year"] }).notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    /** Stripe's `price_…`, or the manual provider's `mpr_…`. */
    stripePriceId: text("stripe_price_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tierId, t.interval, t.amountMinor, t.currency] })],
);
