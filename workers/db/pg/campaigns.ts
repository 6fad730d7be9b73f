import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { brandGoal, brands } from "./brands";

/** Domains a brand has registered: link destinations must be on one of them. */
export const brandDomains = pgTable(
  "brand_domains",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull().references(() => brands.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    /** The brand proves it owns the domain by publishing `tandem-verify=<token>` as a TXT record at `_tandem.<domain>`. */
    verificationToken: text("verification_token").notNull().default(sql`replace(gen_random_uuid()::text, '-', '')`),
    /** When the TXT record was found; links and campaigns may send visitors only to verified domains. */
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("brand_domains_brand_domain").on(t.brandId, t.domain)],
);

export const pricingModel = pgEnum("pricing_model", ["cpc", "cpv", "cpp", "cpcall"]);
export const cppMode = pgEnum("cpp_mode", ["percent", "flat"]);
export const campaignStatus = pgEnum("campaign_status", ["draft", "active", "paused", "ended"]);

/**
 * What links and billing need of a campaign. Money is integer minor units of `currency`;
 * a CPP percentage is in basis points (1250 = 12.5 %).
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull().references(() => brands.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    pricingModel: pricingModel("pricing_model").notNull(),
    cppMode: cppMode("cpp_mode"),
    rateMinor: bigint("rate_minor", { mode: "number" }),
    rateBps: integer("rate_bps"),
    minCallSeconds: integer("min_call_seconds"),
    currency: text("currency").notNull(),
    totalBudgetMinor: bigint("total_budget_minor", { mode: "number" }).notNull(),
    dailyBudgetMinor: bigint("daily_budget_minor", { mode: "number" }),
    attributionWindowDays: integer("attribution_window_days").notNull().default(30),
    targetCountries: text("target_countries").array().notNull().default([]),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    status: campaignStatus("status").notNull().default("draft"),
    /** Why a paused campaign paused: the brand, or its budget running out. */
    pausedReason: text("paused_reason", { enum: ["brand", "budget", "velocity"] }),
    fallbackUrl: text("fallback_url").notNull(),
    /** Open campaigns are listed in the creator marketplace; closed ones are by invitation. */
    openToMarketplace: boolean("open_to_marketplace").notNull().default(false),
    niches: text("niches").array().notNull().default([]),
    /** Who may join: total followers between these bounds, on at least one of these platforms. */
    audienceMin: integer("audience_min"),
    audienceMax: integer("audience_max"),
    platforms: text("platforms").array().notNull().default([]),
    brief: text("brief").notNull().default(""),
    /** The structured brief: deliverables, dos, don'ts, dates, usage rights. */
    briefDetails: jsonb("brief_details").$type<{ deliverables?: string; dos?: string; donts?: string; dates?: string; usageRights?: string }>().notNull().default({}),
    goal: brandGoal("goal"),
    /** The zone the brand set the schedule in; start and end are stored as instants. */
    timeZone: text("time_zone").notNull().default("UTC"),
    /** The pages creators promote: accepting mints one link for each. */
    landingUrls: text("landing_urls").array().notNull().default([]),
    utmSource: text("utm_source").notNull().default("tandem"),
    utmMedium: text("utm_medium").notNull().default("affiliate"),
    utmCampaign: text("utm_campaign").notNull(),
    /** Fraud sensitivity: a click scoring at or above this is invalid (1000 = 1.0). */
    fraudThresholdMilli: integer("fraud_threshold_milli").notNull().default(500),
    /** A visitor's repeat clicks on one link within this many seconds are duplicates: stored, never billed (ADR 015). */
    clickDedupSeconds: integer("click_dedup_seconds").notNull().default(3600),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaigns_brand_idx").on(t.brandId)],
);

export const collaborationStatus = pgEnum("collaboration_status", ["invited", "applied", "accepted", "declined", "removed"]);

/** A creator's relationship with a campaign. `creatorId` is a D1 creator id. */
export const collaborations = pgTable(
  "collaborations",
  {
    id: text("id").primaryKey(),
    campaignId: text("campaign_id").notNull().references(() => campaigns.id, { onDelete: "cascade" }),
    brandId: text("brand_id").notNull(),
    creatorId: text("creator_id").notNull(),
    status: collaborationStatus("status").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("collaborations_campaign_creator").on(t.campaignId, t.creatorId), index("collaborations_creator").on(t.creatorId)],
);

/**
 * Every rate a campaign has had, from when. Billing prices an event with the rate in force at
 * the event's time, so an edit never reprices traffic that happened before it.
 */
export const campaignRates = pgTable(
  "campaign_rates",
  {
    id: text("id").primaryKey(),
    campaignId: text("campaign_id").notNull().references(() => campaigns.id, { onDelete: "cascade" }),
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
    rateMinor: bigint("rate_minor", { mode: "number" }),
    rateBps: integer("rate_bps"),
  },
  (t) => [index("campaign_rates_campaign_from").on(t.campaignId, t.effectiveFrom)],
);

/**
 * Every status a campaign has had, from when (written by a trigger on `campaigns`, so every
 * writer records it). An event is billable only inside an `active` period (ADR 015).
 */
export const campaignStatusHistory = pgTable(
  "campaign_status_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    campaignId: text("campaign_id").notNull().references(() => campaigns.id, { onDelete: "cascade" }),
    status: campaignStatus("status").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("campaign_status_history_campaign_at").on(t.campaignId, t.at)],
);

/** Things a brand must know about a campaign now: shown on its page (and sent by email later). */
export const campaignAlerts = pgTable(
  "campaign_alerts",
  {
    id: text("id").primaryKey(),
    campaignId: text("campaign_id").notNull().references(() => campaigns.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["spend_velocity", "budget_exhausted", "reconciliation_drift"] }).notNull(),
    message: text("message").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaign_alerts_campaign").on(t.campaignId, t.createdAt)],
);

/** The short thread between a brand and a creator on one collaboration. */
export const collaborationNotes = pgTable(
  "collaboration_notes",
  {
    id: text("id").primaryKey(),
    collaborationId: text("collaboration_id").notNull().references(() => collaborations.id, { onDelete: "cascade" }),
    author: text("author", { enum: ["brand", "creator"] }).notNull(),
    authorUserId: text("author_user_id").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("collaboration_notes_collab").on(t.collaborationId, t.createdAt)],
);
