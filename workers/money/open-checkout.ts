import { checkoutSessions } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { newId } from "../lib/ids";
import { paymentsFor } from "./payments";
import type { CheckoutLine, SubscriptionCheckout } from "./provider";

/** What the payer is told they are paying for, per purpose. */
export const CHECKOUT_DESCRIPTIONS = { wallet_top_up: "Tandem wallet top-up", order: "Storefront order", subscription: "Membership" } as const;

/** The metadata every checkout carries to the provider (and back in its events). */
export const checkoutMetadata = (row: { purpose: string; ownerId: string }) => ({ tandem_purpose: row.purpose, tandem_owner: row.ownerId });

/** How long a checkout accepts payment (Stripe allows 30 minutes to 24 hours). */
export const CHECKOUT_TTL_MS = 60 * 60_000;

export interface OpenCheckout {
  purpose: keyof typeof CHECKOUT_DESCRIPTIONS;
  /** The brand for a top-up, the order for an order. */
  ownerId: string;
  currency: string;
  /** What is bought; the checkout's amount is their total. */
  lines: CheckoutLine[];
  collectShipping?: boolean;
  transferGroup?: string | null;
  /** The checkout's own id, when the caller names it first (an order records it before the provider is called). */
  id?: string;
  /** When it stops accepting payment (default: CHECKOUT_TTL_MS from now). */
  expiresAt?: Date;
  /** A subscription (Stripe Billing) instead of a one-off payment. */
  subscription?: SubscriptionCheckout;
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
  const id = input.id ?? newId("checkout");
  const expiresAt = input.expiresAt ?? new Date(deps.now() + CHECKOUT_TTL_MS);
  const amountMinor = input.lines.reduce((sum, l) => sum + l.unitAmountMinor * l.quantity, 0);
  const successUrl = `${deps.config.appOrigin}${input.successPath}`;
  const cancelUrl = `${deps.config.appOrigin}${input.cancelPath}`;
  const metadata = checkoutMetadata(input);
  const created = await provider.createCheckout({
    reference: id,
    description: CHECKOUT_DESCRIPTIONS[input.purpose],
    lines: input.lines,
    amountMinor,
    currency: input.currency,
    successUrl,
    cancelUrl,
    expiresAt,
    metadata,
    collectShipping: input.collectShipping ?? false,
    transferGroup: input.transferGroup ?? null,
    ...(input.subscription ? { subscription: input.subscription } : {}),
  });
  const pg = await deps.pg();
  const [row] = await pg
    .insert(checkoutSessions)
    .values({ id, provider: provider.kind, providerSessionId: created.providerSessionId, purpose: input.purpose, ownerId: input.ownerId, amountMinor, currency: input.currency, url: created.url, successUrl, cancelUrl, createdBy: input.createdBy, expiresAt })
    .returning();
  return row!;
}
