import { Form } from "@remix-run/react";
import { REASON } from "../lib/fraud-reasons";
import { formatMoney } from "../lib/money";
import { Button } from "./ui/button";
import { Card } from "./ui/card";

export interface Dispute {
  id: string;
  creatorId: string;
  creatorHandle?: string | null;
  campaignName?: string | null;
  from: string;
  to: string;
  reason: string;
  outcome: { clicks: number; rescored: number; notRescorable: number; invalidBefore: number; invalidNow: number; chargesCredited: number; reasons: { reason: string; clicks: number }[] };
  creditedMinor: number;
  currency: string;
  createdAt: string;
}

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" });

/** One dispute's outcome, in one sentence and a row of reasons (shared by the brand console and the studio). */
export function DisputeOutcome({ d }: { d: Dispute }) {
  const o = d.outcome;
  return (
    <>
      <p className="small">
        {when(d.from)} – {when(d.to)} UTC · “{d.reason}”
      </p>
      <p className="small">
        {o.rescored.toLocaleString("en")} of {o.clicks.toLocaleString("en")} clicks re-scored; {o.invalidNow.toLocaleString("en")} judged invalid now (was {o.invalidBefore.toLocaleString("en")}).{" "}
        <strong>{o.chargesCredited} {o.chargesCredited === 1 ? "charge" : "charges"} credited back to the brand, {formatMoney(d.creditedMinor, d.currency)}.</strong>
        {o.notRescorable > 0 && ` ${o.notRescorable} older clicks kept their original verdict.`}
      </p>
      {o.reasons.length > 0 && <p className="muted small">{o.reasons.map((r) => `${REASON[r.reason] ?? r.reason} ${r.clicks}`).join(" · ")}</p>}
    </>
  );
}

/** The brand's disputes of creators' traffic: open one over a window, see every outcome. */
export function DisputesPanel({ disputes, creators, canManage, busy }: { disputes: Dispute[]; creators: { creatorId: string; handle: string | null; displayName: string | null }[]; canManage: boolean; busy: boolean }) {
  // The window's end defaults to the next whole minute, so the latest clicks are inside it.
  const nowUtc = new Date(Math.ceil(Date.now() / 60_000) * 60_000).toISOString().slice(0, 16);
  const dayAgo = new Date(Date.now() - 86_400_000).toISOString().slice(0, 16);
  return (
    <Card>
      <h2>Disputes</h2>
      <p className="small">Think a creator's traffic was not real? Dispute a time window: every click in it is scored again with today's scorer, and charges it now judges invalid are credited back to your budget. The creator sees the outcome.</p>
      {canManage && creators.length > 0 && (
        <Form method="post" className="row" style={{ alignItems: "flex-end", marginTop: "var(--space-3)" }}>
          <input type="hidden" name="intent" value="dispute" />
          <label className="field" style={{ flex: "1 1 10rem" }}>
            <span style={{ fontWeight: 600, fontSize: "var(--text-sm)" }}>Creator</span>
            <select name="creatorId" className="input" required>
              {creators.map((c) => <option key={c.creatorId} value={c.creatorId}>{c.displayName ?? "Unknown"}{c.handle ? ` @${c.handle}` : ""}</option>)}
            </select>
          </label>
          <label className="field" style={{ flex: "1 1 12rem" }}>
            <span style={{ fontWeight: 600, fontSize: "var(--text-sm)" }}>From (UTC)</span>
            <input className="input" type="datetime-local" name="from" defaultValue={dayAgo} required />
          </label>
          <label className="field" style={{ flex: "1 1 12rem" }}>
            <span style={{ fontWeight: 600, fontSize: "var(--text-sm)" }}>To (UTC)</span>
            <input className="input" type="datetime-local" name="to" defaultValue={nowUtc} required />
          </label>
          <label className="field" style={{ flex: "2 1 16rem" }}>
            <span style={{ fontWeight: 600, fontSize: "var(--text-sm)" }}>What looks wrong</span>
            <input className="input" name="reason" minLength={3} maxLength={1000} placeholder="e.g. a burst of clicks and no sales" required />
          </label>
          <Button type="submit" variant="secondary" disabled={busy}>Dispute</Button>
        </Form>
      )}
      {disputes.length === 0 ? (
        <div className="empty" style={{ marginTop: "var(--space-3)" }}><strong>No disputes</strong>Outcomes of disputes you open show here.</div>
      ) : (
        <ul className="stack" style={{ marginTop: "var(--space-3)", gap: "var(--space-3)", listStyle: "none", padding: 0 }}>
          {disputes.map((d) => (
            <li key={d.id} className="stack" style={{ gap: "var(--space-1)" }}>
              <strong>{d.creatorHandle ? `@${d.creatorHandle}` : d.creatorId} · opened {when(d.createdAt)} UTC</strong>
              <DisputeOutcome d={d} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
