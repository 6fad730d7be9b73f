import type { z } from "zod";
import { campaignRates, campaigns } from "../db/pg/schema";
import { assertBrandDestination } from "../brands/domains";
import type { Deps } from "../lib/context";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { campaignRecord } from "./campaign-record";
import type { CreateCampaignBody } from "./schemas";
import { syncCampaignEdge } from "./sync-campaign-edge";

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "campaign";

/** Creates a draft campaign; only the fields its pricing model uses are kept. */
export async function createCampaign(deps: Deps, tenant: BrandTenant, input: z.infer<typeof CreateCampaignBody>) {
  // A draft sends no visitor anywhere: its domains may still await their DNS proof (checked at launch).
  const draft = { allowUnverified: true };
  const fallbackUrl = await assertBrandDestination(deps, tenant.brandId, input.fallbackUrl, "body.fallbackUrl", draft);
  const landingUrls = await Promise.all(input.landingUrls.map((u, i) => assertBrandDestination(deps, tenant.brandId, u, `body.landingUrls.${i}`, draft)));
  const cpp = input.pricingModel === "cpp";
  const pg = await deps.pg();
  const [row] = await pg
    .insert(campaigns)
    .values({
      id: newId("campaign"),
      brandId: tenant.brandId,
      name: input.name,
      pricingModel: input.pricingModel,
      cppMode: cpp ? input.cppMode! : null,
      rateMinor: cpp && input.cppMode === "percent" ? null : input.rateMinor!,
      rateBps: cpp && input.cppMode === "percent" ? input.rateBps! : null,
      minCallSeconds: input.pricingModel === "cpcall" ? input.minCallSeconds! : null,
      currency: input.currency,
      totalBudgetMinor: input.totalBudgetMinor,
      dailyBudgetMinor: input.dailyBudgetMinor ?? null,
      attributionWindowDays: input.attributionWindowDays,
      targetCountries: input.targetCountries,
      startsAt: input.startsAt ? new Date(input.startsAt) : null,
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
      fallbackUrl,
      utmSource: input.utmSource ?? "tandem",
      utmMedium: input.utmMedium ?? "affiliate",
      utmCampaign: input.utmCampaign ?? slug(input.name),
      openToMarketplace: input.openToMarketplace,
      niches: input.niches,
      brief: input.brief,
      briefDetails: input.briefDetails,
      audienceMin: input.audienceMin ?? null,
      audienceMax: input.audienceMax ?? null,
      platforms: input.platforms,
      goal: input.goal ?? null,
      timeZone: input.timeZone,
      landingUrls,
      clickDedupSeconds: input.clickDedupSeconds,
    })
    .returning();
  await pg.insert(campaignRates).values({ id: newId("rate"), campaignId: row!.id, effectiveFrom: row!.createdAt, rateMinor: row!.rateMinor, rateBps: row!.rateBps });
  await syncCampaignEdge(deps.db, row!);
  return campaignRecord(row!);
}
