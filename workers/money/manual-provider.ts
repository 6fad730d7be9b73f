import { newId } from "../lib/ids";
import type { CheckoutRequest, CreatedCheckout, PaymentProvider, ProviderEvent } from "./provider";

/**
 * Tandem's own test-mode checkout (DESIGN.md §2, ADR 017), for development and the offline demo:
 * the session is Tandem's checkout row itself, its page is the app's `/checkout/test/{id}` (a
 * pay button and a decline button, clearly marked as test mode), and paying or declining emits
 * the events Stripe would, handled by the same code.
 */
export function manualProvider(appOrigin: string): PaymentProvider {
  return {
    kind: "manual",
    async createCheckout(request: CheckoutRequest): Promise<CreatedCheckout> {
      const providerSessionId = newId("manualSession");
      return { providerSessionId, url: `${appOrigin}/checkout/test/${providerSessionId}` };
    },
  };
}

export type ManualOutcome = "pay" | "decline" | "expire";

/** The Stripe-shaped event a manual checkout's outcome produces (`checkout.session.*`). */
export interface ManualShipping {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  state?: string | null;
  country: string;
}

export function manualCheckoutEvent(
  session: { providerSessionId: string; reference: string; amountMinor: number; currency: string; metadata: Record<string, string> },
  outcome: ManualOutcome,
  nowMs: number,
  collected: { email?: string | null; shipping?: ManualShipping | null } = {},
): ProviderEvent {
  const paid = outcome === "pay";
  return {
    id: newId("manualEvent"),
    type: paid ? "checkout.session.completed" : outcome === "expire" ? "checkout.session.expired" : "checkout.session.async_payment_failed",
    created: Math.floor(nowMs / 1000),
    data: {
      object: {
        id: session.providerSessionId,
        object: "checkout.session",
        client_reference_id: session.reference,
        amount_total: session.amountMinor,
        currency: session.currency.toLowerCase(),
        metadata: session.metadata,
        mode: "payment",
        status: paid ? "complete" : outcome === "expire" ? "expired" : "complete",
        payment_status: paid ? "paid" : "unpaid",
        customer_details: collected.email ? { email: collected.email } : null,
        collected_information: collected.shipping
          ? {
              shipping_details: {
                name: collected.shipping.name,
                address: { line1: collected.shipping.line1, line2: collected.shipping.line2 ?? null, city: collected.shipping.city, postal_code: collected.shipping.postalCode, state: collected.shipping.state ?? null, country: collected.shipping.country },
              },
            }
          : null,
      },
    },
  };
}
