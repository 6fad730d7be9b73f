import Stripe from "stripe";
import type { CheckoutRequest, CreatedCheckout, PaymentProvider } from "./provider";

export interface StripeOptions {
  secretKey: string;
  /** Where the SDK sends requests (tests: a local server that speaks Stripe's endpoints). */
  api: { host: string; port: number; protocol: "http" | "https" } | null;
}

/** The Stripe SDK client, configured for Workers (fetch and Web Crypto) and, in tests, a local API. */
export function stripeClient(options: StripeOptions) {
  return new Stripe(options.secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(options.api ?? {}),
  });
}

/** Where physical goods ship (Stripe asks for the list; these are the countries creators sell from today). */
const SHIPPING_COUNTRIES: Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry[] = ["GB", "IE", "US", "CA", "AU", "NZ", "DE", "FR", "ES", "IT", "NL", "BE", "AT", "PT", "SE", "DK", "FI", "NO", "CH"];

/** Stripe Checkout in payment mode (ADR 017, ADR 018). */
export function stripeProvider(options: StripeOptions): PaymentProvider {
  const stripe = stripeClient(options);
  return {
    kind: "stripe",
    async createCheckout(request: CheckoutRequest): Promise<CreatedCheckout> {
      if (request.subscription) return createSubscriptionCheckout(stripe, request, request.subscription);
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          client_reference_id: request.reference,
          line_items: request.lines.map((l) => ({ quantity: l.quantity, price_data: { currency: request.currency.toLowerCase(), unit_amount: l.unitAmountMinor, product_data: { name: l.name } } })),
          ...(request.collectShipping ? { shipping_address_collection: { allowed_countries: SHIPPING_COUNTRIES } } : {}),
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          expires_at: Math.floor(request.expiresAt.getTime() / 1000),
          metadata: { ...request.metadata, tandem_reference: request.reference },
          payment_intent_data: {
            metadata: { ...request.metadata, tandem_reference: request.reference },
            // Funds stay with the platform until settlement; the creator's transfer names the same group.
            ...(request.transferGroup ? { transfer_group: request.transferGroup } : {}),
          },
        },
        // One session per Tandem checkout, however often the request is retried.
        { idempotencyKey: `checkout:${request.reference}` },
      );
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
      return { providerSessionId: session.id, url: session.url };
    },
  };
}

/** Verifies a webhook delivery's `Stripe-Signature` (300 s tolerance) and returns the event. */
export async function verifyStripeEvent(payload: string, signature: string, secret: string, nowMs: number): Promise<Stripe.Event> {
  return Stripe.webhooks.constructEventAsync(payload, signature, secret, 300, Stripe.createSubtleCryptoProvider(), nowMs);
}

async function createSubscriptionCheckout(stripe: Stripe, request: CheckoutRequest, subscription: NonNullable<CheckoutRequest["subscription"]>): Promise<CreatedCheckout> {
  if (!subscription.priceId) throw new Error("a Stripe subscription checkout needs the tier's price");
  const metadata = { ...request.metadata, tandem_reference: request.reference };
  const session = await stripe.checkout.sessions.create(
    {
      mode: "subscription",
      client_reference_id: request.reference,
      line_items: [{ price: subscription.priceId, quantity: 1 }],
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      expires_at: Math.floor(request.expiresAt.getTime() / 1000),
      metadata,
      // The subscription and its invoices carry Tandem's ids, so their events find their row in any order.
      subscription_data: { metadata },
    },
    { idempotencyKey: `checkout:${request.reference}` },
  );
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
  return { providerSessionId: session.id, url: session.url };
}

/** Stripe Billing for paid tiers (ADR 020): prices, the customer portal, plan changes with proration. */
export function stripeBilling(options: StripeOptions) {
  const stripe = stripeClient(options);
  return {
    /** A recurring price for a tier at an amount and interval (made once per key). */
    async createPrice(input: { tierId: string; name: string; amountMinor: number; currency: string; interval: "month" | "year" }) {
      const price = await stripe.prices.create(
        { unit_amount: input.amountMinor, currency: input.currency.toLowerCase(), recurring: { interval: input.interval }, product_data: { name: input.name, metadata: { tandem_tier: input.tierId } }, metadata: { tandem_tier: input.tierId } },
        { idempotencyKey: `price:${input.tierId}:${input.interval}:${input.amountMinor}:${input.currency}` },
      );
      return price.id;
    },
    async portal(customerId: string, returnUrl: string) {
      return (await stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl })).url;
    },
    /** Moves a subscription to another price now, prorating the rest of the period. */
    async changePrice(subscriptionId: string, priceId: string) {
      const current = await stripe.subscriptions.retrieve(subscriptionId);
      const item = current.items.data[0];
      if (!item) throw new Error(`subscription ${subscriptionId} has no item`);
      return stripe.subscriptions.update(subscriptionId, { items: [{ id: item.id, price: priceId }], proration_behavior: "create_prorations" });
    },
    async setCancelAtPeriodEnd(subscriptionId: string, cancel: boolean) {
      return stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: cancel });
    },
  };
}
