import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CreateBrandBody } from "../../workers/brands/schemas";
import { OtpSignIn } from "../components/otp-sign-in";
import { Steps } from "../components/steps";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select, zodValidator } from "../components/ui/field";
import { api, fieldErrors } from "../lib/api.server";
import { getMe } from "../lib/me.server";
import { countryOptions, goalOptions, industryOptions, sizeOptions } from "../lib/options";
import { otpAction, type OtpActionData } from "../lib/otp-action.server";
import { getProviders } from "../lib/providers.server";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Set up your brand · Tandem" }];

const STEPS = ["Account", "Company", "First goal"] as const;

/** The step is derived from what exists, so leaving and coming back resumes where you were. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await getMe(context, request);
  if (!me) return { step: 0 as const, providers: await getProviders(context, request), brand: null };
  const brand = me.brands[0];
  if (!brand) return { step: 1 as const, providers: null, brand: null, email: me.user.email };
  if (brand.onboardingStep === "complete") throw redirect("/brand");
  return { step: 2 as const, providers: null, brand };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  if (intent.startsWith("otp-")) return otpAction(context, request, form, "/brand/signup");
  if (intent === "company") {
    const body = Object.fromEntries(["name", "website", "industry", "companySize", "country"].map((k) => [k, String(form.get(k) ?? "").trim()]));
    if (body.website && !/^https?:\/\//.test(body.website)) body.website = `https://${body.website}`;
    const res = await api(context, request, "/api/v1/brands", { method: "POST", body });
    if (!res.ok) return { step: "company" as const, errors: fieldErrors(res.problem), message: res.problem.detail, values: body };
    return redirect("/brand/signup");
  }
  if (intent === "goal") {
    const brandId = String(form.get("brandId"));
    const res = await api(context, request, `/api/v1/brands/${encodeURIComponent(brandId)}`, { method: "PATCH", body: { goal: form.get("goal") ?? undefined } });
    if (!res.ok) return { step: "goal" as const, errors: fieldErrors(res.problem), message: res.problem.detail };
    return redirect("/brand?welcome=1");
  }
  return { step: "unknown" as const, message: "Unknown action" };
}

export default function BrandSignup() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | (Partial<OtpActionData> & { step?: string; errors?: Record<string, string>; message?: string; values?: Record<string, string> })
    | undefined;
  const busy = useNavigation().state !== "idle";
  const errors = result?.errors;
  const values = result?.values;
  const shape = CreateBrandBody.shape;

  return (
    <div className="main-narrow" style={{ margin: "0 auto" }}>
      <Steps steps={STEPS} current={data.step} />
      {data.step === 0 && (
        <>
          <div className="page-head">
            <h1>Bring your brand to Tandem</h1>
            <p>Start with your work email. You will be running campaigns with creators in a few minutes.</p>
          </div>
          <Card raised>
            <OtpSignIn data={result?.step === "email" || result?.step === "code" ? (result as OtpActionData) : undefined} next="/brand/signup" providers={data.providers!} cta="Create account" />
          </Card>
        </>
      )}
      {data.step === 1 && (
        <>
          <div className="page-head">
            <h1>Tell us about your company</h1>
            <p>Creators see this when you invite them. You can change it later in settings.</p>
          </div>
          <Card raised>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="company" />
              {result?.message && !errors && <div className="alert alert-error" role="alert">{result.message}</div>}
              <Input label="Company name" name="name" autoComplete="organization" required defaultValue={values?.name} error={errors?.name} validate={zodValidator(shape.name)} />
              <Input
                label="Website"
                name="website"
                type="url"
                inputMode="url"
                placeholder="https://yourbrand.com"
                required
                defaultValue={values?.website}
                error={errors?.website}
                validate={(v) => zodValidator(shape.website)(v && !/^https?:\/\//.test(v) ? `https://${v}` : v)}
                hint="Links to your store must be on this domain."
              />
              <Select label="Industry" name="industry" required placeholder="Choose an industry" options={industryOptions} defaultValue={values?.industry} error={errors?.industry} />
              <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 12rem), 1fr))" }}>
                <Select label="Company size" name="companySize" required placeholder="Choose a size" options={sizeOptions} defaultValue={values?.companySize} error={errors?.companySize} />
                <Select label="Country" name="country" required placeholder="Choose a country" options={countryOptions} defaultValue={values?.country} error={errors?.country} />
              </div>
              <Button type="submit" block disabled={busy}>{busy ? "Saving…" : "Continue"}</Button>
            </Form>
          </Card>
        </>
      )}
      {data.step === 2 && data.brand && (
        <>
          <div className="page-head">
            <h1>What should {data.brand.name} achieve first?</h1>
            <p>We tune pricing suggestions and creator recommendations to this goal. Each campaign can still have its own.</p>
          </div>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="goal" />
            <input type="hidden" name="brandId" value={data.brand.id} />
            <fieldset className="stack">
              <legend className="visually-hidden">First goal</legend>
              <div className="choice-grid">
                {goalOptions.map((g, i) => (
                  <label key={g.value} className="choice">
                    <input type="radio" name="goal" value={g.value} defaultChecked={i === 0} />
                    <span className="card">
                      <strong>{g.label}</strong>
                      <span className="muted small">{g.blurb}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            {errors?.goal && <p className="error" role="alert">{errors.goal}</p>}
            <Button type="submit" block disabled={busy}>{busy ? "Finishing…" : "Open my console"}</Button>
          </Form>
        </>
      )}
    </div>
  );
}
