import { formatMoney } from "../lib/money";

export interface Upcoming {
  availableOn: string;
  amountMinor: number;
  currency: string;
  source: "campaign" | "sale" | "subscription";
}

const SOURCE: Record<Upcoming["source"], string> = { campaign: "Campaigns", sale: "Sales", subscription: "Memberships" };
const dayLabel = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/**
 * When pending earnings become available: one bar per day and currency, its length the amount,
 * with where it comes from. Server-rendered, no JavaScript; a list a screen reader reads as is.
 */
export function SettlementTimeline({ upcoming }: { upcoming: Upcoming[] }) {
  if (!upcoming.length) {
    return (
      <div className="empty" data-testid="timeline-empty">
        <strong>Nothing pending</strong>
        Earnings wait out a settlement window (campaigns: the brand's holding period; sales: the refund window), then appear here with the day they become available.
      </div>
    );
  }
  const days = new Map<string, { availableOn: string; currency: string; amountMinor: number; sources: Set<Upcoming["source"]> }>();
  for (const u of upcoming) {
    const key = `${u.availableOn}:${u.currency}`;
    const d = days.get(key) ?? { availableOn: u.availableOn, currency: u.currency, amountMinor: 0, sources: new Set() };
    d.amountMinor += u.amountMinor;
    d.sources.add(u.source);
    days.set(key, d);
  }
  const rows = [...days.values()];
  const max = Math.max(...rows.map((r) => r.amountMinor));
  return (
    <ol className="timeline" aria-label="When your pending earnings become available">
      {rows.map((r) => (
        <li key={`${r.availableOn}:${r.currency}`} className="timeline-row">
          <span className="timeline-day">{dayLabel(r.availableOn)}</span>
          <span className="timeline-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(4, Math.round((r.amountMinor / max) * 100))}%` }} />
          </span>
          <span className="timeline-amount">
            <strong>{formatMoney(r.amountMinor, r.currency)}</strong> becomes available on {dayLabel(r.availableOn)}
            <span className="muted small"> · {[...r.sources].map((s) => SOURCE[s]).join(", ")}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
