import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * A brand's catalog lives at the edge: storefronts read it on every request. Every row carries
 * `brand_id` and every query filters by it (tenancy is enforced in the domain functions).
 */

/** A node of the category tree (any depth); siblings are ordered by `position`. */
export const categories = sqliteTable(
  "categories",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull(),
    parentId: text("parent_id"),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    position: integer("position").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("categories_brand_parent_idx").on(t.brandId, t.parentId, t.position), uniqueIndex("categories_brand_slug").on(t.brandId, t.slug)],
);

export const ATTRIBUTE_TYPES = ["text", "number", "enum", "boolean", "unit"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** An attribute a category defines; its subcategories inherit it (and cannot redefine its key). */
export const categoryAttributes = sqliteTable(
  "category_attributes",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull(),
    categoryId: text("category_id").notNull(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type", { enum: ATTRIBUTE_TYPES }).notNull(),
    /** enum: the allowed values; unit: the allowed units. */
    options: text("options", { mode: "json" }).$type<string[]>().notNull(),
    required: integer("required", { mode: "boolean" }).notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("category_attributes_key").on(t.categoryId, t.key), index("category_attributes_brand_idx").on(t.brandId)],
);

export type ProductOption = { name: string; values: string[] };
export type AttributeValue = string | number | boolean | { value: number; unit: string };

export const products = sqliteTable(
  "products",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull(),
    categoryId: text("category_id"),
    handle: text("handle").notNull(),
    title: text("title").notNull(),
    /** Sanitised on every write; safe to render as HTML. */
    descriptionHtml: text("description_html").notNull(),
    vendor: text("vendor").notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: ["draft", "active", "archived"] }).notNull(),
    options: text("options", { mode: "json" }).$type<ProductOption[]>().notNull(),
    attributes: text("attributes", { mode: "json" }).$type<Record<string, AttributeValue>>().notNull(),
    currency: text("currency").notNull(),
    seoTitle: text("seo_title"),
    seoDescription: text("seo_description"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("products_brand_handle").on(t.brandId, t.handle),
    index("products_brand_category_idx").on(t.brandId, t.categoryId),
    index("products_brand_status_idx").on(t.brandId, t.status, t.updatedAt),
  ],
);

export const variants = sqliteTable(
  "variants",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull(),
    productId: text("product_id").notNull(),
    sku: text("sku"),
    option1: text("option1"),
    option2: text("option2"),
    option3: text("option3"),
    /** option1/option2/option3 joined: identifies a SKU-less variant within its product. */
    optionKey: text("option_key").notNull(),
    priceMinor: integer("price_minor").notNull(),
    compareAtMinor: integer("compare_at_minor"),
    inventory: integer("inventory").notNull(),
    weightGrams: integer("weight_grams").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    uniqueIndex("variants_brand_sku").on(t.brandId, t.sku).where(sql`${t.sku} is not null`),
    uniqueIndex("variants_product_options").on(t.productId, t.optionKey),
  ],
);

/** An image of a product: stored in R2 (`key`) or referenced by URL (`url`, from imports). */
export const media = sqliteTable(
  "media",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull(),
    productId: text("product_id"),
    key: text("key"),
    url: text("url"),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    alt: text("alt").notNull(),
    position: integer("position").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("media_product_idx").on(t.productId, t.position), uniqueIndex("media_product_url").on(t.productId, t.url)],
);

export const IMPORT_STATUSES = ["queued", "running", "completed", "failed"] as const;
export type ImportError = { line: number; column: string; message: string };

/** A CSV import job: the file waits in R2, a queue consumer streams it in batches. */
export const catalogImports = sqliteTable(
  "catalog_imports",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull(),
    format: text("format", { enum: ["shopify", "tandem"] }).notNull(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull(),
    dryRun: integer("dry_run", { mode: "boolean" }).notNull(),
    skipInvalid: integer("skip_invalid", { mode: "boolean" }).notNull(),
    currency: text("currency").notNull(),
    fileKey: text("file_key").notNull(),
    fileBytes: integer("file_bytes").notNull(),
    rows: integer("rows").notNull(),
    processed: integer("processed").notNull(),
    created: integer("created").notNull(),
    updated: integer("updated").notNull(),
    skipped: integer("skipped").notNull(),
    errors: text("errors", { mode: "json" }).$type<ImportError[]>().notNull(),
    errorCount: integer("error_count").notNull(),
    failure: text("failure"),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("catalog_imports_brand_idx").on(t.brandId, t.createdAt)],
);
