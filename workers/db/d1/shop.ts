import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const CREATOR_PRODUCT_KINDS = ["digital", "service", "physical"] as const;
export type CreatorProductKind = (typeof CREATOR_PRODUCT_KINDS)[number];

/**
 * What a creator sells themselves (ADR 018), beside the brands' products they promote through
 * affiliate links: a digital download (a private file in R2, delivered by expiring signed
 * links), a service or booking, or a physical good (a shipping address is collected). Edge
 * content, so it lives in D1 next to the storefront that shows it; orders live in Postgres.
 */
export const creatorProducts = sqliteTable(
  "creator_products",
  {
    id: text("id").primaryKey(),
    creatorId: text("creator_id").notNull(),
    kind: text("kind", { enum: CREATOR_PRODUCT_KINDS }).notNull(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    priceMinor: integer("price_minor").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ["draft", "active", "archived"] }).notNull(),
    /** Units that can be sold; null: no limit (downloads, most services). */
    inventory: integer("inventory"),
    imageUrl: text("image_url"),
    /** Digital: the file, under the bucket's private prefix (never served by /media). */
    fileKey: text("file_key"),
    fileName: text("file_name"),
    fileBytes: integer("file_bytes"),
    fileType: text("file_type"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("creator_products_slug").on(t.creatorId, t.slug), index("creator_products_creator_idx").on(t.creatorId, t.status, t.updatedAt)],
);

/**
 * Stock held for an order while its checkout is open (ADR 018). A product's stock left is its
 * `inventory` minus what is held or sold, taken in one INSERT … SELECT, so two buyers of the
 * last unit cannot both hold it. A hold is released when its order expires or is declined.
 */
export const stockHolds = sqliteTable(
  "stock_holds",
  {
    orderId: text("order_id").notNull(),
    productId: text("product_id").notNull(),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: ["held", "sold", "released"] }).notNull(),
    /** When the checkout stops accepting payment: a hold still `held` after it is checked against its order. */
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.productId] }), index("stock_holds_product_idx").on(t.productId, t.status), index("stock_holds_due_idx").on(t.status, t.expiresAt)],
);
