import { describe, expect, it } from "vitest";
import { forecast, PRIOR } from "../../workers/campaigns/forecast";
import { createBrand, signIn } from "../factories";
import { api, postJson, uniqueEmail } from "./helpers";

const history = (dailyVolume: number[], extra: Partial<Parameters<typeof forecast>[1]> = {}) => ({ basis: "brand" as const, dailyVolume, conversions: 50, clicks: 1000, averageOrderMinor: 6000, ...extra });

describe("forecast maths", () => {
  it("CPC on a known history: mean volume, spend and days to exhaust", () => {
    const days = Array.from({ length: 10 }, (_, i) => (i % 2 ? 30 : 10)); // mean 20, sd ≈ 10.54
    const f = forecast({ pricingModel: "cpc", rateMinor: 50, totalBudgetMinor: 10_000 }, history(days));
    expect(f.daily.clicks!.mid).toBe(20);
    expect(f.daily.clicks!.low).toBeCloseTo(20 - 1.2816 * 10.5409, 0);
    expect(f.daily.conversions!.mid).toBe(1); // 5 % of 20
    expect(f.daily.spendMinor).toEqual({ low: Math.round((20 - 1.2816 * 10.5409) * 50), mid: 1000, high: Math.round((20 + 1.2816 * 10.5409) * 50) });
    expect(f.daysUntilBudgetRunsOut.mid).toBe(10);
    expect(f.daysUntilBudgetRunsOut.low!).toBeLessThan(10);
    expect(f.daysUntilBudgetRunsOut.high!).toBeGreaterThan(10);
    expect(f.confidence).toBe("medium");
  });

  it("the daily cap limits spend and stretches the budget", () => {
    const f = forecast({ pricingModel: "cpc", rateMinor: 50, totalBudgetMinor: 10_000, dailyBudgetMinor: 500 }, history(Array(30).fill(20)));
    expect(f.daily.spendMinor).toEqual({ low: 500, mid: 500, high: 500 });
    expect(f.daysUntilBudgetRunsOut).toEqual({ low: 20, mid: 20, high: 20 });
    expect(f.cappedByDailyBudget).toBe(true);
    expect(f.confidence).toBe("high");
  });

  it("CPP percentage uses the conversion rate and average order value", () => {
    const f = forecast({ pricingModel: "cpp", cppMode: "percent", rateBps: 1000, totalBudgetMinor: 60_000 }, history(Array(7).fill(100)));
    // 100 clicks × 5 % = 5 sales × £60 × 10 % = £30 a day → 20 days
    expect(f.daily.spendMinor!.mid).toBe(3000);
    expect(f.daysUntilBudgetRunsOut.mid).toBe(20);
  });

  it("says so when there is no history", () => {
    const f = forecast({ pricingModel: "cpc", rateMinor: 10, totalBudgetMinor: 4_000 }, { basis: "prior", dailyVolume: [], conversions: 0, clicks: 0, averageOrderMinor: null });
    expect(f).toMatchObject({ basis: "prior", confidence: "low", sampleDays: 0 });
    expect(f.daily.clicks!.mid).toBe(PRIOR.dailyVolume);
    expect(f.daysUntilBudgetRunsOut.mid).toBe(10);
  });

  it("the API forecasts for a brand's draft and refuses bad input", async () => {
    const owner = (await signIn(api, uniqueEmail("fc-forecast"))).cookie;
    await createBrand(api, owner, { name: "Forecast Co", website: "https://forecast.example", industry: "tech", companySize: "1-10", country: "GB" });
    const res = await postJson("/api/v1/campaigns/forecast", { pricingModel: "cpc", rateMinor: 30, totalBudgetMinor: 30_000 }, { cookie: owner });
    expect(res.status).toBe(200);
    const f = (await res.json()) as { basis: string; daysUntilBudgetRunsOut: { mid: number } };
    expect(["platform", "prior"]).toContain(f.basis);
    expect(f.daysUntilBudgetRunsOut.mid).toBeGreaterThan(0);
    expect((await postJson("/api/v1/campaigns/forecast", { pricingModel: "cpc", totalBudgetMinor: -1 }, { cookie: owner })).status).toBe(422);
  });
});
