import { Form } from "@remix-run/react";
import { formatMoney } from "../lib/money";
import { Button } from "./ui/button";

export interface Membership {
  id: string;
  provider: "stripe" | "manual";
  community: { slug: string; name: string };
  tier: { id: string; name: string };
  otherTiers: { id: string; name: string; monthMinor: number; yearMinor: number }[];
  interval: "month" | "year";
  priceMinor: number;
  currency: string;
  status: "incomplete" | "active" | "past_due" | "canceled" | "unpaid";
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  graceUntil: string | null;
  creditMinor: number;
}

const day = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
const STATUS: Record<Membership["status"], [string, string]> = {
  incomplete: ["Not started", "badge-neutral"],
  active: ["Active", "badge-verified"],
  past_due: ["Payment failed", "badge-failed"],
  canceled: ["Ended", "badge-neutral"],
  unpaid: ["Ended: unpaid", "badge-neutral"],
};

/** A member's subscription to a paid tier: where it stands, and what they can do with it. */
export function MembershipCard({ m, busy }: { m: Membership; busy: boolean }) {
  const running = m.status === "active" || m.status === "past_due";
  const [label, badge] = m.cancelAtPeriodEnd && running ? ["Ends at period end", "badge-unverified"] : STATUS[m.status];
  return (
    <article className="card order-card" data-testid={`membership-${m.id}`}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h3 className="order-card-title">
          <a href={`/c/${m.community.slug}`}>{m.community.name}</a>: {m.tier.name}
        </h3>
        <span className={`badge ${badge}`}>{label}</span>
      </div>
      <p className="muted small">
        {formatMoney(m.priceMinor, m.currency)} a {m.interval}
        {m.currentPeriodEnd && running ? ` · ${m.cancelAtPeriodEnd ? "access until" : "renews"} ${day(m.currentPeriodEnd)}` : ""}
        {m.creditMinor > 0 ? ` · ${formatMoney(m.creditMinor, m.currency)} credit for your next renewals` : ""}
      </p>
      {m.status === "past_due" && m.graceUntil ? (
        <div className="alert alert-error" role="alert">
          Your last payment failed. Your tier stays until {day(m.graceUntil)}; update your payment method to keep it.
        </div>
      ) : null}
      {running ? (
        <div className="row">
          <Form method="post">
            <input type="hidden" name="id" value={m.id} />
            <Button type="submit" size="small" variant="secondary" name="intent" value={m.cancelAtPeriodEnd ? "resume" : "cancel"} disabled={busy}>
              {m.cancelAtPeriodEnd ? "Keep my membership" : "Cancel at period end"}
            </Button>
          </Form>
          {m.provider === "stripe" ? (
            <Form method="post">
              <input type="hidden" name="id" value={m.id} />
              <Button type="submit" size="small" variant="ghost" name="intent" value="portal" disabled={busy}>
                Manage billing
              </Button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {m.status === "active" && m.otherTiers.length ? (
        <Form method="post" className="row membership-change">
          <input type="hidden" name="id" value={m.id} />
          <input type="hidden" name="intent" value="change" />
          <label className="small">
            <span className="visually-hidden">Change plan for {m.community.name}</span>
            <select name="plan" className="input">
              {m.otherTiers.flatMap((t) => [
                <option key={`${t.id}:month`} value={`${t.id}:month`}>
                  {t.name}: {formatMoney(t.monthMinor, m.currency)} a month
                </option>,
                <option key={`${t.id}:year`} value={`${t.id}:year`}>
                  {t.name}: {formatMoney(t.yearMinor, m.currency)} a year
                </option>,
              ])}
            </select>
          </label>
          <Button type="submit" size="small" variant="secondary" disabled={busy}>
            Change plan (prorated)
          </Button>
        </Form>
      ) : null}
    </article>
  );
}
