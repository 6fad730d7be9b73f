import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { BudgetMeter } from "../components/budget-meter";
import { StatusBadge } from "../components/status-badge";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { MODEL_LABEL, rate, type Campaign, type CampaignStats } from "../lib/campaigns";

export const meta: MetaFunction = () => [{ title: "Campaigns · Brand console · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const list = await api<{ items: Campaign[] }>(context, request, `/api/v1/campaigns?brandId=${brand.id}`);
  const campaigns = list.ok ? list.data.items : [];
  const stats = await Promise.all(campaigns.map((c) => api<CampaignStats>(context, request, `/api/v1/campaigns/${c.id}/stats?hours=24`)));
  return {
    canManage: brand.role !== "member",
    rows: campaigns.map((c, i) => ({ campaign: c, stats: stats[i]!.ok ? (stats[i] as { data: CampaignStats }).data : null })),
  };
}

export default function Campaigns() {
  const { rows, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head spread">
        <div>
          <h1>Campaigns</h1>
          <p>Spend against budget, traffic and what it turned into, per campaign.</p>
        </div>
        <div className="row">
          {rows.length > 0 && <a className="small" href="/brand/campaigns.csv" download>Download CSV</a>}
          {canManage && <Button to="/brand/campaigns/new">New campaign</Button>}
        </div>
      </div>
      <Card>
        {rows.length === 0 ? (
          <div className="empty">
            <strong>No campaigns yet</strong>
            Pick how you pay creators (per click, view, purchase or call), set a budget, and launch.
            {canManage && <div style={{ marginTop: "var(--space-4)" }}><Button to="/brand/campaigns/new">Create your first campaign</Button></div>}
          </div>
        ) : (
          rows.map(({ campaign: c, stats }) => (
            <Link key={c.id} to={`/brand/campaigns/${c.id}`} className="campaign-row">
              <div className="spread">
                <strong>{c.name}</strong>
                <StatusBadge status={c.status} reason={c.pausedReason} />
              </div>
              <div className="muted small">{MODEL_LABEL[c.pricingModel]} · {rate(c)}{stats ? ` · ${stats.validClicks} valid clicks · ${stats.conversions} conversions` : ""}</div>
              <BudgetMeter spent={stats?.spend ?? 0} total={c.totalBudgetMinor} currency={c.currency} />
            </Link>
          ))
        )}
      </Card>
    </>
  );
}
