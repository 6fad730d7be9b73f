import { parseMoney } from "./money";

/**
 * Turns the campaign form into the API's body. Amounts are parsed as decimal strings into
 * integer minor units (never through floats); anything unreadable is reported by field.
 */
export function campaignBodyFromForm(f: FormData, brandId: string) {
  const str = (k: string) => String(f.get(k) ?? "").trim();
  const currency = str("currency") || "GBP";
  const errors: Record<string, string> = {};
  const money = (k: string, required: boolean) => {
    const raw = str(k);
    if (!raw) {
      if (required) errors[k] = "Enter an amount";
      return undefined;
    }
    const v = parseMoney(raw, currency);
    if (v == null) errors[k] = "Enter an amount like 12.50";
    return v ?? undefined;
  };
  const model = str("pricingModel");
  const cppMode = model === "cpp" ? str("cppMode") || "percent" : undefined;
  const body: Record<string, unknown> = {
    brandId,
    name: str("name"),
    ...(str("goal") ? { goal: str("goal") } : {}),
    pricingModel: model,
    currency,
    totalBudgetMinor: money("totalBudget", true),
    dailyBudgetMinor: money("dailyBudget", false),
    attributionWindowDays: Number(str("attributionWindowDays") || 30),
    targetCountries: f.getAll("targetCountries").map(String),
    fallbackUrl: str("fallbackUrl"),
    ...(cppMode ? { cppMode } : {}),
    ...(model === "cpcall" ? { minCallSeconds: Number(str("minCallSeconds") || 0) || undefined } : {}),
  };
  if (cppMode === "percent") {
    const pct = Number(str("ratePercent"));
    if (!(pct > 0 && pct <= 100)) errors.ratePercent = "A percentage between 0 and 100";
    else body.rateBps = Math.round(pct * 100);
  } else {
    body.rateMinor = money("rate", true);
  }
  for (const [k, input] of [["startsAt", str("startsAt")], ["endsAt", str("endsAt")]] as const) if (input) body[k] = new Date(`${input}Z`).toISOString();
  return { body, errors, launch: f.get("launch") === "on" };
}
