import { z } from "@hono/zod-openapi";
import { ATTRIBUTE_TYPES } from "../db/d1/catalog";

/** Lowercase words joined by hyphens, as product handles and category slugs are ("Été Dress" → "ete-dress"). */
export const handleize = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);

export const HANDLE_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const Handle = z.string().min(1).max(120).regex(HANDLE_RE, { error: "Lowercase letters, digits and single hyphens" });
const Currency = z.string().regex(/^[A-Z]{3}$/, { error: "A three-letter ISO 4217 code, e.g. USD" });
const Minor = z.number().int({ error: "Whole minor units (e.g. cents)" }).min(0).max(100_000_000_00);

export const AttributeValueSchema = z.union([
  z.string().max(500),
  z.number().min(-1e12).max(1e12),
  z.boolean(),
  z.object({ value: z.number().min(-1e12).max(1e12), unit: z.string().min(1).max(16) }).strict(),
]);

export const CategoryBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    slug: Handle.optional(),
    parentId: z.string().max(64).nullable().optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .openapi("CategoryInput");

export const CategoryPatch = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    slug: Handle.optional(),
    parentId: z.string().max(64).nullable().optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .openapi("CategoryPatch");

export const AttributeBody = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: "Lowercase letters, digits and underscores, starting with a letter" }),
    label: z.string().trim().min(1).max(80),
    type: z.enum(ATTRIBUTE_TYPES),
    options: z.array(z.string().trim().min(1).max(60)).max(100).default([]),
    required: z.boolean().default(false),
  })
  .strict()
  .superRefine((a, ctx) => {
    if ((a.type === "enum" || a.type === "unit") && a.options.length === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: a.type === "enum" ? "List the allowed values" : "List the allowed units, e.g. cm, in" });
    }
  })
  .openapi("AttributeInput");

export const AttributeSchema = z
  .object({ id: z.string(), categoryId: z.string(), key: z.string(), label: z.string(), type: z.enum(ATTRIBUTE_TYPES), options: z.array(z.string()), required: z.boolean(), inherited: z.boolean() })
  .openapi("Attribute");

export const CategorySchema = z
  .object({ id: z.string(), parentId: z.string().nullable(), name: z.string(), slug: z.string(), position: z.number().int(), path: z.array(z.string()), productCount: z.number().int() })
  .openapi("Category");

export const VariantBody = z
  .object({
    sku: z.string().trim().min(1).max(64).nullable().optional(),
    options: z.array(z.string().trim().min(1).max(60)).max(3).default([]),
    priceMinor: Minor,
    compareAtMinor: Minor.nullable().optional(),
    inventory: z.number().int().min(0).max(10_000_000).default(0),
    weightGrams: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict()
  .openapi("VariantInput");

const ProductFields = {
  handle: Handle,
  title: z.string().trim().min(1).max(200),
  descriptionHtml: z.string().max(100_000).default(""),
  vendor: z.string().trim().max(120).default(""),
  tags: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  status: z.enum(["draft", "active", "archived"]).default("draft"),
  categoryId: z.string().max(64).nullable().default(null),
  options: z.array(z.object({ name: z.string().trim().min(1).max(60), values: z.array(z.string().trim().min(1).max(60)).min(1).max(100) }).strict()).max(3, { error: "Up to three options" }).default([]),
  attributes: z.record(z.string(), AttributeValueSchema).default({}),
  currency: Currency.default("USD"),
  seoTitle: z.string().trim().max(70).nullable().default(null),
  seoDescription: z.string().trim().max(320).nullable().default(null),
  variants: z.array(VariantBody).min(1, { error: "At least one variant (it carries the price)" }).max(100),
};

export const ProductBody = z.object(ProductFields).strict().openapi("ProductInput");
export const ProductPatch = z
  .object(Object.fromEntries(Object.entries(ProductFields).map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)).optional()])) as { [K in keyof typeof ProductFields]: z.ZodOptional<(typeof ProductFields)[K]> })
  .strict()
  .openapi("ProductPatch");

export const MediaSchema = z
  .object({ id: z.string(), url: z.string(), contentType: z.string(), bytes: z.number().int(), width: z.number().int().nullable(), height: z.number().int().nullable(), alt: z.string(), position: z.number().int() })
  .openapi("Media");

export const VariantSchema = z
  .object({ id: z.string(), sku: z.string().nullable(), options: z.array(z.string()), priceMinor: z.number().int(), compareAtMinor: z.number().int().nullable(), inventory: z.number().int(), weightGrams: z.number().int() })
  .openapi("Variant");

export const ProductSchema = z
  .object({
    id: z.string(),
    brandId: z.string(),
    handle: z.string(),
    title: z.string(),
    descriptionHtml: z.string(),
    vendor: z.string(),
    tags: z.array(z.string()),
    status: z.enum(["draft", "active", "archived"]),
    categoryId: z.string().nullable(),
    options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    attributes: z.record(z.string(), AttributeValueSchema),
    currency: z.string(),
    seoTitle: z.string().nullable(),
    seoDescription: z.string().nullable(),
    variants: z.array(VariantSchema),
    media: z.array(MediaSchema),
    updatedAt: z.number().int(),
  })
  .openapi("Product");

export const ImportJobSchema = z
  .object({
    id: z.string(),
    format: z.enum(["shopify", "tandem"]),
    status: z.enum(["queued", "running", "completed", "failed"]),
    dryRun: z.boolean(),
    skipInvalid: z.boolean(),
    rows: z.number().int(),
    processed: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), column: z.string(), message: z.string() })),
    errorCount: z.number().int(),
    failure: z.string().nullable(),
    createdAt: z.number().int(),
    finishedAt: z.number().int().nullable(),
  })
  .openapi("CatalogImport");
