import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { LinkShare } from "../components/link-share";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Select } from "../components/ui/field";
import { api } from "../lib/api.server";
import { BRIEF_FIELDS } from "../lib/brief";
import { MODEL_LABEL } from "../lib/campaigns";
import { requireCreator } from "../lib/creator.server";
import { formatMoney } from "../lib/money";
import { industryOptions, nicheOptions } from "../lib/options";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Marketplace · Creator studio · Tandem" }];

interface Offer {
  id: string;
  name: string;
  brand: { id: string; name: string; industry: string };
  pricingModel: "cpc" | "cpv" | "cpp" | "cpcall";
  cppMode: "percent" | "flat" | null;
  rateMinor: number | null;
  rateBps: number | null;
  currency: string;
  niches: string[];
  brief: string;
  briefDetails: Record<string, string>;
  pages: number;
  eligible: boolean;
  reason: string | null;
  collaboration: string | null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCreator(context, request);
  const q = new URL(request.url).searchParams;
  const params = new URLSearchParams();
  for (const k of ["niche", "pricingModel", "industry", "sort"]) if (q.get(k)) params.set(k, q.get(k)!);
  const res = await api<{ items: Offer[] }>(context, request, `/api/v1/marketplace/campaigns?${params}`);
  return { offers: res.ok ? res.data.items : [], error: res.ok ? null : res.problem.detail };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireCreator(context, request);
  const form = await readForm(request);
  const id = String(form.get("campaignId"));
  const res = await api<{ links: { code: string; url: string; destination: string }[] }>(context, request, `/api/v1/campaigns/${encodeURIComponent(id)}/accept`, { method: "POST" });
  return res.ok ? { campaignId: id, links: res.data.links } : { campaignId: id, message: res.problem.detail };
}

const payout = (o: Offer) =>
  o.pricingModel === "cpp" && o.cppMode === "percent"
    ? `${((o.rateBps ?? 0) / 100).toFixed(1).replace(/\.0$/, "")} % of each sale`
    : `${formatMoney(o.rateMinor ?? 0, o.currency)} per ${o.pricingModel === "cpc" ? "click" : o.pricingModel === "cpv" ? "view" : o.pricingModel === "cpp" ? "sale" : "call"}`;

export default function Marketplace() {
  const { offers, error } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { campaignId: string; links?: { code: string; url: string; destination: string }[]; message?: string } | undefined;
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  return (
    <>
      <div className="page-head">
        <h1>Marketplace</h1>
        <p>Campaigns open to every creator. Join one to get your own tracked links; earnings land in your ledger as your audience clicks and buys. Creators keep 80 % of what brands pay.</p>
      </div>
      <Form method="get" className="filters">
        <Select label="Niche" name="niche" options={nicheOptions} placeholder="Any niche" defaultValue={params.get("niche") ?? ""} />
        <Select label="Paid" name="pricingModel" options={Object.entries(MODEL_LABEL).map(([value, label]) => ({ value, label }))} placeholder="Any way" defaultValue={params.get("pricingModel") ?? ""} />
        <Select label="Brand category" name="industry" options={industryOptions} placeholder="Any category" defaultValue={params.get("industry") ?? ""} />
        <Select label="Sort" name="sort" options={[{ value: "newest", label: "Newest" }, { value: "payout", label: "Highest payout" }]} defaultValue={params.get("sort") ?? "newest"} />
        <Button type="submit" variant="secondary">Apply</Button>
      </Form>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      {offers.length === 0 ? (
        <Card><div className="empty"><strong>No campaigns match</strong>Try another niche or payout type; new campaigns appear here as brands launch them.</div></Card>
      ) : (
        <div className="grid">
          {offers.map((o) => {
            const joined = o.collaboration === "accepted" || result?.campaignId === o.id && result.links;
            return (
              <Card key={o.id} className="offer" data-testid={`offer-${o.id}`}>
                <span className="muted small">{o.brand.name}</span>
                <h2 style={{ margin: 0 }}>{o.name}</h2>
                <span className="payout">{payout(o)}</span>
                <span className="muted small">{MODEL_LABEL[o.pricingModel]} · {o.pages} page{o.pages === 1 ? "" : "s"} to promote{o.niches.length ? ` · ${o.niches.join(", ")}` : ""}</span>
                {o.brief && <p className="small" style={{ margin: 0 }}>{o.brief}</p>}
                {BRIEF_FIELDS.some((f) => o.briefDetails[f.name]) && (
                  <details className="small">
                    <summary>Full brief</summary>
                    <dl style={{ margin: "var(--space-2) 0 0" }}>
                      {BRIEF_FIELDS.filter((f) => o.briefDetails[f.name]).map((f) => (
                        <div key={f.name} style={{ marginBottom: "var(--space-2)" }}><dt style={{ fontWeight: 600 }}>{f.label}</dt><dd style={{ margin: 0 }}>{o.briefDetails[f.name]}</dd></div>
                      ))}
                    </dl>
                  </details>
                )}
                {result?.campaignId === o.id && result.message && <div className="alert alert-error" role="alert">{result.message}</div>}
                {result?.campaignId === o.id && result.links ? (
                  <div className="stack" style={{ gap: "var(--space-2)" }}>
                    <div className="alert alert-success" role="status">You joined. Share these links:</div>
                    {result.links.map((l) => <LinkShare key={l.code} url={l.url} destination={l.destination} />)}
                  </div>
                ) : joined ? (
                  <Button variant="secondary" to="/studio">Joined · see your links</Button>
                ) : !o.eligible ? (
                  <p className="small muted" style={{ margin: 0 }}><span className="badge badge-neutral">Not for your audience</span> {o.reason}</p>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="campaignId" value={o.id} />
                    <Button type="submit" block disabled={busy}>Join campaign</Button>
                  </Form>
                )}
              </Card>
            );
          })}
        </div>
      )}
    </>
  );
}
