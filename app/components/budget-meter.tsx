import { formatMoney } from "../lib/money";

/** Spend against budget, turning amber at 80 % and red when spent. */
export function BudgetMeter({ spent, total, currency }: { spent: number; total: number; currency: string }) {
  const share = total > 0 ? Math.min(1, spent / total) : 0;
  return (
    <div>
      <div className="meter" data-level={share >= 1 ? "full" : share >= 0.8 ? "high" : "ok"} role="meter" aria-valuemin={0} aria-valuemax={total} aria-valuenow={spent} aria-label="Budget spent">
        <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <div className="spread small muted" style={{ marginTop: "var(--space-1)" }}>
        <span>{formatMoney(spent, currency)} spent</span>
        <span>of {formatMoney(total, currency)}</span>
      </div>
    </div>
  );
}
