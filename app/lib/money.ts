/** Money in the UI: integer minor units in, formatted strings out; parsing never goes through floats. */
export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, minimumFractionDigits: digits }).format(minor / 10 ** digits);
}

/** "1,234.5" → 123450 (for a 2-decimal currency). Returns null for anything that is not an amount. */
export function parseMoney(input: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const clean = input.replace(/[\s,£$€¥]/g, "");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(clean);
  if (!m) return null;
  const frac = (m[2] ?? "").slice(0, digits + 1);
  if (frac.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0");
}
