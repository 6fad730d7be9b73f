import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import type { CampaignStats } from "../lib/campaigns";
import { csvResponse, decimal } from "../lib/csv.server";
import { fractionDigits } from "../lib/money";

/** CSV of a campaign's tables: ?table=creators (default), hours (the time series) or flagged. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireBrand(context, request);
  const id = encodeURIComponent(params.campaignId!);
  const table = new URL(request.url).searchParams.get("table") ?? "creators";
  if (table === "flagged") {
    const res = await api<{ byLink: { handle: string | null; clicks: number; invalid: number; topReasons: string[] }[] }>(context, request, `/api/v1/campaigns/${id}/fraud?days=30`);
    if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
    return csvResponse(`campaign-${params.campaignId}-flagged.csv`, res.data.byLink.map((l) => ({ creator: l.handle ? `@${l.handle}` : "", clicks: l.clicks, flagged: l.invalid, reasons: l.topReasons.join("; ") })), ["creator", "clicks", "flagged", "reasons"]);
  }
  const res = await api<CampaignStats>(context, request, `/api/v1/campaigns/${id}/stats?hours=720`);
  if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
  const d = fractionDigits(res.data.currency);
  if (table === "hours") {
    return csvResponse(`campaign-${params.campaignId}-hourly.csv`, res.data.series.map((s) => ({ hour_utc: s.hour, valid_clicks: s.validClicks, invalid_clicks: s.invalidClicks, conversions: s.conversions })), ["hour_utc", "valid_clicks", "invalid_clicks", "conversions"]);
  }
  return csvResponse(
    `campaign-${params.campaignId}-creators.csv`,
    res.data.byCreator.map((c) => ({ creator: c.displayName ?? "", handle: c.handle ?? "", valid_clicks: c.validClicks, invalid_clicks: c.invalidClicks, conversions: c.conversions, [`revenue_${res.data.currency}`]: decimal(c.revenue, d), [`spend_${res.data.currency}`]: decimal(c.spend, d), roi: c.roi == null ? "" : c.roi.toFixed(4) })),
    ["creator", "handle", "valid_clicks", "invalid_clicks", "conversions", `revenue_${res.data.currency}`, `spend_${res.data.currency}`, "roi"],
  );
}
