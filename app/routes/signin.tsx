import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OtpSignIn } from "../components/otp-sign-in";
import { Card } from "../components/ui/card";
import { getMe, homeFor } from "../lib/me.server";
import { otpAction, type OtpActionData } from "../lib/otp-action.server";
import { getProviders } from "../lib/providers.server";
import { safeNext } from "../../workers/lib/safe-next";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Tandem" }];

/** Post-sign-in destination: kept only when it lands on this app's own origin. */
const nextOf = (request: Request) => safeNext(new URL(request.url).searchParams.get("next"), new URL(request.url).origin, "/welcome");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const me = await getMe(context, request);
  if (me) throw redirect(url.searchParams.has("next") ? nextOf(request) : homeFor(me));
  return { providers: await getProviders(context, request), next: nextOf(request), error: url.searchParams.get("error") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return otpAction(context, request, await readForm(request), nextOf(request));
}

export default function SignIn() {
  const { providers, next, error } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as OtpActionData | undefined;
  return (
    <div className="main-narrow" style={{ margin: "0 auto" }}>
      <div className="page-head">
        <h1>Welcome back</h1>
        <p>Sign in to your brand console or creator studio. New here? The same step creates your account.</p>
      </div>
      <Card raised>
        {error && <div className="alert alert-error" role="alert" style={{ marginBottom: "var(--space-4)" }}>{error}</div>}
        <OtpSignIn data={data} next={next} providers={providers} />
      </Card>
      <p className="muted small" style={{ marginTop: "var(--space-4)", textAlign: "center" }}>
        Starting out? <Link to="/brand/signup">Sign up as a brand</Link> · <Link to="/studio/onboarding">Join as a creator</Link>
      </p>
    </div>
  );
}
