import { z } from "@hono/zod-openapi";
import { CREATOR_PRODUCT_KINDS } from "../db/d1/shop";
import { PAYMENT_CURRENCIES } from "../money/schemas";

const minor = (min: number, max: number, label: string) =>
  z
    .number({ error: "A whole number of minor units (pence, cents)" })
    .int({ error: "A whole number of minor units (pence, cents)" })
    .min(min, { error: `At least ${min} (${label})` })
    .max(max, { error: `At most ${max}` });

const ImageUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https:\/\//i.test(u) || /^\/media\/(?!private\/)/.test(u), { error: "Use an uploaded image or an https:// image URL" });

const fields = {
  kind: z.enum(CREATOR_PRODUCT_KINDS, { error: `One of ${CREATOR_PRODUCT_KINDS.join(", ")}` }),
  title: z.string().trim().min(1, { error: "A title is required" }).max(120, { error: "At most 120 characters" }),
  description: z.string().trim().max(2000, { error: "At most 2,000 characters" }),
  // Stripe's smallest charge is about 0.30 in these currencies; 1.00 leaves room for its fee.
  priceMinor: minor(100, 100_000_00, "1.00"),
  currency: z.enum(PAYMENT_CURRENCIES, { error: `One of ${PAYMENT_CURRENCIES.join(", ")}` }),
  inventory: z.number({ error: "A whole number of units, or null for no limit" }).int({ error: "A whole number of units, or null for no limit" }).min(0, { error: "At least 0" }).max(1_000_000, { error: "At most 1,000,000" }).nullable(),
  imageUrl: ImageUrl.nullable(),
  status: z.enum(["draft", "active", "archived"], { error: "draft, active or archived" }),
};

export const CreateCreatorProductBody = z
  .object({ ...fields, description: fields.description.default(""), inventory: fields.inventory.default(null), imageUrl: fields.imageUrl.default(null), status: fields.status.default("draft") })
  .strict()
  .openapi("CreateCreatorProduct");

/** Every field optional; the kind is fixed once the product exists. */
export const UpdateCreatorProductBody = z
  .object({ title: fields.title, description: fields.description, priceMinor: fields.priceMinor, currency: fields.currency, inventory: fields.inventory, imageUrl: fields.imageUrl, status: fields.status })
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, { error: "Send at least one field to change" })
  .openapi("UpdateCreatorProduct");

export const CreatorProductSchema = z
  .object({
    id: z.string(),
    creatorId: z.string(),
    kind: z.enum(CREATOR_PRODUCT_KINDS),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    priceMinor: z.number().int(),
    currency: z.string(),
    status: z.enum(["draft", "active", "archived"]),
    inventory: z.number().int().nullable(),
    /** Units left to sell (inventory less what is held by open checkouts and sold); null: no limit. */
    available: z.number().int().nullable(),
    sold: z.number().int(),
    imageUrl: z.string().nullable(),
    file: z.object({ name: z.string(), bytes: z.number().int(), type: z.string() }).nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi("CreatorProduct");
