/** Money is integer minor units of a currency; parsing never goes through floats. */
const digitsByCurrency = new Map<string, number>();

export function fractionDigits(currency: string): number {
  let d = digitsByCurrency.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsByCurrency.set(currency, d);
  }
  return d;
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

/** Minor units as the text a person types ("1299" → "12.99"), without going through floats. */
export function minorToInput(minor: number | null | undefined, currency: string): string {
  if (minor == null) return "";
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const str = String(minor).padStart(digits + 1, "0");
  return `${str.slice(0, -digits)}.${str.slice(-digits)}`;
}

/** Minor units as money for messages ("£12.99"), without going through floats for the digits. */
export function formatMinor(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, minimumFractionDigits: digits }).format(minor / 10 ** digits);
}
