import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { CreateCampaignBody } from "../../workers/campaigns/schemas";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select, zodValidator } from "../components/ui/field";
import { api, fieldErrors } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { countryOptions } from "../lib/options";
import { parseMoney } from "../lib/money";

export const meta: MetaFunction = () => [{ title: "New campaign · Brand console · Tandem" }];

const MODELS = [
  { value: "cpc", label: "Per click", blurb: "Pay for each valid click to your site." },
  { value: "cpv", label: "Per view", blurb: "Pay for each product or storefront view." },
  { value: "cpp", label: "Per purchase", blurb: "A share of each sale, or a flat amount." },
  { value: "cpcall", label: "Per call", blurb: "Pay for calls longer than a minimum." },
] as const;
const CURRENCIES = ["GBP", "USD", "EUR", "INR", "CAD", "AUD"].map((c) => ({ value: c, label: c }));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  if (brand.role === "member") throw redirect("/brand/campaigns");
  return { brand: { id: brand.id, website: brand.website, country: brand.country } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const f = await request.formData();
  const str = (k: string) => String(f.get(k) ?? "").trim();
  const currency = str("currency") || "GBP";
  const errors: Record<string, string> = {};
  const money = (k: string, required: boolean) => {
    const raw = str(k);
    if (!raw) {
      if (required) errors[k] = "Enter an amount";
      return undefined;
    }
    const v = parseMoney(raw, currency);
    if (v == null) errors[k] = "Enter an amount like 12.50";
    return v ?? undefined;
  };
  const model = str("pricingModel");
  const cppMode = model === "cpp" ? str("cppMode") || "percent" : undefined;
  const body: Record<string, unknown> = {
    brandId: brand.id,
    name: str("name"),
    pricingModel: model,
    currency,
    totalBudgetMinor: money("totalBudget", true),
    dailyBudgetMinor: money("dailyBudget", false),
    attributionWindowDays: Number(str("attributionWindowDays") || 30),
    targetCountries: f.getAll("targetCountries").map(String),
    fallbackUrl: str("fallbackUrl"),
    ...(cppMode ? { cppMode } : {}),
    ...(model === "cpcall" ? { minCallSeconds: Number(str("minCallSeconds") || 0) || undefined } : {}),
  };
  if (cppMode === "percent") {
    const pct = Number(str("ratePercent"));
    if (!(pct > 0 && pct <= 100)) errors.ratePercent = "A percentage between 0 and 100";
    else body.rateBps = Math.round(pct * 100);
  } else {
    body.rateMinor = money("rate", true);
  }
  for (const [k, input] of [["startsAt", str("startsAt")], ["endsAt", str("endsAt")]] as const) if (input) body[k] = new Date(`${input}Z`).toISOString();
  if (Object.keys(errors).length) return { errors, message: "Some fields need a look." };
  const res = await api<{ id: string }>(context, request, "/api/v1/campaigns", { method: "POST", body });
  if (!res.ok) {
    const fe = fieldErrors(res.problem);
    if (fe.rateMinor) fe.rate = fe.rateMinor;
    if (fe.rateBps) fe.ratePercent = fe.rateBps;
    if (fe.totalBudgetMinor) fe.totalBudget = fe.totalBudgetMinor;
    if (fe.dailyBudgetMinor) fe.dailyBudget = fe.dailyBudgetMinor;
    return { errors: fe, message: res.problem.errors ? "Some fields need a look." : res.problem.detail };
  }
  if (f.get("launch") === "on") await api(context, request, `/api/v1/campaigns/${res.data.id}/status`, { method: "POST", body: { action: "launch" } });
  return redirect(`/brand/campaigns/${res.data.id}`);
}

