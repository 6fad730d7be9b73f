import type { z } from "zod";
import { handleize, type AttributeSchema, type AttributeValueSchema, type CategorySchema, type ImportJobSchema, type MediaSchema, type ProductSchema, type VariantSchema } from "../../workers/catalog/schemas";
import { formatMoney, minorToInput } from "./money";

/** The catalog as the gateway returns it (`/api/v1/catalog`): the types come from the gateway's own response schemas. */
export type Category = z.infer<typeof CategorySchema>;
export type Attribute = z.infer<typeof AttributeSchema>;
export type AttributeType = Attribute["type"];
export type AttributeValue = z.infer<typeof AttributeValueSchema>;
export type Variant = z.infer<typeof VariantSchema>;
export type Media = z.infer<typeof MediaSchema>;
export type Product = z.infer<typeof ProductSchema>;
export type ProductStatus = Product["status"];
export type ImportJob = z.infer<typeof ImportJobSchema>;

export const STATUS_LABEL: Record<ProductStatus, string> = { active: "Active", draft: "Draft", archived: "Archived" };

export const ATTRIBUTE_TYPE_LABEL: Record<AttributeType, string> = {
  text: "Text",
  number: "Number",
  enum: "Choice from a list",
  boolean: "Yes or no",
  unit: "Measurement with unit",
};

/** "£12.00" or "£12.00 – £18.00" over a product's variants. */
export function priceRange(p: Pick<Product, "variants" | "currency">): string {
  if (!p.variants.length) return "—";
  const prices = p.variants.map((v) => v.priceMinor);
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  return lo === hi ? formatMoney(lo, p.currency) : `${formatMoney(lo, p.currency)} – ${formatMoney(hi, p.currency)}`;
}

/** An attribute key from its label: "Sleeve length" → "sleeve_length". */
export { handleize, minorToInput };

export const attributeKey = (label: string) =>
  handleize(label)
    .replace(/-/g, "_")
    .replace(/^[^a-z]+/, "")
    .slice(0, 40);

export const splitList = (s: string) =>
  s
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

export const CURRENCIES = ["GBP", "USD", "EUR", "CAD", "AUD", "INR", "JPY", "SEK"] as const;

/** The currency a brand most likely sells in, from its country. */
export function currencyFor(country: string): string {
  const byCountry: Record<string, string> = { GB: "GBP", US: "USD", CA: "CAD", AU: "AUD", IN: "INR", JP: "JPY", SE: "SEK", IE: "EUR", DE: "EUR", FR: "EUR", ES: "EUR", IT: "EUR", NL: "EUR" };
  return byCountry[country] ?? "USD";
}

export const dateTime = (ms: number) => new Date(ms).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
