/**
 * The payment provider port (ADR 017). Stripe with STRIPE_SECRET_KEY; otherwise, outside
 * production, Tandem's own test-mode checkout. Both report outcomes as the same Stripe-shaped
 * events, handled by one function (handle-provider-event.ts), so the demo drives the same state
 * machines and the same ledger as Stripe's webhooks do.
 */
export interface CheckoutLine {
  name: string;
  unitAmountMinor: number;
  quantity: number;
}

export interface CheckoutRequest {
  /** Tandem's checkout row id: the provider's `client_reference_id`, and in the metadata. */
  reference: string;
  description: string;
  /** What is bought; their total is `amountMinor`. */
  lines: CheckoutLine[];
  amountMinor: number;
  /** ISO 4217, upper case (Tandem's form; Stripe's lower case is the adapter's business). */
  currency: string;
  successUrl: string;
  cancelUrl: string;
  /** When the session stops accepting payment. */
  expiresAt: Date;
  metadata: Record<string, string>;
  /** Physical goods: the payer gives a shipping address. */
  collectShipping: boolean;
  /** Separate charges and transfers: the charge joins the group its later transfers name. */
  transferGroup: string | null;
  /** Set: a subscription checkout (mode `subscription`) instead of a one-off payment. */
  subscription?: SubscriptionCheckout;
}

export interface CreatedCheckout {
  providerSessionId: string;
  url: string;
}

export interface PaymentProvider {
  readonly kind: "stripe" | "manual";
  createCheckout(request: CheckoutRequest): Promise<CreatedCheckout>;
}

/**
 * The part of a Stripe event Tandem reads (`Stripe.Event`, narrowed): the manual provider builds
 * the same shape, so one handler serves both.
 */
export interface ProviderEvent {
  id: string;
  type: string;
  created: number;
  /** Connect: the connected account the event happened on (its own payouts to the bank). */
  account?: string;
  data: { object: Record<string, unknown> & { id: string; object: string } };
}

/** A subscription checkout (Stripe Billing): the price is the tier's, per interval. */
export interface SubscriptionCheckout {
  /** Stripe's price id (the manual provider has none). */
  priceId: string | null;
  interval: "month" | "year";
}
