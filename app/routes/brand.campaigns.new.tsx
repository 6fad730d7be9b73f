import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ForecastPanel, type Forecast } from "../components/forecast-panel";
import { Steps } from "../components/steps";
import { WIZARD_STEPS } from "../lib/campaigns";
import { CreateCampaignBody } from "../../workers/campaigns/schemas";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select, zodValidator } from "../components/ui/field";
import { goalOptions } from "../lib/options";
import { api, fieldErrors } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { campaignBodyFromForm } from "../lib/campaign-form.server";
import { readForm } from "../lib/read-body.server";

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
  return { brand: { id: brand.id, website: brand.website, country: brand.country, goal: brand.goal } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const { body, errors } = campaignBodyFromForm(await readForm(request), brand.id);
  // Landing details come in step 3; until then the brand's own site is the fallback.
  body.fallbackUrl = brand.website.replace(/^http:/, "https:");
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
  return redirect(`/brand/campaigns/${res.data.id}/setup?step=2`);
}

export default function NewCampaign() {
  const { brand } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { errors?: Record<string, string>; message?: string } | undefined;
  const busy = useNavigation().state !== "idle";
  const [model, setModel] = useState<string>("cpc");
  const [cppMode, setCppMode] = useState("percent");
  const e = result?.errors ?? {};
  const forecaster = useFetcher<Forecast | { incomplete: true }>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [currency, setCurrency] = useState(brand.country === "US" ? "USD" : brand.country === "IN" ? "INR" : "GBP");
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (formRef.current) forecaster.submit(formRef.current, { method: "post", action: "/brand/campaigns/forecast" });
    }, 300);
  };
  useEffect(refresh, [model, cppMode]);
  const forecast = forecaster.data && !("incomplete" in forecaster.data) ? forecaster.data : null;
  return (
    <div className="main-narrow" style={{ margin: "0 auto", maxWidth: "40rem" }}>
      <p className="small" style={{ marginBottom: "var(--space-3)" }}><Link to="/brand/campaigns">← Campaigns</Link></p>
      <Steps steps={WIZARD_STEPS} current={0} />
      <div className="page-head">
        <h1>New campaign</h1>
        <p>How you pay creators and how much you will spend. Each step saves a draft, so you can leave and come back.</p>
      </div>
      <Form method="post" className="stack" noValidate ref={formRef} onChange={(ev) => {
        const t = ev.target as HTMLInputElement;
        if (t.name === "currency") setCurrency(t.value);
        refresh();
      }}>
        {result?.message && <div className="alert alert-error" role="alert">{result.message}</div>}
        <Card className="stack">
          <h2>How you pay</h2>
          <Input label="Campaign name" name="name" required error={e.name} validate={zodValidator(CreateCampaignBody.shape.name)} placeholder="Spring serum launch" />
          <Select label="Goal" name="goal" options={goalOptions.map((g) => ({ value: g.value, label: g.label }))} defaultValue={brand.goal ?? "sales"} />
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
            <Select label="Currency" name="currency" options={CURRENCIES} defaultValue={currency} />
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
          </div>
        </Card>
        <Card className="stack">
          <h2>Forecast</h2>
          <ForecastPanel forecast={forecast} currency={currency} loading={forecaster.state !== "idle"} />
        </Card>
        <Button type="submit" block disabled={busy}>{busy ? "Saving…" : "Save draft and continue"}</Button>
      </Form>
    </div>
  );
}
