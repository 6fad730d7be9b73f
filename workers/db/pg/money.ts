import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A checkout with the payment provider (ADR 017): what is being paid for (`purpose`, `ownerId`),
 * how much, and where it stands. Stripe's Checkout Session id, or the manual provider's own, is
 * `providerSessionId`. Rows are never deleted; `status` only moves forward (open → complete,
 * declined or expired).
 */
export const checkoutSessions = pgTable(
  "checkout_sessions",
  {
    id: text("id").primaryKey(),
    provider: text("provider", { enum: ["stripe", "manual"] }).notNull(),
    providerSessionId: text("provider_session_id").notNull().unique(),
    purpose: text("purpose", { enum: ["wallet_top_up", "order", "subscription"] }).notNull(),
    /** The brand for a wallet top-up; the order for an order. */
    ownerId: text("owner_id").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ["open", "complete", "declined", "expired"] }).notNull().default("open"),
    url: text("url").notNull(),
    /** Where the payer goes after paying, and after giving up. */
    successUrl: text("success_url").notNull(),
    cancelUrl: text("cancel_url").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("checkout_sessions_owner").on(t.purpose, t.ownerId, t.createdAt)],
);

/**
 * Every provider event received (Stripe's webhooks, and the manual provider's, which have the
 * same shape). The event id is the key, so a redelivery is recognised and changes nothing.
 */
export const providerEvents = pgTable("provider_events", {
  id: text("id").primaryKey(),
  provider: text("provider", { enum: ["stripe", "manual"] }).notNull(),
  type: text("type").notNull(),
  /** The event's own `created` (seconds), for ordering. */
  created: bigint("created", { mode: "number" }).notNull(),
  /** What handling did: `applied`, `stale` (an older state than we hold), or `ignored` (a type we do not handle). */
  outcome: text("outcome").notNull(),
  payload: jsonb("payload").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});
