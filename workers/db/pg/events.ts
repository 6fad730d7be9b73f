import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";

/** Every tracked event, once (the producer's id is the key). Invalid clicks stay here for audit. */
export const events = pgTable(
  "events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    brandId: text("brand_id"),
    campaignId: text("campaign_id"),
    linkId: text("link_id"),
    creatorId: text("creator_id"),
    clickId: text("click_id"),
    visitorHash: text("visitor_hash"),
    fraud: boolean("fraud").notNull().default(false),
    score: real("score"),
    reasons: text("reasons").array().notNull().default([]),
    unique: boolean("unique").notNull().default(false),
    /** A visitor's repeat click on a link inside the campaign's deduplication window: valid, never billed. */
    duplicate: boolean("duplicate").notNull().default(false),
    props: jsonb("props").notNull(),
    utm: jsonb("utm").notNull(),
    /** What billing did with it: the amount charged (minor units), or why nothing was. */
    billedMinor: bigint("billed_minor", { mode: "number" }),
    billing: text("billing"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_link_at").on(t.linkId, t.at),
    index("events_campaign_at").on(t.campaignId, t.at),
    index("events_click").on(t.clickId),
    // Click deduplication looks up one visitor's clicks on one link around a time.
    index("events_link_visitor_at").on(t.linkId, t.visitorHash, t.at).where(sql`${t.type} = 'click'`),
    // Community analytics read one community's events by time.
    index("events_community_at").on(sql`(${t.props}->>'communityId')`, t.at).where(sql`${t.type} = 'community'`),
  ],
);

/** Per-minute click counts per link (campaign and creator come along for grouping). */
export const linkMinutes = pgTable(
  "link_minutes",
  {
    linkId: text("link_id").notNull(),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    brandId: text("brand_id").notNull(),
    campaignId: text("campaign_id"),
    creatorId: text("creator_id"),
    clicks: integer("clicks").notNull().default(0),
    validClicks: integer("valid_clicks").notNull().default(0),
    invalidClicks: integer("invalid_clicks").notNull().default(0),
    uniqueClicks: integer("unique_clicks").notNull().default(0),
    /** Repeat clicks inside the deduplication window: counted in `clicks`, not in `validClicks`. */
    duplicateClicks: integer("duplicate_clicks").notNull().default(0),
    views: integer("views").notNull().default(0),
    conversions: integer("conversions").notNull().default(0),
    revenueMinor: bigint("revenue_minor", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.minute] }), index("link_minutes_campaign").on(t.campaignId, t.minute)],
);

/** Messages the consumer could not read: kept with the reason, acknowledged, never retried forever. */
export const rejectedEvents = pgTable("rejected_events", {
  messageId: text("message_id").primaryKey(),
  body: jsonb("body"),
  reason: text("reason").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});

/** Idempotency-Key records for conversion reports: the same key with a different body is refused. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    brandId: text("brand_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    eventId: text("event_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.key] })],
);
