import { DEFAULT_CLICK_DEDUP_SECONDS, MAX_CLICK_DEDUP_SECONDS, MIN_CLICK_DEDUP_SECONDS } from "../billing/dedup-click";
import { z } from "zod";
import { BRAND_GOALS } from "../brands/schemas";
import { NICHES } from "../creators/schemas";

const BriefDetails = z.strictObject({
  deliverables: z.string().trim().max(2000).optional(),
  dos: z.string().trim().max(2000).optional(),
  donts: z.string().trim().max(2000).optional(),
  dates: z.string().trim().max(500).optional(),
  usageRights: z.string().trim().max(1000).optional(),
});
const TimeZone = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, { error: "An IANA time zone, e.g. Europe/London" });

const Currency = z.string().regex(/^[A-Z]{3}$/, { error: "A 3-letter ISO currency code, e.g. GBP" });
const Minor = z.number().int({ error: "Whole minor units (cents, pence)" }).min(0).max(Number.MAX_SAFE_INTEGER);
const HttpsUrl = z.url({ protocol: /^https$/, error: "An https:// address" }).max(2000);
const UtmValue = z.string().trim().min(1).max(100).regex(/^[\w.-]+$/, { error: "Letters, numbers, dots, dashes and underscores" });

const CampaignFields = {
  brandId: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(2).max(120),
  pricingModel: z.enum(["cpc", "cpv", "cpp", "cpcall"]),
  cppMode: z.enum(["percent", "flat"]).optional(),
  rateMinor: Minor.optional(),
  rateBps: z.number().int().min(1).max(10_000).optional(),
  minCallSeconds: z.number().int().min(1).max(3600).optional(),
  currency: Currency,
  totalBudgetMinor: Minor.min(1),
  dailyBudgetMinor: Minor.min(1).optional(),
  attributionWindowDays: z.number().int().min(1).max(90).default(30),
  targetCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(250).default([]),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  fallbackUrl: HttpsUrl,
  utmSource: UtmValue.optional(),
  utmMedium: UtmValue.optional(),
  utmCampaign: UtmValue.optional(),
  openToMarketplace: z.boolean().default(false),
  niches: z.array(z.enum(NICHES)).max(5).default([]),
  brief: z.string().trim().max(4000).default(""),
  briefDetails: BriefDetails.default({}),
  audienceMin: z.number().int().min(0).max(2_000_000_000).optional(),
  audienceMax: z.number().int().min(1).max(2_000_000_000).optional(),
  platforms: z.array(z.enum(["youtube", "tiktok", "instagram", "x"])).max(4).default([]),
  goal: z.enum(BRAND_GOALS).optional(),
  timeZone: TimeZone.default("UTC"),
  landingUrls: z.array(HttpsUrl).max(10).default([]),
  /** Seconds within which one visitor's repeat clicks on a link are duplicates, never billed (ADR 015). */
  clickDedupSeconds: z.number().int().min(MIN_CLICK_DEDUP_SECONDS).max(MAX_CLICK_DEDUP_SECONDS).default(DEFAULT_CLICK_DEDUP_SECONDS),
};

/** The rate that each pricing model needs, and only that one. */
function checkPricing(c: { pricingModel?: string; cppMode?: string; rateMinor?: number; rateBps?: number; minCallSeconds?: number }, ctx: z.RefinementCtx) {
  const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (c.pricingModel === "cpp") {
    if (!c.cppMode) need("cppMode", "CPP needs cppMode: percent or flat");
    if (c.cppMode === "percent" && c.rateBps == null) need("rateBps", "A percentage in basis points, e.g. 1000 = 10 %");
    if (c.cppMode === "flat" && c.rateMinor == null) need("rateMinor", "A flat amount per purchase in minor units");
  } else if (c.pricingModel) {
    if (c.rateMinor == null) need("rateMinor", `A ${c.pricingModel.toUpperCase()} rate in minor units`);
    if (c.pricingModel === "cpcall" && c.minCallSeconds == null) need("minCallSeconds", "Calls shorter than this are not billed");
  }
}

