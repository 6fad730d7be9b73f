import type { campaigns } from "../db/pg/schema";

export type CampaignRow = typeof campaigns.$inferSelect;

export const campaignRecord = (c: CampaignRow) => ({
  id: c.id,
  brandId: c.brandId,
  name: c.name,
  pricingModel: c.pricingModel,
  cppMode: c.cppMode,
  rateMinor: c.rateMinor,
  rateBps: c.rateBps,
  minCallSeconds: c.minCallSeconds,
  currency: c.currency,
  totalBudgetMinor: c.totalBudgetMinor,
  dailyBudgetMinor: c.dailyBudgetMinor,
  attributionWindowDays: c.attributionWindowDays,
  targetCountries: c.targetCountries,
  startsAt: c.startsAt?.toISOString() ?? null,
  endsAt: c.endsAt?.toISOString() ?? null,
  status: c.status,
  pausedReason: c.pausedReason,
  fallbackUrl: c.fallbackUrl,
  utm: { source: c.utmSource, medium: c.utmMedium, campaign: c.utmCampaign },
  openToMarketplace: c.openToMarketplace,
  niches: c.niches,
  brief: c.brief,
  landingUrls: c.landingUrls,
  fraudThreshold: c.fraudThresholdMilli / 1000,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
});
