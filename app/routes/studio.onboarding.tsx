import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CreateCreatorBody } from "../../workers/creators/schemas";
import { HandleInput } from "../components/handle-input";
import { OtpSignIn } from "../components/otp-sign-in";
import { SocialList } from "../components/social-list";
import { Steps } from "../components/steps";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select, zodValidator } from "../components/ui/field";
import { TikTokIcon, YouTubeIcon } from "../components/ui/icons";
import { api, fieldErrors } from "../lib/api.server";
import { getMe } from "../lib/me.server";
import { nicheOptions } from "../lib/options";
import { otpAction } from "../lib/otp-action.server";
import { getProviders } from "../lib/providers.server";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Join as a creator · Tandem" }];

const STEPS = ["Account", "Handle", "Socials"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [me, providers] = await Promise.all([getMe(context, request), getProviders(context, request)]);
  if (!me) return { step: 0 as const, providers, creator: null };
  if (!me.creator) return { step: 1 as const, providers, creator: null };
  return { step: 2 as const, providers, creator: me.creator };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  if (intent.startsWith("otp-")) return otpAction(context, request, form, "/studio/onboarding");
  if (intent === "handle") {
    const body = { handle: String(form.get("handle") ?? "").trim(), displayName: String(form.get("displayName") ?? "").trim(), niches: form.getAll("niches").map(String) };
    const res = await api(context, request, "/api/v1/creators", { method: "POST", body });
    if (!res.ok) return { intent, errors: fieldErrors(res.problem), message: res.problem.detail, values: body };
    return redirect("/studio/onboarding");
  }
  if (intent === "manual-social") {
    const followers = String(form.get("followers") ?? "").replace(/[,\s]/g, "");
    const body = { platform: String(form.get("platform")), handle: String(form.get("handle") ?? ""), ...(followers ? { followers: Number(followers) } : {}) };
    const res = await api(context, request, `/api/v1/creators/${encodeURIComponent(String(form.get("creatorId")))}/social`, { method: "POST", body });
    if (!res.ok) return { intent, errors: fieldErrors(res.problem), message: res.problem.detail };
    return redirect("/studio/onboarding");
  }
  return { intent, message: "Unknown action" };
}

export default function CreatorOnboarding() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { intent?: string; step?: string; errors?: Record<string, string>; message?: string; values?: { handle: string; displayName: string; niches: string[] } } | undefined;
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const errors = result?.errors;

  return (
    <div className="main-narrow" style={{ margin: "0 auto" }}>
      <Steps steps={STEPS} current={data.step} />
      {data.step === 0 && (
        <>
          <div className="page-head">
            <h1>Earn from what you already make</h1>
            <p>Join brands' campaigns, sell from your own storefront and run your community, all in one place.</p>
          </div>
          <Card raised>
            <OtpSignIn data={result?.step ? (result as never) : undefined} next="/studio/onboarding" providers={data.providers} cta="Create account" />
          </Card>
        </>
      )}
      {data.step === 1 && (
        <>
          <div className="page-head">
            <h1>Claim your handle</h1>
            <p>It is the address of your storefront and how brands find you.</p>
          </div>
          <Card raised>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="handle" />
              {result?.message && !errors && <div className="alert alert-error" role="alert">{result.message}</div>}
              <HandleInput defaultValue={result?.values?.handle} error={errors?.handle} />
              <Input label="Display name" name="displayName" autoComplete="name" required defaultValue={result?.values?.displayName} error={errors?.displayName} validate={zodValidator(CreateCreatorBody.shape.displayName)} />
              <fieldset className="field">
                <legend>Niches <span className="muted small">(up to five)</span></legend>
                <div className="chips" style={{ marginTop: "var(--space-2)" }}>
                  {nicheOptions.map((n) => (
                    <label key={n.value} className="chip">
                      <input type="checkbox" name="niches" value={n.value} defaultChecked={result?.values?.niches.includes(n.value)} />
                      <span>{n.label}</span>
                    </label>
                  ))}
                </div>
                {errors?.niches && <span className="error" role="alert">{errors.niches}</span>}
              </fieldset>
              <Button type="submit" block disabled={busy}>{busy ? "Claiming…" : "Claim handle"}</Button>
            </Form>
          </Card>
        </>
      )}
      {data.step === 2 && data.creator && (
        <>
          <div className="page-head">
            <h1>Prove your reach, @{data.creator.handle}</h1>
            <p>Connect an account to verify it and snapshot your followers. Brands trust verified numbers more.</p>
          </div>
          <div className="stack">
            {params.get("verified") && <div className="alert alert-success" role="status">Your {params.get("verified") === "youtube" ? "YouTube channel" : "TikTok account"} is verified.</div>}
            {params.get("error") && <div className="alert alert-error" role="alert">{params.get("error")}</div>}
            <Card raised>
              <h2>Verify with the platform</h2>
              <div className="stack" style={{ gap: "var(--space-2)" }}>
                <Button variant="provider" block href={data.providers.youtube ? "/api/v1/creators/social/youtube/start?next=/studio/onboarding" : undefined} disabled={!data.providers.youtube}>
                  <YouTubeIcon /> Connect YouTube
                </Button>
                <Button variant="provider" block href={data.providers.tiktok ? "/api/v1/creators/social/tiktok/start?next=/studio/onboarding" : undefined} disabled={!data.providers.tiktok}>
                  <TikTokIcon /> Connect TikTok
                </Button>
                {!data.providers.youtube && !data.providers.tiktok && (
                  <p className="muted small">Platform sign-in is not configured on this server yet. Add your handle by hand below; it will show as unverified until you connect it.</p>
                )}
              </div>
            </Card>
            <Card>
              <h2>Or add a handle by hand</h2>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="manual-social" />
                <input type="hidden" name="creatorId" value={data.creator.id} />
                {result?.intent === "manual-social" && result.message && !errors && <div className="alert alert-error" role="alert">{result.message}</div>}
                <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 9rem), 1fr))" }}>
                  <Select label="Platform" name="platform" options={[{ value: "instagram", label: "Instagram" }, { value: "tiktok", label: "TikTok" }, { value: "youtube", label: "YouTube" }, { value: "x", label: "X" }]} error={errors?.platform} />
                  <Input label="Handle" name="handle" placeholder="@yourname" required error={errors?.handle} />
                  <Input label="Followers" name="followers" inputMode="numeric" placeholder="12,400" error={errors?.followers} />
                </div>
                <p className="muted small" style={{ margin: 0 }}>Added by hand means <span className="badge badge-unverified">Unverified</span> wherever brands see it.</p>
                <div><Button variant="secondary" type="submit" disabled={busy}>Add handle</Button></div>
              </Form>
            </Card>
            <Card>
              <h2>Your accounts</h2>
              <SocialList accounts={data.creator.socialAccounts} />
            </Card>
            {data.creator.socialAccounts.length === 0 ? (
              <Button block disabled>Add at least one account to finish</Button>
            ) : (
              <Button to="/studio?welcome=1" block>Finish and open my studio</Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
