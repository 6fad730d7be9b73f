import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { homeFor, requireMe } from "../lib/me.server";

export const meta: MetaFunction = () => [{ title: "Welcome · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireMe(context, request);
  const home = homeFor(me);
  if (home !== "/welcome") throw redirect(home);
  return { email: me.user.email };
}

export default function Welcome() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>How will you use Tandem?</h1>
        <p>You are signed in as {email}. Pick a side to set up; you can add the other one later.</p>
      </div>
      <div className="grid">
        <Link to="/brand/signup" className="card persona-card" data-persona="brand">
          <span className="persona-icon" aria-hidden="true">◆</span>
          <h2>I run a brand</h2>
          <p className="muted">Launch campaigns, invite creators and see what sells.</p>
          <span className="arrow">Set up your brand →</span>
        </Link>
        <Link to="/studio/onboarding" className="card persona-card" data-persona="creator">
          <span className="persona-icon" aria-hidden="true">●</span>
          <h2>I am a creator</h2>
          <p className="muted">Claim your handle, build a storefront and earn from campaigns.</p>
          <span className="arrow">Claim your handle →</span>
        </Link>
      </div>
    </>
  );
}
