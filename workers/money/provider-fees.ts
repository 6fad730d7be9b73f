import { postEntry } from "../billing/ledger";
import type { Deps } from "../lib/context";
import { stripeClient } from "./stripe-provider";

/**
 * Books what Stripe kept of a payment (ADR 021), from the charge's real balance transaction:
 * `fee:<payment intent>`, the provider's balance −fee (`provider_clearing` +fee) against
 * `provider_fees` −fee, so the clearing account shows what Stripe actually holds. Only when
 * the balance transaction is in the charge's currency (a converted charge's fee is in the
 * platform's settlement currency, another account); the manual provider has no fees. Runs after
 * the payment's own transaction, so Stripe being slow never holds the webhook's; a failure is
 * logged and leaves the gross in clearing until it is booked.
 */
export async function bookStripeFee(deps: Deps, paymentIntentId: string, reference: string, currency: string) {
  const p = deps.config.payments;
  if (p.kind !== "stripe") return { booked: false as const, reason: "not_stripe" };
  const pi = await stripeClient({ secretKey: p.secretKey, api: p.api }).paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge.balance_transaction"] });
  const charge = typeof pi.latest_charge === "object" ? pi.latest_charge : null;
  const txn = charge && typeof charge.balance_transaction === "object" ? charge.balance_transaction : null;
  if (!txn) return { booked: false as const, reason: "no_balance_transaction" };
  if (txn.currency.toUpperCase() !== currency) {
    deps.log.info("Stripe fee in another currency than the charge; not booked", { paymentIntentId, charge: currency, fee: txn.currency });
    return { booked: false as const, reason: "converted" };
  }
  if (!txn.fee) return { booked: false as const, reason: "no_fee" };
  const pg = await deps.pg();
  const posted = await pg.transaction((tx) =>
    postEntry(tx, {
      key: `fee:${paymentIntentId}`,
      kind: "provider_fee",
      reference,
      currency,
      at: new Date(txn.created * 1000),
      lines: [
        { kind: "provider_clearing", ownerId: "platform", amountMinor: txn.fee },
        { kind: "provider_fees", ownerId: "platform", amountMinor: -txn.fee },
      ],
    }),
  );
  return { booked: posted.posted, feeMinor: txn.fee };
}
