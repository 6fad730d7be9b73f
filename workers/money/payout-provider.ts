import Stripe from "stripe";
import type { Config } from "../lib/config";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { ServiceAgreement } from "./payout-countries";
import { stripeClient } from "./stripe-provider";

export interface PayoutAccountState {
  accountId: string;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
}

/** A transfer the provider refused for good (not worth retrying): the payout fails and its money returns. */
export class PayoutRefused extends Error {}

/**
 * The payout side of the provider port (ADR 019): Stripe Connect Express accounts and transfers,
 * or the manual provider's stand-ins (an account that is enabled at once, a transfer that is paid
 * at once), driving the same payout states and ledger.
 */
export interface PayoutProvider {
  readonly kind: "stripe" | "manual";
  createAccount(input: { creatorId: string; email: string; country: string; agreement: ServiceAgreement }): Promise<PayoutAccountState>;
  onboardingLink(input: { accountId: string; returnUrl: string; refreshUrl: string }): Promise<string>;
  transfer(input: { payoutId: string; accountId: string; amountMinor: number; currency: string }): Promise<{ transferId: string }>;
}

export function stripePayouts(options: Parameters<typeof stripeClient>[0]): PayoutProvider {
  const stripe = stripeClient(options);
  return {
    kind: "stripe",
    async createAccount({ creatorId, email, country, agreement }) {
      const account = await stripe.accounts.create(
        {
          type: "express",
          country,
          email,
          capabilities: { transfers: { requested: true } },
          ...(agreement === "recipient" ? { tos_acceptance: { service_agreement: "recipient" } } : {}),
          metadata: { tandem_creator: creatorId },
        },
        // One account per creator, however often onboarding is started.
        { idempotencyKey: `account:${creatorId}` },
      );
      return { accountId: account.id, payoutsEnabled: account.payouts_enabled ?? false, detailsSubmitted: account.details_submitted ?? false, requirementsDue: account.requirements?.currently_due ?? [] };
    },
    async onboardingLink({ accountId, returnUrl, refreshUrl }) {
      const link = await stripe.accountLinks.create({ account: accountId, type: "account_onboarding", return_url: returnUrl, refresh_url: refreshUrl });
      return link.url;
    },
    async transfer({ payoutId, accountId, amountMinor, currency }) {
      try {
        const transfer = await stripe.transfers.create(
          { amount: amountMinor, currency: currency.toLowerCase(), destination: accountId, transfer_group: payoutId, metadata: { tandem_payout: payoutId } },
          // A retried payout never transfers twice.
          { idempotencyKey: `payout:${payoutId}` },
        );
        return { transferId: transfer.id };
      } catch (err) {
        // A request Stripe understood and refused (no funds, account not enabled) will not succeed on retry.
        if (err instanceof Stripe.errors.StripeInvalidRequestError || err instanceof Stripe.errors.StripePermissionError) throw new PayoutRefused(err.message);
        throw err;
      }
    },
  };
}

export function manualPayouts(appOrigin: string): PayoutProvider {
  return {
    kind: "manual",
    async createAccount() {
      return { accountId: newId("manualAccount"), payoutsEnabled: true, detailsSubmitted: true, requirementsDue: [] };
    },
    async onboardingLink({ returnUrl }) {
      return returnUrl.startsWith(appOrigin) ? returnUrl : appOrigin;
    },
    async transfer() {
      return { transferId: newId("manualTransfer") };
    },
  };
}

/** The configured payout provider, or a clear refusal where payments are not set up. */
export function payoutsFor(config: Config): PayoutProvider {
  const p = config.payments;
  if (p.kind === "stripe") return stripePayouts({ secretKey: p.secretKey, api: p.api });
  if (p.kind === "manual") return manualPayouts(config.appOrigin);
  throw new AppError("misconfigured", "Payouts are not set up on this deployment: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (`wrangler secret put`).");
}
