import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { Card } from "../components/ui/card";
import { loadDropClaims } from "../lib/drops.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.drop.title} · Drops · Tandem` : "Drop · Tandem" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return loadDropClaims(context, request, params.dropId ?? "");
}

const when = (ms: number) => new Date(ms).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** Who claimed a drop, first come first served, for the creator to fulfil. */
export default function DropClaimsPage() {
  const { community, drop, items } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head spread">
        <div>
          <p className="muted small">
            <Link to="/studio/community">{community.name}</Link> · Drops
          </p>
          <h1>{drop.title}</h1>
          <p>
            {drop.perk ?? "A product from your storefront"} · {drop.claimed} of {drop.quantity} claimed · opened {when(drop.releaseAt)}
          </p>
        </div>
        {items.length ? (
          <a className="btn btn-secondary" href={`/studio/community/drops/${drop.id}.csv`} download>
            Download CSV
          </a>
        ) : null}
      </div>
      <Card>
        <h2>Claims</h2>
        {items.length === 0 ? (
          <div className="empty">
            <strong>No claims yet</strong>
            {Date.now() < drop.releaseAt ? "The drop has not opened." : "Members claim in the room while stock lasts."}
          </div>
        ) : (
          <ol className="list" aria-label="Claims in order">
            {items.map((c, i) => (
              <li key={c.claimId}>
                <span>
                  <span className="muted small">#{i + 1} </span>
                  <strong>{c.name}</strong>
                </span>
                <span className="muted small">
                  {when(c.claimedAt)} · {c.status === "reserved" ? "reserved" : c.status}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}
