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

const MONTH_S = 30 * 86_400;
/** The end of a billing period that starts at `start` (seconds): a calendar month or year later, as Stripe bills. */
export function periodEnd(startS: number, interval: "month" | "year"): number {
  const d = new Date(startS * 1000);
  if (interval === "year") d.setUTCFullYear(d.getUTCFullYear() + 1);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return Math.floor(d.getTime() / 1000) || startS + MONTH_S;
}

/** The manual provider's `invoice.*` event for a subscription's period (Stripe-shaped: the handler reads the same fields). */
export function manualInvoiceEvent(input: { subscriptionId: string; providerSubscriptionId: string; amountMinor: number; currency: string; periodStart: number; periodEnd: number; reason: "subscription_create" | "subscription_cycle" | "subscription_update" }, paid: boolean, nowMs: number): ProviderEvent {
  return {
    id: newId("manualEvent"),
    type: paid ? "invoice.paid" : "invoice.payment_failed",
    created: Math.floor(nowMs / 1000),
    data: {
      object: {
        id: newId("manualInvoice"),
        object: "invoice",
        amount_paid: paid ? input.amountMinor : 0,
        amount_due: input.amountMinor,
        currency: input.currency.toLowerCase(),
        billing_reason: input.reason,
        status: paid ? "paid" : "open",
        period_start: input.periodStart,
        period_end: input.periodEnd,
        lines: { object: "list", data: [{ period: { start: input.periodStart, end: input.periodEnd } }] },
        parent: { type: "subscription_details", subscription_details: { subscription: input.providerSubscriptionId, metadata: { tandem_owner: input.subscriptionId } } },
      },
    },
  };
}

/** The manual provider's `customer.subscription.*` event: the subscription as it now stands. */
export function manualSubscriptionEvent(input: { subscriptionId: string; providerSubscriptionId: string; status: string; cancelAtPeriodEnd: boolean; periodEnd: number | null; priceId?: string | null }, deleted: boolean, nowMs: number): ProviderEvent {
  return {
    id: newId("manualEvent"),
    type: deleted ? "customer.subscription.deleted" : "customer.subscription.updated",
    created: Math.floor(nowMs / 1000),
    data: {
      object: {
        id: input.providerSubscriptionId,
        object: "subscription",
        status: deleted ? "canceled" : input.status,
        cancel_at_period_end: input.cancelAtPeriodEnd,
        metadata: { tandem_owner: input.subscriptionId },
        items: { object: "list", data: [{ current_period_end: input.periodEnd ?? undefined, ...(input.priceId ? { price: { id: input.priceId } } : {}) }] },
      },
    },
  };
}

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
  collected: { email?: string | null; shipping?: ManualShipping | null; subscription?: { id: string; customer: string } } = {},
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
        mode: collected.subscription ? "subscription" : "payment",
        ...(collected.subscription ? { subscription: collected.subscription.id, customer: collected.subscription.customer } : { payment_intent: paid ? `mpi_${session.reference}` : null }),
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
