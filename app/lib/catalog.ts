import { formatMoney, fractionDigits } from "./money";

/** The catalog as the gateway returns it (`/api/v1/catalog`). */
export interface Category {
  id: string;
  parentId: string | null;
  name: string;
  slug: string;
  position: number;
  path: string[];
  productCount: number;
}

export type AttributeType = "text" | "number" | "enum" | "boolean" | "unit";

export interface Attribute {
  id: string;
  categoryId: string;
  key: string;
  label: string;
  type: AttributeType;
  options: string[];
  required: boolean;
  inherited: boolean;
}

export type AttributeValue = string | number | boolean | { value: number; unit: string };

export interface Variant {
  id: string;
  sku: string | null;
  options: string[];
  priceMinor: number;
  compareAtMinor: number | null;
  inventory: number;
  weightGrams: number;
}

export interface Media {
  id: string;
  url: string;
  contentType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  alt: string;
  position: number;
}

export type ProductStatus = "draft" | "active" | "archived";

export interface Product {
  id: string;
  handle: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  tags: string[];
  status: ProductStatus;
  categoryId: string | null;
  options: { name: string; values: string[] }[];
  attributes: Record<string, AttributeValue>;
  currency: string;
  variants: Variant[];
  media: Media[];
  updatedAt: number;
}

export interface ImportJob {
  id: string;
  format: "shopify" | "tandem";
  status: "queued" | "running" | "completed" | "failed";
  dryRun: boolean;
  skipInvalid: boolean;
  rows: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  errors: { line: number; column: string; message: string }[];
  errorCount: number;
  failure: string | null;
  createdAt: number;
  finishedAt: number | null;
}

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

/** Minor units as the text a person types ("1299" → "12.99"), without going through floats. */
export function minorToInput(minor: number | null | undefined, currency: string): string {
  if (minor == null) return "";
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, "0");
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** Lowercase words joined by hyphens, as product handles and category slugs are. */
export const handleize = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);

/** An attribute key from its label: "Sleeve length" → "sleeve_length". */
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
