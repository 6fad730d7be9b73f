import type { Campaign, CampaignStats } from "./campaigns";
import { csvResponse, decimal } from "./csv.server";
import { fractionDigits } from "./money";

/** The brand's campaigns as CSV: budget, spend and traffic (`stats[i]` is campaign i's, null when unavailable). */
export function campaignsCsv(items: Campaign[], stats: (CampaignStats | null)[]) {
  const rows = items.map((c, i) => {
    const s = stats[i] ?? null;
    const d = fractionDigits(c.currency);
    return { campaign: c.name, status: c.status, pricing: c.pricingModel, currency: c.currency, budget: decimal(c.totalBudgetMinor, d), spent: decimal(s?.spend ?? 0, d), valid_clicks: s?.validClicks ?? 0, invalid_clicks: s?.invalidClicks ?? 0, conversions: s?.conversions ?? 0, revenue: decimal(s?.revenue ?? 0, d) };
  });
  return csvResponse("campaigns.csv", rows, ["campaign", "status", "pricing", "currency", "budget", "spent", "valid_clicks", "invalid_clicks", "conversions", "revenue"]);
}
