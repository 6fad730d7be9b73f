import { formatMoney } from "./money";

export interface Campaign {
  id: string;
  brandId: string;
  name: string;
  pricingModel: "cpc" | "cpv" | "cpp" | "cpcall";
  cppMode: "percent" | "flat" | null;
  rateMinor: number | null;
  rateBps: number | null;
  minCallSeconds: number | null;
  currency: string;
  totalBudgetMinor: number;
  dailyBudgetMinor: number | null;
  attributionWindowDays: number;
  targetCountries: string[];
  startsAt: string | null;
  endsAt: string | null;
  status: "draft" | "active" | "paused" | "ended";
  pausedReason: "brand" | "budget" | "velocity" | null;
  fallbackUrl: string;
  openToMarketplace: boolean;
  niches: string[];
  brief: string;
  briefDetails: Record<string, string>;
  audienceMin: number | null;
  audienceMax: number | null;
  platforms: string[];
  goal: string | null;
  timeZone: string;
  landingUrls: string[];
  fraudThreshold: number;
  /** One visitor's repeat clicks on a link within this many seconds are duplicates, not billed. */
  clickDedupSeconds: number;
  createdAt: string;
}

export interface CampaignStats {
  currency: string;
  status: Campaign["status"];
  budget: { totalMinor: number; dailyMinor: number | null; spentMinor: number; spentTodayMinor: number };
  clicks: number;
  validClicks: number;
  invalidClicks: number;
  duplicateClicks: number;
  uniqueClicks: number;
  views: number;
  conversions: number;
  revenue: number;
  spend: number;
  roi: number | null;
  byCreator: { creatorId: string; handle: string | null; displayName: string | null; clicks: number; validClicks: number; invalidClicks: number; duplicateClicks: number; conversions: number; revenue: number; spend: number; roi: number | null }[];
  series: { hour: string; validClicks: number; invalidClicks: number; duplicateClicks: number; conversions: number }[];
  alerts: { kind: string; message: string; at: string }[];
}

export const MODEL_LABEL: Record<Campaign["pricingModel"], string> = { cpc: "Pay per click", cpv: "Pay per view", cpp: "Pay per purchase", cpcall: "Pay per call" };

/** A campaign's price in words, e.g. "£0.45 per click" or "12.5 % of each sale". */
export const rate = (c: Campaign) =>
  c.pricingModel === "cpp" && c.cppMode === "percent" ? `${(c.rateBps! / 100).toFixed(2).replace(/\.00$/, "")} % of each sale` : `${formatMoney(c.rateMinor ?? 0, c.currency)} per ${c.pricingModel === "cpc" ? "click" : c.pricingModel === "cpv" ? "view" : c.pricingModel === "cpp" ? "sale" : "call"}`;

export const WIZARD_STEPS = ["Pay and budget", "Audience and schedule", "Brief and pages", "Review and launch"] as const;
