import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import type { Campaign, CampaignStats } from "../lib/campaigns";
import { csvResponse, decimal } from "../lib/csv.server";
import { fractionDigits } from "../lib/money";

/** CSV of the brand's campaigns with budget, spend and traffic. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const list = await api<{ items: Campaign[] }>(context, request, `/api/v1/campaigns?brandId=${brand.id}`);
  const items = list.ok ? list.data.items : [];
  const stats = await Promise.all(items.map((c) => api<CampaignStats>(context, request, `/api/v1/campaigns/${c.id}/stats?hours=24`)));
  const rows = items.map((c, i) => {
    const s = stats[i]!.ok ? (stats[i] as { data: CampaignStats }).data : null;
    const d = fractionDigits(c.currency);
    return { campaign: c.name, status: c.status, pricing: c.pricingModel, currency: c.currency, budget: decimal(c.totalBudgetMinor, d), spent: decimal(s?.spend ?? 0, d), valid_clicks: s?.validClicks ?? 0, invalid_clicks: s?.invalidClicks ?? 0, conversions: s?.conversions ?? 0, revenue: decimal(s?.revenue ?? 0, d) };
  });
  return csvResponse("campaigns.csv", rows, ["campaign", "status", "pricing", "currency", "budget", "spent", "valid_clicks", "invalid_clicks", "conversions", "revenue"]);
}
