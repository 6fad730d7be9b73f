import { checkoutSessions } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { newId } from "../lib/ids";
import { paymentsFor } from "./payments";

/** What the payer is told they are paying for, per purpose. */
export const CHECKOUT_DESCRIPTIONS = { wallet_top_up: "Tandem wallet top-up" } as const;

/** The metadata every checkout carries to the provider (and back in its events). */
export const checkoutMetadata = (row: { purpose: string; ownerId: string }) => ({ tandem_purpose: row.purpose, tandem_owner: row.ownerId });

/** How long a checkout accepts payment (Stripe allows 30 minutes to 24 hours). */
export const CHECKOUT_TTL_MS = 60 * 60_000;

export interface OpenCheckout {
  purpose: "wallet_top_up";
  ownerId: string;
  amountMinor: number;
  currency: string;
  /** App paths the payer returns to. */
  successPath: string;
  cancelPath: string;
  createdBy: string;
}

/**
 * Opens a checkout with the configured provider and records it. The row is written after the
 * provider answers (its session id is the row's key for webhooks); a provider failure writes
 * nothing.
 */
export async function openCheckout(deps: Deps, input: OpenCheckout) {
  const provider = paymentsFor(deps.config);
  const id = newId("checkout");
  const expiresAt = new Date(deps.now() + CHECKOUT_TTL_MS);
  const successUrl = `${deps.config.appOrigin}${input.successPath}`;
  const cancelUrl = `${deps.config.appOrigin}${input.cancelPath}`;
  const metadata = checkoutMetadata(input);
  const created = await provider.createCheckout({
    reference: id,
    description: CHECKOUT_DESCRIPTIONS[input.purpose],
    amountMinor: input.amountMinor,
    currency: input.currency,
    successUrl,
    cancelUrl,
    expiresAt,
    metadata,
  });
  const pg = await deps.pg();
  const [row] = await pg
    .insert(checkoutSessions)
    .values({ id, provider: provider.kind, providerSessionId: created.providerSessionId, purpose: input.purpose, ownerId: input.ownerId, amountMinor: input.amountMinor, currency: input.currency, url: created.url, successUrl, cancelUrl, createdBy: input.createdBy, expiresAt })
    .returning();
  return row!;
}