export const CreateCampaignBody = z
  .strictObject(CampaignFields)
  .superRefine(checkPricing)
  .refine((c) => !c.startsAt || !c.endsAt || c.startsAt < c.endsAt, { path: ["endsAt"], error: "Must be after startsAt" })
  .refine((c) => !c.dailyBudgetMinor || c.dailyBudgetMinor <= c.totalBudgetMinor, { path: ["dailyBudgetMinor"], error: "Cannot exceed the total budget" })
  .refine((c) => c.audienceMin == null || c.audienceMax == null || c.audienceMin <= c.audienceMax, { path: ["audienceMax"], error: "Must be at least the minimum" });

export const UpdateCampaignBody = z.strictObject({
  name: CampaignFields.name.optional(),
  rateMinor: Minor.optional(),
  rateBps: CampaignFields.rateBps,
  totalBudgetMinor: Minor.min(1).optional(),
  dailyBudgetMinor: Minor.min(1).nullable().optional(),
  targetCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(250).optional(),
  attributionWindowDays: z.number().int().min(1).max(90).optional(),
  startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  fallbackUrl: HttpsUrl.optional(),
  openToMarketplace: z.boolean().optional(),
  niches: z.array(z.enum(NICHES)).max(5).optional(),
  brief: z.string().trim().max(4000).optional(),
  briefDetails: BriefDetails.optional(),
  audienceMin: z.number().int().min(0).max(2_000_000_000).nullable().optional(),
  audienceMax: z.number().int().min(1).max(2_000_000_000).nullable().optional(),
  platforms: z.array(z.enum(["youtube", "tiktok", "instagram", "x"])).max(4).optional(),
  goal: z.enum(BRAND_GOALS).optional(),
  timeZone: TimeZone.optional(),
  landingUrls: z.array(HttpsUrl).max(10).optional(),
  /** Fraud sensitivity: clicks scoring at or above this are invalid. Lower catches more. */
  fraudThreshold: z.number().min(0.2).max(0.95).optional(),
  /** Seconds within which one visitor's repeat clicks on a link are duplicates, never billed (ADR 015). */
  clickDedupSeconds: z.number().int().min(MIN_CLICK_DEDUP_SECONDS).max(MAX_CLICK_DEDUP_SECONDS).optional(),
});

export const CampaignActionBody = z.strictObject({ action: z.enum(["launch", "pause", "resume", "end"]) });

export const CampaignSchema = z.object({
  id: z.string(),
  brandId: z.string(),
  name: z.string(),
  pricingModel: z.enum(["cpc", "cpv", "cpp", "cpcall"]),
  cppMode: z.enum(["percent", "flat"]).nullable(),
  rateMinor: z.number().nullable(),
  rateBps: z.number().nullable(),
  minCallSeconds: z.number().nullable(),
  currency: z.string(),
  totalBudgetMinor: z.number(),
  dailyBudgetMinor: z.number().nullable(),
  attributionWindowDays: z.number(),
  targetCountries: z.array(z.string()),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  status: z.enum(["draft", "active", "paused", "ended"]),
  pausedReason: z.enum(["brand", "budget", "velocity"]).nullable(),
  fallbackUrl: z.string(),
  utm: z.object({ source: z.string(), medium: z.string(), campaign: z.string() }),
  openToMarketplace: z.boolean(),
  niches: z.array(z.string()),
  brief: z.string(),
  briefDetails: z.record(z.string(), z.string()),
  audienceMin: z.number().nullable(),
  audienceMax: z.number().nullable(),
  platforms: z.array(z.string()),
  goal: z.string().nullable(),
  timeZone: z.string(),
  landingUrls: z.array(z.string()),
  fraudThreshold: z.number(),
  clickDedupSeconds: z.number().int(),
  version: z.number(),
  createdAt: z.string(),
});

export const AddDomainBody = z.strictObject({
  domain: z
    .string()
    .max(253)
    .trim()
    .toLowerCase()
    .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { error: "A domain like shop.example.com (no https://, no path)" }),
});
export const DomainSchema = z.object({
  id: z.string(),
  domain: z.string(),
  /** Links and campaigns may send visitors here only once the TXT record below was found. */
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
  /** The DNS record that proves the brand owns the domain. */
  verification: z.object({ type: z.literal("TXT"), name: z.string(), value: z.string() }),
  createdAt: z.string(),
});

