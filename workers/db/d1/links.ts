import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The edge's copy of what a redirect needs of a campaign, kept current by the gateway after
 * every campaign change (a newer `version` always wins). Postgres stays the source of truth.
 */
export const campaignEdges = sqliteTable("campaign_edges", {
  campaignId: text("campaign_id").primaryKey(),
  brandId: text("brand_id").notNull(),
  status: text("status", { enum: ["draft", "active", "paused", "ended"] }).notNull(),
  startsAt: integer("starts_at"),
  endsAt: integer("ends_at"),
  fallbackUrl: text("fallback_url").notNull(),
  utmSource: text("utm_source").notNull(),
  utmMedium: text("utm_medium").notNull(),
  utmCampaign: text("utm_campaign").notNull(),
  fraudThresholdMilli: integer("fraud_threshold_milli").notNull().default(500),
  version: integer("version").notNull(),
});

/** An affiliate link: one per (campaign, product or landing page, creator). */
export const links = sqliteTable(
  "links",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull().unique(),
    brandId: text("brand_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    creatorId: text("creator_id").notNull(),
    productId: text("product_id"),
    targetKey: text("target_key").notNull(),
    destination: text("destination").notNull(),
    /** An optional code the creator shares; a conversion reported with it is credited to this link. */
    promoCode: text("promo_code"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("links_triple").on(t.campaignId, t.creatorId, t.targetKey),
    index("links_campaign_idx").on(t.campaignId),
    index("links_creator_idx").on(t.creatorId),
    uniqueIndex("links_brand_promo").on(t.brandId, t.promoCode),
  ],
);
