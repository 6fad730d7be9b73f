import { formatMoney } from "../lib/money";

export interface Forecast {
  basis: "brand" | "platform" | "prior";
  sampleDays: number;
  confidence: "low" | "medium" | "high";
  daily: Record<string, { low: number; mid: number; high: number }>;
  daysUntilBudgetRunsOut: { low: number | null; mid: number | null; high: number | null };
  cappedByDailyBudget: boolean;
}

const BASIS = {
  brand: "your own campaigns",
  platform: "similar campaigns across Tandem",
  prior: "a starting assumption (no history yet)",
};

/** The live budget forecast beside the campaign form: ranges, not false precision. */
export function ForecastPanel({ forecast, currency, loading }: { forecast: Forecast | null; currency: string; loading: boolean }) {
  if (!forecast) {
    return <p className="muted small">Enter a rate and a total budget to see how far it goes.</p>;
  }
  const volumeKey = forecast.daily.views ? "views" : "clicks";
  const v = forecast.daily[volumeKey]!;
  const s = forecast.daily.spendMinor!;
  const d = forecast.daysUntilBudgetRunsOut;
  const range = (lo: number, hi: number, f: (n: number) => string) => (lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`);
  return (
    <div className="stack" style={{ gap: "var(--space-2)", opacity: loading ? 0.6 : 1 }} aria-live="polite" data-testid="forecast">
      <div className="kpis">
        <div className="kpi"><div className="label">{volumeKey} a day</div><div className="value">{Math.round(v.mid)}</div><div className="sub">{range(Math.round(v.low), Math.round(v.high), String)}</div></div>
        <div className="kpi"><div className="label">conversions a day</div><div className="value">{forecast.daily.conversions!.mid}</div><div className="sub">{range(forecast.daily.conversions!.low, forecast.daily.conversions!.high, String)}</div></div>
        <div className="kpi"><div className="label">spend a day</div><div className="value">{formatMoney(s.mid, currency)}</div><div className="sub">{range(s.low, s.high, (n) => formatMoney(n, currency))}</div></div>
        <div className="kpi"><div className="label">budget lasts</div><div className="value">{d.mid == null ? "—" : `${d.mid} days`}</div><div className="sub">{d.low != null && d.high != null ? `${d.low}–${d.high} days` : d.low != null ? `at least ${d.low} days` : "no spend expected"}</div></div>
      </div>
      <p className="muted small" style={{ margin: 0 }}>
        Based on {BASIS[forecast.basis]}{forecast.sampleDays ? ` (${forecast.sampleDays} campaign-days)` : ""}. Confidence: <strong>{forecast.confidence}</strong>
        {forecast.confidence === "low" ? ", so treat these as a rough guide" : ""}.{forecast.cappedByDailyBudget ? " Your daily cap is what limits spend." : ""} Ranges cover 8 days in 10.
      </p>
    </div>
  );
}
