import { fractionDigits } from "../../workers/lib/money";

export { fractionDigits, minorToInput, parseMoney } from "../../workers/lib/money";

/** Money in the UI: integer minor units in, formatted strings out. */
export function formatMoney(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, minimumFractionDigits: digits }).format(minor / 10 ** digits);
}
