import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BudgetMeter } from "../components/budget-meter";
import { ClicksChart } from "../components/clicks-chart";
import { DisputesPanel, type Dispute } from "../components/disputes-panel";
import { FraudControls, type FraudReport } from "../components/fraud-controls";
import { StatusBadge } from "../components/status-badge";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input } from "../components/ui/field";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { MODEL_LABEL, rate, type Campaign, type CampaignStats } from "../lib/campaigns";
import { formatMoney } from "../lib/money";
import { useLive } from "../lib/use-live";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.campaign.name ?? "Campaign"} · Brand console · Tandem` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const id = encodeURIComponent(params.campaignId!);
  const [campaign, stats, fraud, disputes] = await Promise.all([
    api<Campaign>(context, request, `/api/v1/campaigns/${id}`),
    api<CampaignStats>(context, request, `/api/v1/campaigns/${id}/stats?hours=48`),
    api<FraudReport>(context, request, `/api/v1/campaigns/${id}/fraud?days=7`),
    api<{ disputes: Dispute[] }>(context, request, `/api/v1/campaigns/${id}/disputes`),
  ]);
  if (!campaign.ok || !stats.ok || !fraud.ok || !disputes.ok) throw new Response("Not found", { status: 404 });
  return { campaign: campaign.data, stats: stats.data, fraud: fraud.data, disputes: disputes.data.disputes, canManage: brand.role !== "member" };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireBrand(context, request);
  const form = await readForm(request);
  const id = encodeURIComponent(params.campaignId!);
  if (form.get("intent") === "invite") {
    const res = await api(context, request, `/api/v1/campaigns/${id}/invites`, { method: "POST", body: { handle: String(form.get("handle") ?? ""), note: String(form.get("note") ?? "") || undefined } });
    return res.ok ? { ok: true, invited: String(form.get("handle")) } : { ok: false, message: res.problem.detail };
  }
  if (form.get("intent") === "dedup") {
    const res = await api(context, request, `/api/v1/campaigns/${id}`, { method: "PATCH", body: { clickDedupSeconds: Number(form.get("clickDedupSeconds")) } });
    return res.ok ? { ok: true } : { ok: false, message: res.problem.detail };
  }
  if (form.get("intent") === "dispute") {
    const utc = (v: FormDataEntryValue | null) => (v ? `${String(v)}:00Z` : "");
    const res = await api(context, request, `/api/v1/campaigns/${id}/disputes`, { method: "POST", body: { creatorId: String(form.get("creatorId") ?? ""), from: utc(form.get("from")), to: utc(form.get("to")), reason: String(form.get("reason") ?? "") } });
    return res.ok ? { ok: true, disputed: true } : { ok: false, message: res.problem.errors?.[0] ? `${res.problem.detail} (${res.problem.errors[0].message})` : res.problem.detail };
  }
  if (form.get("intent") === "threshold") {
    const res = await api(context, request, `/api/v1/campaigns/${id}`, { method: "PATCH", body: { fraudThreshold: Number(form.get("threshold")) } });
    return res.ok ? { ok: true } : { ok: false, message: res.problem.detail };
  }
  const res = await api(context, request, `/api/v1/campaigns/${id}/status`, { method: "POST", body: { action: String(form.get("action")) } });
  return res.ok ? { ok: true } : { ok: false, message: res.problem.detail, verifyDomains: res.problem.code === "domain_unverified", topUp: res.problem.code === "insufficient_funds" };
}

/** The deduplication window in words: "1 h", "10 min". */
const dedupWindow = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`);

const ACTIONS: Record<Campaign["status"], { action: string; label: string; variant: "primary" | "secondary" | "danger" }[]> = {
  draft: [{ action: "end", label: "Discard", variant: "secondary" }],
  active: [{ action: "pause", label: "Pause", variant: "secondary" }, { action: "end", label: "End campaign", variant: "secondary" }],
  paused: [{ action: "resume", label: "Resume", variant: "primary" }, { action: "end", label: "End campaign", variant: "secondary" }],
  ended: [],
};

