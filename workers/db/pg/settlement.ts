import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const EARNING_SOURCES = ["campaign", "sale", "subscription"] as const;

/**
 * Each earning a creator's pending balance gained (a campaign charge, a sale), and when it becomes
 * available (ADR 019). Written in the same transaction as its entry; the settlement job moves
 * what has matured from `creator_pending` to `creator_available`, once per earning.
 */
export const maturingEarnings = pgTable(
  "maturing_earnings",
  {
    /** The entry that earned it (`charge:<event>`, `sale:<order>`). */
    entryId: text("entry_id").primaryKey(),
    creatorId: text("creator_id").notNull(),
    currency: text("currency").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    source: text("source", { enum: EARNING_SOURCES }).notNull(),
    /** The campaign or the order. */
    sourceId: text("source_id").notNull(),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull(),
    /** `reversed`: taken back (a refund or a dispute) before it matured. */
    status: text("status", { enum: ["pending", "available", "reversed"] }).notNull().default("pending"),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [index("maturing_earnings_due").on(t.status, t.availableAt), index("maturing_earnings_creator").on(t.creatorId, t.status, t.availableAt)],
);

/**
 * Where a creator is paid (ADR 019): a Stripe Connect Express account, or the manual provider's
 * stand-in. Payouts go only to an account whose `payoutsEnabled` the provider confirmed.
 */
export const payoutAccounts = pgTable("payout_accounts", {
  creatorId: text("creator_id").primaryKey(),
  provider: text("provider", { enum: ["stripe", "manual"] }).notNull(),
  /** Stripe's `acct_…`, or the manual provider's own id. */
  accountId: text("account_id").notNull().unique(),
  country: text("country").notNull(),
  /** `full`: Stripe's standard agreement; `recipient`: receives transfers only (countries where a full account is not available). */
  serviceAgreement: text("service_agreement", { enum: ["full", "recipient"] }).notNull(),
  payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
  detailsSubmitted: boolean("details_submitted").notNull().default(false),
  /** What the provider still needs from the creator, for the studio (Stripe's `requirements.currently_due`). */
  requirementsDue: text("requirements_due").array().notNull().default([]),
  /** The connected account's latest payout to the creator's bank (Stripe's `payout.paid` / `payout.failed`), for the studio. */
  lastBankPayout: jsonb("last_bank_payout").$type<{ id: string; status: "paid" | "failed"; amountMinor: number; currency: string; arrivalDate: number | null; failureMessage: string | null }>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const PAYOUT_STATUSES = ["pending", "paid", "failed"] as const;

/**
 * A payout of a creator's available balance (ADR 019): requested (on demand or by the weekly
 * run), sent by the `payouts` queue's consumer as a transfer with the payout's id as its
 * idempotency key, then paid or failed. Money moves in the ledger: available → in transit on
 * creation, in transit → gone on paid, back to available on failure.
 */
export const payouts = pgTable(
  "payouts",
  {
    id: text("id").primaryKey(),
    creatorId: text("creator_id").notNull(),
    accountId: text("account_id").notNull(),
    provider: text("provider", { enum: ["stripe", "manual"] }).notNull(),
    currency: text("currency").notNull(),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
    trigger: text("trigger", { enum: ["on_demand", "weekly"] }).notNull(),
    status: text("status", { enum: PAYOUT_STATUSES }).notNull().default("pending"),
    /** Stripe's `tr_…` once the transfer exists. */
    transferId: text("transfer_id"),
    attempts: integer("attempts").notNull().default(0),
    failureReason: text("failure_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
  },
  (t) => [index("payouts_creator").on(t.creatorId, t.createdAt), index("payouts_status").on(t.status, t.createdAt)],
);
