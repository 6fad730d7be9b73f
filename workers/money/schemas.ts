import { z } from "@hono/zod-openapi";

/** Currencies a wallet can hold (those Stripe settles for the platform's accounts). */
export const WALLET_CURRENCIES = ["GBP", "USD", "EUR"] as const;

export const TopUpBody = z
  .object({
    amountMinor: z.number({ error: "A whole number of minor units (pence, cents)" }).int({ error: "A whole number of minor units (pence, cents)" }).min(500, { error: "At least 500 (5.00)" }).max(10_000_000, { error: "At most 10,000,000 (100,000.00) per top-up" }),
    currency: z.enum(WALLET_CURRENCIES, { error: `One of ${WALLET_CURRENCIES.join(", ")}` }),
  })
  .strict()
  .openapi("TopUpRequest");

export const TopUpSchema = z
  .object({ topUpId: z.string(), url: z.url(), status: z.string(), expiresAt: z.string() })
  .openapi("TopUp", { description: "Open the url to pay: Stripe Checkout, or Tandem's test-mode checkout without Stripe." });

export const WalletSchema = z
  .object({
    /** Per currency: what the wallet holds to spend, and what live campaigns hold of what they committed from it. */
    balances: z.array(z.object({ currency: z.string(), availableMinor: z.number().int(), committedMinor: z.number().int() })),
    topUps: z.array(z.object({ id: z.string(), amountMinor: z.number().int(), currency: z.string(), status: z.enum(["open", "complete", "declined", "expired"]), url: z.string().nullable(), createdAt: z.string(), completedAt: z.string().nullable() })),
  })
  .openapi("Wallet");

export const TestCheckoutSchema = z
  .object({
    sessionId: z.string(),
    description: z.string(),
    amountMinor: z.number().int(),
    currency: z.string(),
    status: z.enum(["open", "complete", "declined", "expired"]),
    expiresAt: z.string(),
    successUrl: z.string(),
    cancelUrl: z.string(),
  })
  .openapi("TestCheckout");

export const WebhookAckSchema = z.object({ received: z.literal(true), outcome: z.string() }).openapi("WebhookAck");