export default function CampaignPage() {
  const { campaign: c, stats: s, fraud, disputes, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { ok: boolean; message?: string; invited?: string; verifyDomains?: boolean; topUp?: boolean } | undefined;
  const busy = useNavigation().state !== "idle";
  useLive(2_500);
  const money = (m: number) => formatMoney(m, c.currency);
  const cpa = s.conversions ? money(Math.round(s.spend / s.conversions)) : "—";
  const kpis = [
    { label: "Valid clicks", value: s.validClicks.toLocaleString("en"), sub: `${s.uniqueClicks.toLocaleString("en")} unique` },
    { label: "Duplicates", value: s.duplicateClicks.toLocaleString("en"), sub: `repeats within ${dedupWindow(c.clickDedupSeconds)}, not billed` },
    { label: "Invalid", value: s.invalidClicks.toLocaleString("en"), sub: s.clicks ? `${((s.invalidClicks / s.clicks) * 100).toFixed(1)} % of clicks, not billed` : "not billed" },
    { label: "Views", value: s.views.toLocaleString("en"), sub: "pixel, one per visitor per hour" },
    { label: "Conversions", value: s.conversions.toLocaleString("en"), sub: `CPA ${cpa}` },
    { label: "Revenue", value: money(s.revenue), sub: "reported sales, net of refunds" },
    { label: "Spend", value: money(s.spend), sub: `ROI ${s.roi == null ? "—" : `${(s.roi * 100).toFixed(0)} %`}` },
  ];
  return (
    <>
      <p className="small" style={{ marginBottom: "var(--space-3)" }}><Link to="/brand/campaigns">← All campaigns</Link></p>
      <div className="page-head spread">
        <div>
          <h1>{c.name}</h1>
          <p className="row" style={{ gap: "var(--space-2)" }}>
            <StatusBadge status={c.status} reason={c.pausedReason} />
            <span>{MODEL_LABEL[c.pricingModel]} · {rate(c)} · {c.attributionWindowDays}-day window{c.targetCountries.length ? ` · ${c.targetCountries.join(", ")}` : ""}</span>
          </p>
        </div>
        {canManage && ACTIONS[c.status].length > 0 && (
          <div className="row">
            {c.status === "draft" && <Button to={`/brand/campaigns/${c.id}/setup?step=2`}>Continue setup</Button>}
            {ACTIONS[c.status].map((a) => (
              <Form method="post" key={a.action}>
                <input type="hidden" name="action" value={a.action} />
                <Button variant={a.variant} type="submit" disabled={busy}>{a.label}</Button>
              </Form>
            ))}
          </div>
        )}
      </div>
      {result && !result.ok && <div className="alert alert-error" role="alert" style={{ marginBottom: "var(--space-4)" }}>{result.message}{result.verifyDomains && <> <Link to="/brand/settings#domains">Open Settings → Domains</Link></>}{result.topUp && <> <Link to="/brand/wallet">Top up the wallet</Link></>}</div>}
      {c.status === "paused" && c.pausedReason !== "brand" && s.alerts[0] && (
        <div className="alert alert-error" role="alert" style={{ marginBottom: "var(--space-4)" }}>
          <strong>{new Date(s.alerts[0].at).toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC.</strong> {s.alerts[0].message}
        </div>
      )}
      {s.alerts.filter((a) => a.kind === "reconciliation_drift" && Date.now() - Date.parse(a.at) < 86_400_000).slice(0, 1).map((a) => (
        <div key={a.at} className="alert alert-error" role="alert" style={{ marginBottom: "var(--space-4)" }}>
          <strong>Records check, {new Date(a.at).toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC.</strong> {a.message}
        </div>
      ))}
      <div className="stack" style={{ gap: "var(--space-4)" }}>
        <Card>
          <div className="spread"><h2>Budget</h2><span className="muted small">Updated live · today {money(s.budget.spentTodayMinor)}{s.budget.dailyMinor ? ` of ${money(s.budget.dailyMinor)}` : ""}</span></div>
          <BudgetMeter spent={s.spend} total={s.budget.totalMinor} currency={c.currency} />
        </Card>
        <div className="kpis">
          {kpis.map((k) => (
            <div className="kpi" key={k.label}>
              <div className="label">{k.label}</div>
              <div className="value">{k.value}</div>
              <div className="sub">{k.sub}</div>
            </div>
          ))}
        </div>
        <Card>
          <div className="spread"><h2>Clicks per hour</h2><a className="small" href={`/brand/campaigns/${c.id}/export.csv?table=hours`} download>Download CSV</a></div>
          <ClicksChart series={s.series} hours={48} />
        </Card>
        {canManage && c.status !== "ended" && (
          <Card>
            <h2>Invite a creator</h2>
            {result?.invited && <div className="alert alert-success" role="status">Invited {result.invited}. They were notified in the app and by email.</div>}
            <Form method="post" className="row" style={{ alignItems: "flex-end" }} key={result?.invited ?? "invite"}>
              <input type="hidden" name="intent" value="invite" />
              <div style={{ flex: "1 1 10rem" }}><Input label="Creator handle" name="handle" prefix="@" required /></div>
              <div style={{ flex: "2 1 16rem" }}><Input label="Note (optional)" name="note" placeholder="Why you'd love to work with them" /></div>
              <Button type="submit" disabled={busy}>Send invite</Button>
            </Form>
          </Card>
        )}
        <FraudControls key={`${fraud.threshold}-${c.clickDedupSeconds}`} report={fraud} campaignId={c.id} canManage={canManage} dedupSeconds={c.clickDedupSeconds} />
        <DisputesPanel disputes={disputes} creators={s.byCreator} canManage={canManage} busy={busy} />
        <Card>
          <div className="spread"><h2>Creators</h2><a className="small" href={`/brand/campaigns/${c.id}/export.csv?table=creators`} download>Download CSV</a></div>
          {s.byCreator.length === 0 ? (
            <div className="empty"><strong>No traffic yet</strong>Clicks on your creators' links show up here within seconds.</div>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr><th>Creator</th><th className="num">Valid clicks</th><th className="num">Duplicates</th><th className="num">Invalid</th><th className="num">Conversions</th><th className="num">Revenue</th><th className="num">Spend</th><th className="num">ROI</th></tr>
                </thead>
                <tbody>
                  {s.byCreator.map((r) => (
                    <tr key={r.creatorId}>
                      <td>{r.displayName ?? "Unknown"} <span className="muted">{r.handle ? `@${r.handle}` : ""}</span></td>
                      <td className="num">{r.validClicks.toLocaleString("en")}</td>
                      <td className="num">{r.duplicateClicks.toLocaleString("en")}</td>
                      <td className="num">{r.invalidClicks.toLocaleString("en")}</td>
                      <td className="num">{r.conversions.toLocaleString("en")}</td>
                      <td className="num">{money(r.revenue)}</td>
                      <td className="num">{money(r.spend)}</td>
                      <td className="num">{r.roi == null ? "—" : `${(r.roi * 100).toFixed(0)} %`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
