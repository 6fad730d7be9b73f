/**
 * What changing plan mid-period costs (ADR 020), the way Stripe prorates by default
 * (`proration_behavior: create_prorations`): the unused share of the old price is credited, the
 * same share of the new price is charged, to the second. Positive: the member pays the
 * difference now; negative: a credit to the next invoice. Integer minor units, rounded half up
 * per line as Stripe rounds each proration line.
 */
export function prorate(input: { oldPriceMinor: number; newPriceMinor: number; periodStart: number; periodEnd: number; at: number }) {
  const { oldPriceMinor, newPriceMinor, periodStart, periodEnd, at } = input;
  if (!(periodEnd > periodStart)) throw new Error("prorate: the period must have a length");
  const remaining = Math.min(Math.max(periodEnd - at, 0), periodEnd - periodStart);
  const share = (price: number) => Math.floor((price * remaining) / (periodEnd - periodStart) + 0.5);
  const creditMinor = share(oldPriceMinor);
  const chargeMinor = share(newPriceMinor);
  return { creditMinor, chargeMinor, netMinor: chargeMinor - creditMinor };
}
