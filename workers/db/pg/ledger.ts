import { bigint, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const accountKind = pgEnum("ledger_account_kind", ["campaign_budget", "creator_pending", "platform_fee"]);

/**
 * Double-entry accounts. A campaign's budget account goes negative as it spends; a creator's
 * pending account and the platform's fee account go positive. Each currency is its own account.
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
    kind: text("kind", { enum: ["charge", "reversal"] }).notNull(),
    eventId: text("event_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    creatorId: text("creator_id").notNull(),
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
