import { bigint, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const accountKind = pgEnum("ledger_account_kind", [
  "campaign_budget",
  "creator_pending",
  "platform_fee",
  // The money plane (ADR 017).
  "brand_wallet",
  "provider_clearing",
  "provider_fees",
  "creator_available",
  "creator_paid_out",
  "creator_receivable",
]);

/**
 * Double-entry accounts (ADR 004, extended by ADR 017). Lines credit (+) or debit (−); what
 * Tandem owes a party (a brand's wallet, a creator's earnings, its own fees) carries a positive
 * balance, what it holds or has spent (money at the payment provider, a campaign's spend) a
 * negative one. Each currency is its own account.
 */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: text("id").primaryKey(),
    kind: accountKind("kind").notNull(),
    ownerId: text("owner_id").notNull(), // campaign id, creator id, or "platform"
    brandId: text("brand_id"),
    currency: text("currency").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ledger_accounts_owner").on(t.kind, t.ownerId, t.currency)],
);

/** One journal entry per billed (or reversed) event; `key` makes billing exactly-once. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: text("id").primaryKey(),
    key: text("key").notNull().unique(),
    /**
     * `reversal`: a refunded sale; `dispute_credit`: a charge a traffic dispute judged invalid;
     * `top_up`: money a brand paid into its wallet; `commit` / `release`: budget moved from the
     * wallet to a campaign and back (ADR 017); `sale`: a paid storefront order (ADR 018); `settle`: matured earnings,
     * pending → available; `clawback`: a reversal after settlement takes it back from available; `payout`, `payout_paid`,
     * `payout_failed`: available → in transit → paid, or back (ADR 019). Campaign entries name their event, campaign and
     * creator; money-plane entries name what they settle in `reference`.
     */
    kind: text("kind", { enum: ["charge", "reversal", "dispute_credit", "top_up", "commit", "release", "sale", "settle", "clawback", "payout", "payout_paid", "payout_failed", "subscription_payment", "refund", "dispute_hold", "dispute_release", "provider_fee"] }).notNull(),
    eventId: text("event_id"),
    campaignId: text("campaign_id"),
    creatorId: text("creator_id"),
    reference: text("reference"),
    costMinor: bigint("cost_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ledger_entries_campaign").on(t.campaignId, t.at), index("ledger_entries_event").on(t.eventId)],
);

/** The lines of an entry; they always sum to zero. */
export const ledgerLines = pgTable(
  "ledger_lines",
  {
    id: text("id").primaryKey(),
    entryId: text("entry_id").notNull().references(() => ledgerEntries.id),
    accountId: text("account_id").notNull().references(() => ledgerAccounts.id),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  },
  (t) => [index("ledger_lines_account").on(t.accountId), index("ledger_lines_entry").on(t.entryId)],
);

/** Running spend per campaign, the row every charge locks so budgets can never be overspent. */
export const campaignSpend = pgTable("campaign_spend", {
  campaignId: text("campaign_id").primaryKey(),
  spentMinor: bigint("spent_minor", { mode: "number" }).notNull().default(0),
  charges: integer("charges").notNull().default(0),
});

/**
 * Spend per campaign per day in the campaign's time zone, for its daily budget. One row per day,
 * so an event for another day (a late flush, a back-dated conversion) never resets today's.
 */
export const campaignSpendDays = pgTable(
  "campaign_spend_days",
  {
    campaignId: text("campaign_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    spentMinor: bigint("spent_minor", { mode: "number" }).notNull().default(0),
    charges: integer("charges").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day] })],
);

/**
 * A brand's dispute of one creator's traffic on a campaign over a time window. Opening it
 * re-scores the window with the current scorer; charges now judged invalid are credited back by
 * `dispute_credit` entries (the charges themselves are never edited).
 */
export const trafficDisputes = pgTable(
  "traffic_disputes",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    creatorId: text("creator_id").notNull(),
    fromAt: timestamp("from_at", { withTimezone: true }).notNull(),
    toAt: timestamp("to_at", { withTimezone: true }).notNull(),
    reason: text("reason").notNull(),
    openedBy: text("opened_by").notNull(),
    /** What re-scoring found: clicks in the window, re-scored, newly invalid, charges credited, by reason. */
    outcome: jsonb("outcome").notNull(),
    creditedMinor: bigint("credited_minor", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("traffic_disputes_campaign").on(t.campaignId, t.createdAt), index("traffic_disputes_creator").on(t.creatorId, t.createdAt)],
);

/** The charges one dispute credited back (a charge is credited at most once: the entry key is `reversal:<event>`). */
export const disputeCredits = pgTable(
  "dispute_credits",
  {
    disputeId: text("dispute_id").notNull().references(() => trafficDisputes.id),
    eventId: text("event_id").notNull(),
    entryId: text("entry_id").notNull().references(() => ledgerEntries.id),
    costMinor: bigint("cost_minor", { mode: "number" }).notNull(),
    reasons: text("reasons").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.disputeId, t.eventId] })],
);
