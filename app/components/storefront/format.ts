import { fractionDigits } from "../../../workers/lib/money";

export function price(minor: number, currency: string): string {
  const d = fractionDigits(currency);
  const whole = minor % 10 ** d === 0;
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, minimumFractionDigits: whole ? 0 : d, maximumFractionDigits: d }).format(minor / 10 ** d);
}
