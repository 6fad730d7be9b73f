import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ForecastPanel, type Forecast } from "../components/forecast-panel";
import { Steps } from "../components/steps";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select } from "../components/ui/field";
import { BRIEF_FIELDS } from "../lib/brief";
import { TIME_ZONES, utcToZoned, zonedToUtc } from "../lib/time";
import { api, fieldErrors } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { MODEL_LABEL, rate, WIZARD_STEPS, type Campaign } from "../lib/campaigns";
import { formatMoney } from "../lib/money";
import { countryOptions, goalOptions, nicheOptions } from "../lib/options";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Set up campaign · Brand console · Tandem" }];

const stepOf = (request: Request) => Math.min(4, Math.max(2, Number(new URL(request.url).searchParams.get("step") ?? 2)));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  if (brand.role === "member") throw redirect(`/brand/campaigns/${params.campaignId}`);
  const res = await api<Campaign>(context, request, `/api/v1/campaigns/${encodeURIComponent(params.campaignId!)}`);
  if (!res.ok) throw new Response("Not found", { status: 404 });
  if (res.data.status !== "draft") throw redirect(`/brand/campaigns/${res.data.id}`);
  const step = stepOf(request);
  const c = res.data;
  const forecast =
    step === 4
      ? await api<Forecast>(context, request, "/api/v1/campaigns/forecast", {
          method: "POST",
          body: { brandId: c.brandId, pricingModel: c.pricingModel, cppMode: c.cppMode ?? undefined, rateMinor: c.rateMinor ?? undefined, rateBps: c.rateBps ?? undefined, totalBudgetMinor: c.totalBudgetMinor, dailyBudgetMinor: c.dailyBudgetMinor ?? undefined },
        })
      : null;
  return { campaign: c, step, forecast: forecast?.ok ? forecast.data : null };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireBrand(context, request);
  const id = encodeURIComponent(params.campaignId!);
  const f = await readForm(request);
  const step = Number(f.get("step"));
  const str = (k: string) => String(f.get(k) ?? "").trim();
  if (step === 4) {
    const res = await api(context, request, `/api/v1/campaigns/${id}/status`, { method: "POST", body: { action: "launch" } });
    return res.ok ? redirect(`/brand/campaigns/${params.campaignId}?launched=1`) : { errors: {}, message: res.problem.detail, verifyDomains: res.problem.code === "domain_unverified", topUp: res.problem.code === "insufficient_funds" };
  }
  const body: Record<string, unknown> =
    step === 2
      ? {
          targetCountries: f.getAll("targetCountries").map(String),
          niches: f.getAll("niches").map(String),
          attributionWindowDays: Number(str("attributionWindowDays") || 30),
          audienceMin: str("audienceMin") ? Number(str("audienceMin").replace(/[,\s]/g, "")) : null,
          audienceMax: str("audienceMax") ? Number(str("audienceMax").replace(/[,\s]/g, "")) : null,
          platforms: f.getAll("platforms").map(String),
          timeZone: str("timeZone") || "UTC",
          startsAt: str("startsAt") ? zonedToUtc(str("startsAt"), str("timeZone") || "UTC") : null,
          endsAt: str("endsAt") ? zonedToUtc(str("endsAt"), str("timeZone") || "UTC") : null,
        }
      : {
          openToMarketplace: f.get("openToMarketplace") === "on",
          brief: str("brief"),
          briefDetails: Object.fromEntries(["deliverables", "dos", "donts", "dates", "usageRights"].map((k) => [k, str(k)]).filter(([, v]) => v)),
          landingUrls: str("landingUrls").split(/\s+/).filter(Boolean),
          fallbackUrl: str("fallbackUrl"),
        };
  const res = await api(context, request, `/api/v1/campaigns/${id}`, { method: "PATCH", body });
  if (!res.ok) {
    const errors = fieldErrors(res.problem);
    for (const e of res.problem.errors ?? []) if (e.path.startsWith("body.landingUrls")) errors.landingUrls = e.message;
    return { errors, message: res.problem.errors ? "Some fields need a look." : res.problem.detail };
  }
  return redirect(`/brand/campaigns/${params.campaignId}/setup?step=${step + 1}`);
}