export default function NewCampaign() {
  const { brand } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { errors?: Record<string, string>; message?: string } | undefined;
  const busy = useNavigation().state !== "idle";
  const [model, setModel] = useState<string>("cpc");
  const [cppMode, setCppMode] = useState("percent");
  const e = result?.errors ?? {};
  return (
    <div className="main-narrow" style={{ margin: "0 auto", maxWidth: "40rem" }}>
      <p className="small" style={{ marginBottom: "var(--space-3)" }}><Link to="/brand/campaigns">← Campaigns</Link></p>
      <div className="page-head">
        <h1>New campaign</h1>
        <p>How you pay creators, how much you will spend, and where visitors land. Creators join it from the marketplace.</p>
      </div>
      <Form method="post" className="stack" noValidate>
        {result?.message && <div className="alert alert-error" role="alert">{result.message}</div>}
        <Card className="stack">
          <h2>Basics</h2>
          <Input label="Campaign name" name="name" required error={e.name} validate={zodValidator(CreateCampaignBody.shape.name)} placeholder="Spring serum launch" />
          <fieldset className="stack">
            <legend className="field"><span style={{ fontWeight: 600, fontSize: "var(--text-sm)" }}>How you pay</span></legend>
            <div className="choice-grid">
              {MODELS.map((m) => (
                <label key={m.value} className="choice">
                  <input type="radio" name="pricingModel" value={m.value} checked={model === m.value} onChange={() => setModel(m.value)} />
                  <span className="card"><strong>{m.label}</strong><span className="muted small">{m.blurb}</span></span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 10rem), 1fr))" }}>
            <Select label="Currency" name="currency" options={CURRENCIES} defaultValue={brand.country === "US" ? "USD" : brand.country === "IN" ? "INR" : "GBP"} />
            {model === "cpp" && (
              <Select label="Creators earn" name="cppMode" options={[{ value: "percent", label: "A share of the sale" }, { value: "flat", label: "A flat amount" }]} value={cppMode} onChange={(ev) => setCppMode(ev.currentTarget.value)} />
            )}
            {model === "cpp" && cppMode === "percent" ? (
              <Input label="Share of each sale (%)" name="ratePercent" inputMode="decimal" placeholder="10" error={e.ratePercent} />
            ) : (
              <Input label={`Rate per ${model === "cpc" ? "click" : model === "cpv" ? "view" : model === "cpcall" ? "call" : "sale"}`} name="rate" inputMode="decimal" placeholder="0.45" error={e.rate} />
            )}
            {model === "cpcall" && <Input label="Minimum call (seconds)" name="minCallSeconds" inputMode="numeric" placeholder="60" error={e.minCallSeconds} />}
          </div>
        </Card>
        <Card className="stack">
          <h2>Budget and schedule</h2>
          <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 12rem), 1fr))" }}>
            <Input label="Total budget" name="totalBudget" inputMode="decimal" placeholder="5,000" error={e.totalBudget} hint="The campaign pauses itself when it is spent." />
            <Input label="Daily cap (optional)" name="dailyBudget" inputMode="decimal" placeholder="500" error={e.dailyBudget} />
            <Input label="Starts (UTC, optional)" name="startsAt" type="datetime-local" error={e.startsAt} />
            <Input label="Ends (UTC, optional)" name="endsAt" type="datetime-local" error={e.endsAt} />
            <Input label="Attribution window (days)" name="attributionWindowDays" inputMode="numeric" defaultValue="30" error={e.attributionWindowDays} />
          </div>
        </Card>
        <Card className="stack">
          <h2>Audience and landing</h2>
          <fieldset className="field">
            <legend>Target countries <span className="muted small">(none means everywhere)</span></legend>
            <div className="chips" style={{ marginTop: "var(--space-2)" }}>
              {countryOptions.map((c) => (
                <label key={c.value} className="chip">
                  <input type="checkbox" name="targetCountries" value={c.value} />
                  <span>{c.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <Input label="Fallback page" name="fallbackUrl" type="url" defaultValue={brand.website.replace(/^http:/, "https:")} error={e.fallbackUrl} hint="Where visitors go when the campaign is paused or over. Must be https on your domain." />
        </Card>
        <label className="row small"><input type="checkbox" name="launch" defaultChecked /> Launch as soon as it is created</label>
        <Button type="submit" block disabled={busy}>{busy ? "Creating…" : "Create campaign"}</Button>
      </Form>
    </div>
  );
}
