import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { Button } from "../components/ui/button";
import { homeFor, type Me } from "../lib/me";

export const loader = (_: LoaderFunctionArgs) => null;

export default function Landing() {
  const root = useRouteLoaderData<{ me: Me | null }>("root");
  const me = root?.me;
  return (
    <>
      <section className="hero">
        <p className="persona-tag" style={{ display: "inline-block" }}>Creator commerce, in one product</p>
        <h1>Brands and creators, working in tandem.</h1>
        <p>
          Catalog, campaigns with honest attribution, creator storefronts and communities share one sign-in, one ledger and one set of numbers.
        </p>
        {me ? (
          <Button to={homeFor(me)}>Go to {me.creator && !me.brands.length ? "your studio" : "your console"} →</Button>
        ) : (
          <div className="row">
            <Button to="/brand/signup">I run a brand</Button>
            <Button variant="secondary" to="/studio/onboarding">I am a creator</Button>
          </div>
        )}
      </section>
      <div className="grid">
        <Link to="/brand/signup" className="card persona-card" data-persona="brand">
          <span className="persona-icon" aria-hidden="true">◆</span>
          <h2>For brands</h2>
          <p className="muted">Upload your catalog, launch CPC, CPV, pay-per-purchase or pay-per-call campaigns, and watch clicks turn into revenue, per creator, with fraud stopped before it costs you.</p>
          <span className="arrow">Set up in three steps →</span>
        </Link>
        <Link to="/studio/onboarding" className="card persona-card" data-persona="creator">
          <span className="persona-icon" aria-hidden="true">●</span>
          <h2>For creators</h2>
          <p className="muted">Claim your handle, verify your reach, build a storefront from templates, join campaigns for tracked links, and see every earning in one ledger.</p>
          <span className="arrow">Claim your handle →</span>
        </Link>
        <div className="card persona-card">
          <span className="persona-icon" aria-hidden="true">▲</span>
          <h2>Communities inside</h2>
          <p className="muted">Live rooms, polls, drops and courses live in the same session as the storefront, so fans never sign in twice.</p>
        </div>
      </div>
    </>
  );
}