export default function CampaignSetup() {
  const { campaign: c, step, forecast } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { errors: Record<string, string>; message?: string; verifyDomains?: boolean; topUp?: boolean } | undefined;
  const busy = useNavigation().state !== "idle";
  const e = result?.errors ?? {};
  const back = step === 2 ? null : `/brand/campaigns/${c.id}/setup?step=${step - 1}`;
  return (
    <div className="main-narrow" style={{ margin: "0 auto", maxWidth: "40rem" }}>
      <Steps steps={WIZARD_STEPS} current={step - 1} />
      <div className="page-head">
        <h1>{c.name}</h1>
        <p>{WIZARD_STEPS[step - 1]}. Draft saved — you can leave and pick up from the campaign page.</p>
      </div>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="step" value={step} />
        {result?.message && <div className="alert alert-error" role="alert">{result.message}{result.verifyDomains && <> <Link to="/brand/settings#domains">Open Settings → Domains</Link></>}{result.topUp && <> <Link to="/brand/wallet">Top up the wallet</Link></>}</div>}
        {step === 2 && (
          <Card className="stack">
            <fieldset className="field">
              <legend>Target countries <span className="muted small">(none means everywhere)</span></legend>
              <div className="chips" style={{ marginTop: "var(--space-2)" }}>
                {countryOptions.map((o) => (
                  <label key={o.value} className="chip"><input type="checkbox" name="targetCountries" value={o.value} defaultChecked={c.targetCountries.includes(o.value)} /><span>{o.label}</span></label>
                ))}
              </div>
            </fieldset>
            <fieldset className="field">
              <legend>Creator niches <span className="muted small">(who it suits, up to five)</span></legend>
              <div className="chips" style={{ marginTop: "var(--space-2)" }}>
                {nicheOptions.map((o) => (
                  <label key={o.value} className="chip"><input type="checkbox" name="niches" value={o.value} defaultChecked={c.niches.includes(o.value)} /><span>{o.label}</span></label>
                ))}
              </div>
              {e.niches && <span className="error" role="alert">{e.niches}</span>}
            </fieldset>
            <fieldset className="field">
              <legend>Platforms <span className="muted small">(none means any)</span></legend>
              <div className="chips" style={{ marginTop: "var(--space-2)" }}>
                {[["instagram", "Instagram"], ["tiktok", "TikTok"], ["youtube", "YouTube"], ["x", "X"]].map(([v, l]) => (
                  <label key={v} className="chip"><input type="checkbox" name="platforms" value={v} defaultChecked={c.platforms.includes(v!)} /><span>{l}</span></label>
                ))}
              </div>
            </fieldset>
            <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 12rem), 1fr))" }}>
              <Input label="Audience from (followers)" name="audienceMin" inputMode="numeric" placeholder="5,000" defaultValue={c.audienceMin?.toString() ?? ""} error={e.audienceMin} />
              <Input label="Audience up to (followers)" name="audienceMax" inputMode="numeric" placeholder="250,000" defaultValue={c.audienceMax?.toString() ?? ""} error={e.audienceMax} />
            </div>
            <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 12rem), 1fr))" }}>
              <Select label="Time zone" name="timeZone" options={TIME_ZONES.map((z) => ({ value: z, label: z.replace("_", " ") }))} defaultValue={c.timeZone} />
              <Input label="Starts (optional)" name="startsAt" type="datetime-local" defaultValue={utcToZoned(c.startsAt, c.timeZone)} error={e.startsAt} />
              <Input label="Ends (optional)" name="endsAt" type="datetime-local" defaultValue={utcToZoned(c.endsAt, c.timeZone)} error={e.endsAt} />
              <Input label="Attribution window (days)" name="attributionWindowDays" inputMode="numeric" defaultValue={String(c.attributionWindowDays)} error={e.attributionWindowDays} hint="A sale up to this long after the click counts." />
            </div>
          </Card>
        )}
        {step === 3 && (
          <Card className="stack">
            <label className="row small"><input type="checkbox" name="openToMarketplace" defaultChecked={c.openToMarketplace} /> List it in the creator marketplace (otherwise by invitation only)</label>
            <div className="field">
              <label htmlFor="brief">Brief</label>
              <textarea id="brief" name="brief" className="input" rows={3} defaultValue={c.brief} placeholder="The idea in two or three sentences." />
            </div>
            {BRIEF_FIELDS.map((f) => (
              <div className="field" key={f.name}>
                <label htmlFor={f.name}>{f.label}</label>
                <textarea id={f.name} name={f.name} className="input" rows={2} defaultValue={c.briefDetails[f.name] ?? ""} placeholder={f.placeholder} />
              </div>
            ))}
            <div className="field">
              <label htmlFor="landingUrls">Pages to promote <span className="muted small">(one per line; each creator gets a link for each)</span></label>
              <textarea id="landingUrls" name="landingUrls" className="input" rows={3} defaultValue={c.landingUrls.join("\n")} aria-invalid={e.landingUrls ? true : undefined} />
              {e.landingUrls && <span className="error" role="alert">{e.landingUrls}</span>}
            </div>
            <Input label="Fallback page" name="fallbackUrl" type="url" defaultValue={c.fallbackUrl} error={e.fallbackUrl} hint="Where visitors go when the campaign is paused or over." />
          </Card>
        )}
        {step === 4 && (
          <>
            <Card>
              <h2>Review</h2>
              <ul className="list small">
                <li><span className="muted">Goal</span><span>{goalOptions.find((g) => g.value === c.goal)?.label ?? "—"}</span></li>
                <li><span className="muted">Pricing</span><span>{MODEL_LABEL[c.pricingModel]} · {rate(c)}</span></li>
                <li><span className="muted">Budget</span><span>{formatMoney(c.totalBudgetMinor, c.currency)}{c.dailyBudgetMinor ? ` · ${formatMoney(c.dailyBudgetMinor, c.currency)} a day` : ""}</span></li>
                <li><span className="muted">Audience</span><span>{c.targetCountries.length ? c.targetCountries.join(", ") : "Everywhere"}{c.niches.length ? ` · ${c.niches.join(", ")}` : ""}{c.platforms.length ? ` · ${c.platforms.join(", ")}` : ""}{c.audienceMin != null || c.audienceMax != null ? ` · ${c.audienceMin ?? 0}–${c.audienceMax ?? "∞"} followers` : ""}</span></li>
                <li><span className="muted">Window</span><span>{c.attributionWindowDays} days{c.startsAt ? ` · from ${utcToZoned(c.startsAt, c.timeZone).replace("T", " ")}` : ""}{c.endsAt ? ` · to ${utcToZoned(c.endsAt, c.timeZone).replace("T", " ")}` : ""}{c.startsAt || c.endsAt ? ` (${c.timeZone})` : ""}</span></li>
                <li><span className="muted">Marketplace</span><span>{c.openToMarketplace ? "Listed" : "Invitation only"} · {c.landingUrls.length} page{c.landingUrls.length === 1 ? "" : "s"}</span></li>
              </ul>
            </Card>
            <Card className="stack">
              <h2>Forecast</h2>
              <ForecastPanel forecast={forecast} currency={c.currency} loading={false} />
            </Card>
          </>
        )}
        <div className="row" style={{ justifyContent: "space-between" }}>
          {back ? <Link to={back}>← Back</Link> : <Link to={`/brand/campaigns/${c.id}`}>Save and leave</Link>}
          <Button type="submit" disabled={busy}>{step === 4 ? (busy ? "Launching…" : "Launch campaign") : busy ? "Saving…" : "Save and continue"}</Button>
        </div>
      </Form>
    </div>
  );
}
