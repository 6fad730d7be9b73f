import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { SocialList } from "../components/social-list";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { requireCreator } from "../lib/creator.server";
import { nicheOptions } from "../lib/options";

export const meta: MetaFunction = () => [{ title: "Creator studio · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { creator } = await requireCreator(context, request);
  return { creator };
}

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

export default function StudioHome() {
  const { creator } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const verified = creator.socialAccounts.filter((a) => a.verified);
  const reach = creator.socialAccounts.reduce((n, a) => n + (a.followers ?? 0), 0);
  const verifiedReach = verified.reduce((n, a) => n + (a.followers ?? 0), 0);
  return (
    <>
      {params.get("welcome") && <div className="alert alert-success" role="status" style={{ marginBottom: "var(--space-5)" }}>You are all set, {creator.displayName}. Welcome to Tandem.</div>}
      <div className="page-head spread">
        <div>
          <h1>Hi, {creator.displayName}</h1>
          <p>@{creator.handle} · {creator.niches.map((n) => nicheOptions.find((o) => o.value === n)?.label ?? n).join(", ")}</p>
        </div>
        <Button variant="secondary" to="/studio/profile">Edit profile</Button>
      </div>
      <div className="grid">
        <Card>
          <h2>Reach</h2>
          <p className="stat">{compact.format(reach)}</p>
          <p className="muted small">
            followers across {creator.socialAccounts.length} account{creator.socialAccounts.length === 1 ? "" : "s"}; {compact.format(verifiedReach)} verified
          </p>
        </Card>
        <Card>
          <h2>Verification</h2>
          <p className="stat">{verified.length} / {creator.socialAccounts.length}</p>
          <p className="muted small">
            {verified.length === creator.socialAccounts.length ? "Every account is verified." : <>Unverified accounts count for less with brands. <Link to="/studio/onboarding">Connect them</Link>.</>}
          </p>
        </Card>
      </div>
      <Card style={{ marginTop: "var(--space-4)" }}>
        <div className="spread"><h2>Social accounts</h2><Link to="/studio/onboarding" className="small">Add or verify</Link></div>
        <SocialList accounts={creator.socialAccounts} />
      </Card>
    </>
  );
}
