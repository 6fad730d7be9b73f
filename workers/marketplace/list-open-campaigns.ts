import { and, arrayOverlaps, desc, eq, inArray, sql } from "drizzle-orm";
import { brands, campaigns, collaborations } from "../db/pg/schema";
import { campaignRecord } from "../campaigns/campaign-record";
import { creatorAudience, eligibility } from "./eligibility";
import type { Deps } from "../lib/context";

export interface MarketplaceFilters {
  niche?: string;
  pricingModel?: "cpc" | "cpv" | "cpp" | "cpcall";
  industry?: string;
  sort: "newest" | "payout";
}

/** Launched campaigns open to every creator, with whether this creator has already joined. */
export async function listOpenCampaigns(deps: Deps, creatorId: string, f: MarketplaceFilters) {
  const pg = await deps.pg();
  const where = [eq(campaigns.status, "active"), eq(campaigns.openToMarketplace, true)];
  if (f.niche) where.push(arrayOverlaps(campaigns.niches, [f.niche]));
  if (f.pricingModel) where.push(eq(campaigns.pricingModel, f.pricingModel));
  if (f.industry) where.push(eq(brands.industry, f.industry));
  const rows = await pg
    .select({ c: campaigns, brandName: brands.name, industry: brands.industry })
    .from(campaigns)
    .innerJoin(brands, eq(brands.id, campaigns.brandId))
    .where(and(...where))
    .orderBy(f.sort === "payout" ? desc(sql`coalesce(${campaigns.rateMinor}, 0) + coalesce(${campaigns.rateBps}, 0)`) : desc(campaigns.createdAt))
    .limit(100);
  const ids = rows.map((r) => r.c.id);
  const mine = ids.length
    ? await pg.select({ campaignId: collaborations.campaignId, status: collaborations.status }).from(collaborations).where(and(eq(collaborations.creatorId, creatorId), inArray(collaborations.campaignId, ids)))
    : [];
  const audience = await creatorAudience(deps, creatorId);
  return rows.map(({ c, brandName, industry }) => {
    const { id, name, pricingModel, cppMode, rateMinor, rateBps, minCallSeconds, currency, niches, brief, briefDetails, landingUrls } = campaignRecord(c);
    return {
      id,
      name,
      brand: { id: c.brandId, name: brandName, industry },
      pricingModel,
      cppMode,
      rateMinor,
      rateBps,
      minCallSeconds,
      currency,
      niches,
      brief,
      briefDetails,
      pages: landingUrls.length,
      ...eligibility(c, audience),
      collaboration: mine.find((m) => m.campaignId === c.id)?.status ?? null,
    };
  });
}
