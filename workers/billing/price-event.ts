import type { CampaignRow } from "../campaigns/campaign-record";
import type { TrackedEvent } from "../events/envelope";

/** The platform keeps 20 % of every charge; the creator earns the rest. */
export const PLATFORM_FEE_BPS = 2_000;

/** Basis-point share of an integer amount, rounded half up, in integer arithmetic only. */
export const bpsOf = (amountMinor: number, bps: number) => Math.floor((amountMinor * bps + 5_000) / 10_000);

export type Price = { billable: true; costMinor: number } | { billable: false; reason: string };

/** What one event costs the brand under its campaign's pricing model, or why it costs nothing. */
export function priceEvent(c: CampaignRow, e: TrackedEvent): Price {
  const p = e.props as { fraud?: boolean; capped?: boolean; amountMinor?: number; currency?: string; durationSeconds?: number };
  if (p.fraud) return { billable: false, reason: "invalid_traffic" };
  // Past its daily cap of views on this link (across items), a visitor's views are not billed.
  if (e.type === "view" && p.capped) return { billable: false, reason: "view_cap_reached" };
  if (c.status === "draft") return { billable: false, reason: "campaign_not_launched" };
  const country = (e.props as { country?: string | null }).country;
  if ((e.type === "click" || e.type === "view") && c.targetCountries.length && country && !c.targetCountries.includes(country)) {
    return { billable: false, reason: "outside_targeting" };
  }
  switch (c.pricingModel) {
    case "cpc":
      return e.type === "click" ? { billable: true, costMinor: c.rateMinor! } : { billable: false, reason: "not_billed_under_cpc" };
    case "cpv":
      return e.type === "view" ? { billable: true, costMinor: c.rateMinor! } : { billable: false, reason: "not_billed_under_cpv" };
    case "cpp": {
      if (e.type !== "sale") return { billable: false, reason: "not_billed_under_cpp" };
      if (c.cppMode === "flat") return { billable: true, costMinor: c.rateMinor! };
      if (p.currency !== c.currency) return { billable: false, reason: "currency_mismatch" };
      if (!Number.isInteger(p.amountMinor) || p.amountMinor! <= 0) return { billable: false, reason: "no_sale_amount" };
      return { billable: true, costMinor: bpsOf(p.amountMinor!, c.rateBps!) };
    }
    case "cpcall":
      if (e.type !== "call") return { billable: false, reason: "not_billed_under_cpcall" };
      if ((p.durationSeconds ?? 0) < (c.minCallSeconds ?? 0)) return { billable: false, reason: "call_too_short" };
      return { billable: true, costMinor: c.rateMinor! };
  }
}
