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
