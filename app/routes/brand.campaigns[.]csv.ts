import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import type { Campaign, CampaignStats } from "../lib/campaigns";
import { campaignsCsv } from "../lib/campaigns-csv";

/** CSV of the brand's campaigns with budget, spend and traffic. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const list = await api<{ items: Campaign[] }>(context, request, `/api/v1/campaigns?brandId=${brand.id}`);
  const items = list.ok ? list.data.items : [];
  const stats = await Promise.all(items.map((c) => api<CampaignStats>(context, request, `/api/v1/campaigns/${c.id}/stats?hours=24`)));
  return campaignsCsv(items, stats.map((s) => (s.ok ? s.data : null)));
}
