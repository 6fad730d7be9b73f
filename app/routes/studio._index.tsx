import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SocialList } from "../components/social-list";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { LinkShare } from "../components/link-share";
import { StorefrontCard, type StorefrontStats } from "../components/storefront-card";
import { CommunityCard, type CommunityNumbers } from "../components/community-card";
import { DisputeOutcome, type Dispute } from "../components/disputes-panel";
import { api } from "../lib/api.server";
import { requireCreator } from "../lib/creator.server";
import { formatMoney } from "../lib/money";
import { useLive } from "../lib/use-live";
import { nicheOptions } from "../lib/options";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Creator studio · Tandem" }];

interface Earnings {
  disputes: Dispute[];
  pending: { currency: string; amountMinor: number }[];
  campaigns: { campaignId: string; name: string; brandName: string; status: string; currency: string; earnedMinor: number; validClicks: number; conversions: number; epcMinor: number | null; links: { code: string; url: string; destination: string }[] }[];
}

interface Invite {
  collaborationId: string;
  campaignId: string;
  name: string;
  brandName: string;
  brief: string;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { creator } = await requireCreator(context, request);
  const [earnings, invites, storefront, stats, community] = await Promise.all([
    api<Earnings>(context, request, "/api/v1/earnings"),
    api<{ items: Invite[] }>(context, request, "/api/v1/invites"),
    api<{ storefront: { live: boolean; publishedVersion: number | null } | null }>(context, request, "/api/v1/storefronts/mine"),
    api<StorefrontStats>(context, request, "/api/v1/storefronts/mine/stats?days=7"),
    communityNumbers(context, request, creator.handle),
  ]);
  const sf = storefront.ok ? storefront.data.storefront : null;
  return {
    community,
    creator,
    earnings: earnings.ok ? earnings.data : { disputes: [], pending: [], campaigns: [] },
    invites: invites.ok ? invites.data.items : [],
    storefront: { live: sf ? sf.live : null, version: sf?.publishedVersion ?? null, stats: sf && stats.ok ? stats.data : null },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireCreator(context, request);
  const form = await readForm(request);
  const res =
    form.get("intent") === "accept"
      ? await api(context, request, `/api/v1/campaigns/${encodeURIComponent(String(form.get("campaignId")))}/accept`, { method: "POST" })
      : await api(context, request, `/api/v1/collaborations/${encodeURIComponent(String(form.get("collaborationId")))}/decline`, { method: "POST" });
  return res.ok ? { ok: true } : { ok: false, message: res.problem.detail };
}

/** The creator's community and its numbers, or null before they start one. */
async function communityNumbers(context: LoaderFunctionArgs["context"], request: Request, handle: string): Promise<CommunityNumbers | null> {
  const c = await api<{ slug: string; name: string }>(context, request, `/api/v1/communities/by-creator/${handle}`);
  if (!c.ok) return null;
  const n = await api<Omit<CommunityNumbers, "slug" | "name">>(context, request, `/api/v1/communities/${c.data.slug}/analytics`);
  return n.ok ? { slug: c.data.slug, name: c.data.name, ...n.data } : null;
}

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

export default function StudioHome() {
  const { creator, earnings, invites, storefront, community } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { ok: boolean; message?: string } | undefined;
  useLive(2_500);
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
      {result && !result.ok && <div className="alert alert-error" role="alert" style={{ marginBottom: "var(--space-4)" }}>{result.message}</div>}
      {invites.length > 0 && (
        <Card style={{ marginBottom: "var(--space-4)" }}>
          <h2>Invitations</h2>
          <ul className="list">
            {invites.map((i) => (
              <li key={i.collaborationId}>
                <div style={{ flex: "1 1 16rem" }}>
                  <strong>{i.name}</strong> <span className="muted small">from {i.brandName}</span>
                  {i.brief && <p className="small" style={{ margin: "var(--space-1) 0 0" }}>{i.brief}</p>}
                </div>
                <div className="row">
                  <Form method="post"><input type="hidden" name="intent" value="accept" /><input type="hidden" name="campaignId" value={i.campaignId} /><Button size="small" type="submit">Accept</Button></Form>
                  <Form method="post"><input type="hidden" name="intent" value="decline" /><input type="hidden" name="collaborationId" value={i.collaborationId} /><Button size="small" variant="ghost" type="submit">Decline</Button></Form>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <div className="grid">
        <Card>
          <h2>Pending earnings</h2>
          <p className="stat" data-testid="pending-earnings">{earnings.pending.length ? earnings.pending.map((p) => formatMoney(p.amountMinor, p.currency)).join(" · ") : formatMoney(0, "GBP")}</p>
          <p className="muted small">From campaigns and sales, in your ledger. It becomes available after each settlement window. <Link to="/studio/earnings">See when</Link>.</p>
        </Card>
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
        <div className="spread"><h2>Your campaigns</h2><span className="small"><a href="/studio/earnings.csv" download>Download CSV</a> · <Link to="/studio/marketplace">Find more</Link></span></div>
        {earnings.campaigns.length === 0 ? (
          <div className="empty"><strong>No campaigns yet</strong>Join one in the <Link to="/studio/marketplace">marketplace</Link> to get your tracked links.</div>
        ) : (
          <div className="stack">
            {earnings.campaigns.map((c) => (
              <div key={c.campaignId} className="stack" style={{ gap: "var(--space-2)" }}>
                <div className="spread">
                  <div><strong>{c.name}</strong> <span className="muted small">by {c.brandName}</span></div>
                  <span className="small">{formatMoney(c.earnedMinor, c.currency)} earned · {c.validClicks} {c.validClicks === 1 ? "click" : "clicks"} · {c.conversions} conversions · EPC {c.epcMinor == null ? "—" : formatMoney(c.epcMinor, c.currency)}</span>
                </div>
                {c.links.map((l) => <LinkShare key={l.code} url={l.url} destination={l.destination} />)}
              </div>
            ))}
          </div>
        )}
      </Card>
      {earnings.disputes.length > 0 && (
        <Card style={{ marginTop: "var(--space-4)" }}>
          <h2>Traffic disputes</h2>
          <p className="small">A brand disputed some of your traffic. Every click in the window was scored again; charges judged invalid were taken back from your pending earnings.</p>
          <ul className="stack" style={{ marginTop: "var(--space-3)", gap: "var(--space-3)", listStyle: "none", padding: 0 }}>
            {earnings.disputes.map((d) => (
              <li key={d.id} className="stack" style={{ gap: "var(--space-1)" }} data-testid="dispute">
                <strong>{d.campaignName ?? "A campaign"}</strong>
                <DisputeOutcome d={d} />
              </li>
            ))}
          </ul>
        </Card>
      )}
      <StorefrontCard handle={creator.handle} live={storefront.live} version={storefront.version} stats={storefront.stats} />
      <CommunityCard community={community} />
      <Card style={{ marginTop: "var(--space-4)" }}>
        <div className="spread"><h2>Social accounts</h2><Link to="/studio/onboarding" className="small">Add or verify</Link></div>
        <SocialList accounts={creator.socialAccounts} />
      </Card>
    </>
  );
}
