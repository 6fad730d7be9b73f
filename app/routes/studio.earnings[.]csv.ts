import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { api } from "../lib/api.server";
import { requireCreator } from "../lib/creator.server";
import { csvResponse, decimal } from "../lib/csv.server";
import { fractionDigits } from "../lib/money";

interface Earnings {
  campaigns: { name: string; brandName: string; currency: string; earnedMinor: number; validClicks: number; conversions: number; epcMinor: number | null; links: { url: string }[] }[];
}

/** CSV of the creator's earnings per campaign. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCreator(context, request);
  const res = await api<Earnings>(context, request, "/api/v1/earnings");
  const rows = (res.ok ? res.data.campaigns : []).map((c) => {
    const d = fractionDigits(c.currency);
    return { campaign: c.name, brand: c.brandName, currency: c.currency, earned: decimal(c.earnedMinor, d), valid_clicks: c.validClicks, conversions: c.conversions, epc: c.epcMinor == null ? "" : decimal(c.epcMinor, d), links: c.links.map((l) => l.url).join(" ") };
  });
  return csvResponse("earnings.csv", rows, ["campaign", "brand", "currency", "earned", "valid_clicks", "conversions", "epc", "links"]);
}
