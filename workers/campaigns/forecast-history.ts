import { and, eq, gte, sql } from "drizzle-orm";
import { campaigns, linkMinutes } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import type { History } from "./forecast";

const DAY = 86_400_000;

/** Daily volume and conversion history of comparable campaigns: the brand's if it has a week of it, else everyone's. */
export async function forecastHistory(deps: Deps, brandId: string, pricingModel: "cpc" | "cpv" | "cpp" | "cpcall"): Promise<History> {
  const pg = await deps.pg();
  const since = new Date(deps.now() - 90 * DAY);
  const volume = pricingModel === "cpv" ? linkMinutes.views : linkMinutes.validClicks;
  const query = (onlyBrand: boolean) =>
    pg
      .select({
        day: sql<string>`date_trunc('day', ${linkMinutes.minute})::text`,
        campaignId: linkMinutes.campaignId,
        volume: sql<number>`sum(${volume})::int`,
        clicks: sql<number>`sum(${linkMinutes.validClicks})::int`,
        conversions: sql<number>`sum(${linkMinutes.conversions})::int`,
        revenue: sql<number>`sum(${linkMinutes.revenueMinor})::bigint`,
      })
      .from(linkMinutes)
      .innerJoin(campaigns, eq(campaigns.id, linkMinutes.campaignId))
      .where(and(gte(linkMinutes.minute, since), eq(campaigns.pricingModel, pricingModel), ...(onlyBrand ? [eq(campaigns.brandId, brandId)] : [])))
      .groupBy(sql`1`, linkMinutes.campaignId);
  let basis: History["basis"] = "brand";
  let rows = await query(true);
  if (rows.length < 7) {
    basis = "platform";
    rows = await query(false);
  }
  // Fewer than three campaign-days says more about chance than about campaigns like this one.
  if (rows.length < 3) return { basis: "prior", dailyVolume: [], conversions: 0, clicks: 0, averageOrderMinor: null };
  const conversions = rows.reduce((a, r) => a + r.conversions, 0);
  const revenue = rows.reduce((a, r) => a + Number(r.revenue), 0);
  return {
    basis,
    dailyVolume: rows.map((r) => r.volume).filter((v) => v > 0),
    conversions,
    clicks: rows.reduce((a, r) => a + r.clicks, 0),
    averageOrderMinor: conversions > 0 && revenue > 0 ? Math.round(revenue / conversions) : null,
  };
}
