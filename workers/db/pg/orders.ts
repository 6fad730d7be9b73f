import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export const ORDER_STATUSES = ["pending", "paid", "fulfilled", "partially_refunded", "refunded", "disputed", "cancelled", "expired"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface ShippingAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  state: string | null;
  country: string;
}

/**
 * A purchase from a creator's storefront (ADR 018). Its status moves only along the order
 * state machine (`workers/money/order-state.ts`); amounts are fixed when the order is opened.
 */
export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    buyerUserId: text("buyer_user_id").notNull(),
    creatorId: text("creator_id").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("pending"),
    currency: text("currency").notNull(),
    totalMinor: bigint("total_minor", { mode: "number" }).notNull(),
    /** The platform's fee on this sale; the creator earns total − fee. */
    platformFeeMinor: bigint("platform_fee_minor", { mode: "number" }).notNull(),
    refundedMinor: bigint("refunded_minor", { mode: "number" }).notNull().default(0),
    needsShipping: boolean("needs_shipping").notNull().default(false),
    shipping: jsonb("shipping").$type<ShippingAddress>(),
    buyerEmail: text("buyer_email"),
    checkoutId: text("checkout_id"),
    /** The payment behind a paid order (Stripe's `pi_…`, or the manual provider's): refunds and disputes name it. */
    paymentIntentId: text("payment_intent_id").unique(),
    /** Groups the charge and the creator's later transfer (Stripe `transfer_group`). */
    transferGroup: text("transfer_group").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("orders_buyer").on(t.buyerUserId, t.createdAt), index("orders_creator").on(t.creatorId, t.createdAt)],
);

/** What an order bought, as it was when bought (title and price are copied, not referenced). */
export const orderItems = pgTable(
  "order_items",
  {
    orderId: text("order_id").notNull().references(() => orders.id),
    productId: text("product_id").notNull(),
    kind: text("kind", { enum: ["digital", "service", "physical", "membership"] }).notNull(),
    title: text("title").notNull(),
    unitPriceMinor: bigint("unit_price_minor", { mode: "number" }).notNull(),
    quantity: integer("quantity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.productId] })],
);
