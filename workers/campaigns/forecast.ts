/**
 * Budget forecast: from daily samples of comparable campaigns (the brand's own when it has
 * enough, else the platform's, else a stated prior) to expected daily volume, spend and the days
 * until the budget runs out, each with an 80 % range, and how confident that is.
 */
export interface History {
  basis: "brand" | "platform" | "prior";
  /** Valid clicks (or views, for CPV) per active campaign-day. */
  dailyVolume: number[];
  /** Conversions per valid click, over the same campaigns. */
  conversions: number;
  clicks: number;
  /** Average order value in minor units (for CPP percentage). */
  averageOrderMinor: number | null;
}

export interface ForecastInput {
  pricingModel: "cpc" | "cpv" | "cpp" | "cpcall";
  cppMode?: "percent" | "flat";
  rateMinor?: number;
  rateBps?: number;
  totalBudgetMinor: number;
  dailyBudgetMinor?: number | null;
}

export const PRIOR = { dailyVolume: 40, conversionRate: 0.02, averageOrderMinor: 4_000 };
const Z80 = 1.2816;

export type Range = { low: number; mid: number; high: number };

function stats(xs: number[]) {
  const n = xs.length;
  if (!n) return { n, mean: PRIOR.dailyVolume, sd: PRIOR.dailyVolume };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : mean;
  return { n, mean, sd };
}

export function confidenceFor(days: number): "low" | "medium" | "high" {
  return days >= 30 ? "high" : days >= 7 ? "medium" : "low";
}

export function forecast(input: ForecastInput, h: History) {
  const { n, mean, sd } = stats(h.dailyVolume);
  // Thin history widens the range: the standard error of the mean shrinks with √n, but daily
  // spread does not, so the interval covers a typical day, not just the mean.
  const spread = Z80 * sd * (n >= 7 ? 1 : 1.5);
  const volume: Range = { low: Math.max(0, mean - spread), mid: mean, high: mean + spread };
  const cr = h.clicks >= 50 ? h.conversions / h.clicks : PRIOR.conversionRate;
  const aov = h.averageOrderMinor ?? PRIOR.averageOrderMinor;
  const perEvent = (() => {
    switch (input.pricingModel) {
      case "cpc":
      case "cpv":
        return { perUnit: input.rateMinor ?? 0, unitsPerVolume: 1 };
      case "cpcall":
        return { perUnit: input.rateMinor ?? 0, unitsPerVolume: cr };
      case "cpp":
        return { perUnit: input.cppMode === "percent" ? Math.round((aov * (input.rateBps ?? 0)) / 10_000) : (input.rateMinor ?? 0), unitsPerVolume: cr };
    }
  })();
  const cap = input.dailyBudgetMinor ?? Number.POSITIVE_INFINITY;
  const spendFor = (v: number) => Math.min(cap, Math.round(v * perEvent.unitsPerVolume * perEvent.perUnit));
  const spend: Range = { low: spendFor(volume.low), mid: spendFor(volume.mid), high: spendFor(volume.high) };
  const days = (s: number) => (s > 0 ? Math.ceil(input.totalBudgetMinor / s) : null);
  const round = (r: Range, digits = 0): Range => ({ low: +r.low.toFixed(digits), mid: +r.mid.toFixed(digits), high: +r.high.toFixed(digits) });
  return {
    basis: h.basis,
    sampleDays: n,
    confidence: h.basis === "prior" ? ("low" as const) : confidenceFor(n),
    daily: {
      [input.pricingModel === "cpv" ? "views" : "clicks"]: round(volume),
      conversions: round({ low: volume.low * cr, mid: volume.mid * cr, high: volume.high * cr }, 1),
      spendMinor: spend,
    },
    // Fast spending exhausts the budget soonest: low days come from high spend.
    daysUntilBudgetRunsOut: { low: days(spend.high), mid: days(spend.mid), high: days(spend.low) },
    cappedByDailyBudget: input.dailyBudgetMinor != null && spendFor(volume.mid) === input.dailyBudgetMinor,
  };
}
