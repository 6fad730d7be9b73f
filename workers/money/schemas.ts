import { z } from "@hono/zod-openapi";

/** Currencies money moves in: wallets, creator products and orders (those Stripe settles for the platform's accounts). */
export const PAYMENT_CURRENCIES = ["GBP", "USD", "EUR"] as const;

export const TopUpBody = z
  .object({
    amountMinor: z.number({ error: "A whole number of minor units (pence, cents)" }).int({ error: "A whole number of minor units (pence, cents)" }).min(500, { error: "At least 500 (5.00)" }).max(10_000_000, { error: "At most 10,000,000 (100,000.00) per top-up" }),
    currency: z.enum(PAYMENT_CURRENCIES, { error: `One of ${PAYMENT_CURRENCIES.join(", ")}` }),
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

const Line = z.object({ name: z.string(), unitAmountMinor: z.number().int(), quantity: z.number().int() });

export const TestCheckoutSchema = z
  .object({
    sessionId: z.string(),
    lines: z.array(Line),
    /** The payer must give a shipping address (physical goods). */
    collectShipping: z.boolean(),
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

const text = (max: number, label: string) => z.string({ error: `${label} is required` }).trim().min(1, { error: `${label} is required` }).max(max, { error: `At most ${max} characters` });

export const ShippingBody = z
  .object({
    name: text(120, "A name"),
    line1: text(200, "An address"),
    line2: z.string().trim().max(200).nullable().optional(),
    city: text(100, "A town or city"),
    postalCode: text(20, "A postcode"),
    state: z.string().trim().max(100).nullable().optional(),
    country: z.string().regex(/^[A-Z]{2}$/, { error: "A two-letter country code (GB, US …)" }),
  })
  .strict();

export const TestPayBody = z.object({ shipping: ShippingBody.nullable().optional() }).strict();

const CheckoutItems = z
  .array(
    z
      .object({
        productId: z.string({ error: "A product id" }).min(1, { error: "A product id" }).max(64),
        quantity: z.number({ error: "A whole number from 1 to 99" }).int({ error: "A whole number from 1 to 99" }).min(1, { error: "At least 1" }).max(99, { error: "At most 99" }),
      })
      .strict(),
    { error: "A list of {productId, quantity}" },
  )
  .min(1, { error: "At least one item" })
  .max(20, { error: "At most 20 items per order" })
  .refine((items) => new Set(items.map((i) => i.productId)).size === items.length, { error: "Each product once (use its quantity)" });

/** One of two forms (a flat object, so every bad field is named): creator products, or a paid tier. */
export const CheckoutBody = z
  .object({
    items: CheckoutItems.optional(),
    tierId: z.string({ error: "A tier id" }).min(1, { error: "A tier id" }).max(64).optional(),
    interval: z.enum(["month", "year"], { error: "month or year" }).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.items && (b.tierId || b.interval)) ctx.addIssue({ code: "custom", path: ["tierId"], message: "Buy products or a tier, not both" });
    else if (!b.items && !b.tierId) ctx.addIssue({ code: "custom", path: ["items"], message: "Send items, or a tierId and interval" });
    else if (b.tierId && !b.interval) ctx.addIssue({ code: "custom", path: ["interval"], message: "month or year" });
  })
  .openapi("CheckoutRequest", { description: "`{items:[{productId, quantity}]}` buys a creator's products; `{tierId, interval}` subscribes to a paid tier. (Paid drop claims come with paid drops.)" });

export const CheckoutCreatedSchema = z.object({ orderId: z.string(), url: z.url() }).openapi("CheckoutCreated", { description: "Send the buyer to `url` to pay." });

export const OrderSchema = z
  .object({
    id: z.string(),
    role: z.enum(["buyer", "seller"]),
    status: z.enum(["pending", "paid", "fulfilled", "partially_refunded", "refunded", "disputed", "cancelled", "expired"]),
    currency: z.string(),
    totalMinor: z.number().int(),
    refundedMinor: z.number().int(),
    earningsMinor: z.number().int().nullable(),
    seller: z.object({ creatorId: z.string(), handle: z.string().nullable(), displayName: z.string() }),
    buyerEmail: z.string().nullable(),
    items: z.array(z.object({ productId: z.string(), kind: z.enum(["digital", "service", "physical", "membership"]), title: z.string(), unitPriceMinor: z.number().int(), quantity: z.number().int() })),
    needsShipping: z.boolean(),
    shipping: z.object({ name: z.string(), line1: z.string(), line2: z.string().nullable(), city: z.string(), postalCode: z.string(), state: z.string().nullable(), country: z.string() }).nullable(),
    downloads: z.array(z.object({ productId: z.string(), title: z.string(), fileName: z.string(), url: z.string() })),
    checkoutUrl: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    paidAt: z.string().nullable(),
    fulfilledAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .openapi("Order");