const Money = z.number().int();
export const CampaignStatsSchema = z.object({
  campaignId: z.string(),
  currency: z.string(),
  status: z.enum(["draft", "active", "paused", "ended"]),
  budget: z.object({ totalMinor: Money, dailyMinor: Money.nullable(), spentMinor: Money, spentTodayMinor: Money }),
  clicks: z.number().int(),
  validClicks: z.number().int(),
  invalidClicks: z.number().int(),
  /** Repeat clicks by one visitor inside the deduplication window: valid, never billed. */
  duplicateClicks: z.number().int(),
  uniqueClicks: z.number().int(),
  views: z.number().int(),
  conversions: z.number().int(),
  revenue: Money,
  spend: Money,
  roi: z.number().nullable(),
  byCreator: z.array(
    z.object({
      creatorId: z.string(),
      handle: z.string().nullable(),
      displayName: z.string().nullable(),
      clicks: z.number().int(),
      validClicks: z.number().int(),
      invalidClicks: z.number().int(),
      duplicateClicks: z.number().int(),
      conversions: z.number().int(),
      revenue: Money,
      spend: Money,
      roi: z.number().nullable(),
    }),
  ),
  series: z.array(z.object({ hour: z.string(), validClicks: z.number().int(), invalidClicks: z.number().int(), duplicateClicks: z.number().int(), conversions: z.number().int() })),
  alerts: z.array(z.object({ kind: z.string(), message: z.string(), at: z.string() })),
});

export const FraudPreviewQuery = z.object({ threshold: z.coerce.number().min(0.2).max(0.95), days: z.coerce.number().int().min(1).max(30).default(7) });
export const FraudReportSchema = z.object({
  threshold: z.number(),
  days: z.number().int(),
  clicks: z.number().int(),
  invalid: z.number().int(),
  reasons: z.array(z.object({ reason: z.string(), clicks: z.number().int() })),
  byLink: z.array(z.object({ linkId: z.string(), creatorId: z.string().nullable(), handle: z.string().nullable(), clicks: z.number().int(), invalid: z.number().int(), topReasons: z.array(z.string()) })),
});
export const FraudPreviewSchema = z.object({
  current: z.object({ threshold: z.number(), invalid: z.number().int() }),
  proposed: z.object({ threshold: z.number(), invalid: z.number().int() }),
  clicks: z.number().int(),
  newlyInvalid: z.number().int(),
  newlyValid: z.number().int(),
  days: z.number().int(),
});

export const DisputeBody = z.strictObject({
  creatorId: z.string().min(1).max(64),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(3).max(1000),
});
export const DisputeSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  creatorId: z.string(),
  creatorHandle: z.string().nullable().optional(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  outcome: z.object({
    clicks: z.number().int(),
    rescored: z.number().int(),
    notRescorable: z.number().int(),
    invalidBefore: z.number().int(),
    invalidNow: z.number().int(),
    chargesCredited: z.number().int(),
    reasons: z.array(z.object({ reason: z.string(), clicks: z.number().int() })),
  }),
  creditedMinor: z.number().int(),
  currency: z.string(),
  createdAt: z.string(),
});

export const ForecastBody = z.strictObject({
  brandId: z.string().min(1).max(64).optional(),
  pricingModel: z.enum(["cpc", "cpv", "cpp", "cpcall"]),
  cppMode: z.enum(["percent", "flat"]).optional(),
  rateMinor: Minor.optional(),
  rateBps: z.number().int().min(1).max(10_000).optional(),
  totalBudgetMinor: Minor.min(1),
  dailyBudgetMinor: Minor.min(1).optional(),
});
const RangeSchema = z.object({ low: z.number(), mid: z.number(), high: z.number() });
export const ForecastSchema = z.object({
  basis: z.enum(["brand", "platform", "prior"]),
  sampleDays: z.number().int(),
  confidence: z.enum(["low", "medium", "high"]),
  daily: z.record(z.string(), RangeSchema),
  daysUntilBudgetRunsOut: z.object({ low: z.number().nullable(), mid: z.number().nullable(), high: z.number().nullable() }),
  cappedByDailyBudget: z.boolean(),
});
