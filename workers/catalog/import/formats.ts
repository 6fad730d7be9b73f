import { parseMoney } from "../../lib/money";
import { HANDLE_RE } from "../schemas";
import type { ImportError } from "../../db/d1/catalog";
import { toCsv } from "../../lib/csv";

export type ImportFormat = "shopify" | "tandem";

export interface RowProduct {
  title: string;
  descriptionHtml: string;
  vendor: string;
  tags: string[];
  status: "draft" | "active" | "archived";
  category: string | null;
  seoTitle: string | null;
  seoDescription: string | null;
  optionNames: string[];
  /** attribute key → raw cell text, typed later against the category's definitions */
  attributes: Record<string, string>;
}
export interface RowVariant {
  sku: string | null;
  options: string[];
  priceMinor: number;
  compareAtMinor: number | null;
  inventory: number;
  weightGrams: number;
}
export interface ImportRow {
  line: number;
  handle: string;
  product: RowProduct | null;
  variant: RowVariant | null;
  image: { url: string; position: number; alt: string } | null;
  errors: ImportError[];
}

/** Our own format: one row per variant, product fields repeated (or left blank) on each. */
export const TANDEM_COLUMNS = [
  "handle", "title", "description_html", "vendor", "category", "tags", "status",
  "option1_name", "option1_value", "option2_name", "option2_value", "option3_name", "option3_value",
  "sku", "price", "compare_at_price", "inventory", "weight_grams", "image_url", "image_alt", "seo_title", "seo_description",
] as const;

interface Columns {
  handle: string; title: string; body: string; vendor: string; category: string; tags: string; status: string; published?: string;
  optName: [string, string, string]; optValue: [string, string, string];
  sku: string; price: string; compareAt: string; inventory: string; grams: string;
  imageSrc: string; imagePosition?: string; imageAlt: string; seoTitle: string; seoDescription: string;
}

const SHOPIFY: Columns = {
  handle: "Handle", title: "Title", body: "Body (HTML)", vendor: "Vendor", category: "Type", tags: "Tags", status: "Status", published: "Published",
  optName: ["Option1 Name", "Option2 Name", "Option3 Name"], optValue: ["Option1 Value", "Option2 Value", "Option3 Value"],
  sku: "Variant SKU", price: "Variant Price", compareAt: "Variant Compare At Price", inventory: "Variant Inventory Qty", grams: "Variant Grams",
  imageSrc: "Image Src", imagePosition: "Image Position", imageAlt: "Image Alt Text", seoTitle: "SEO Title", seoDescription: "SEO Description",
};
const TANDEM: Columns = {
  handle: "handle", title: "title", body: "description_html", vendor: "vendor", category: "category", tags: "tags", status: "status",
  optName: ["option1_name", "option2_name", "option3_name"], optValue: ["option1_value", "option2_value", "option3_value"],
  sku: "sku", price: "price", compareAt: "compare_at_price", inventory: "inventory", grams: "weight_grams",
  imageSrc: "image_url", imageAlt: "image_alt", seoTitle: "seo_title", seoDescription: "seo_description",
};

export const REQUIRED_COLUMNS: Record<ImportFormat, string[]> = { shopify: ["Handle", "Title", "Variant Price"], tandem: ["handle", "title", "price"] };

/** Checks the header; returns the reader for data rows or the missing columns. */
export function rowReader(format: ImportFormat, header: string[], currency: string) {
  const names = header.map((h) => h.trim());
  const missing = REQUIRED_COLUMNS[format].filter((c) => !names.includes(c));
  if (missing.length) return { missing } as const;
  const idx = new Map(names.map((n, i) => [n, i]));
  const cols = format === "shopify" ? SHOPIFY : TANDEM;
  const attrColumns = format === "tandem" ? names.filter((n) => n.startsWith("attr.")).map((n) => [n, n.slice(5)] as const) : [];
  return { read: (line: number, fields: string[]) => readRow(format, cols, idx, attrColumns, header.length, currency, line, fields) } as const;
}

function readRow(format: ImportFormat, cols: Columns, idx: Map<string, number>, attrColumns: (readonly [string, string])[], width: number, currency: string, line: number, fields: string[]): ImportRow {
  const get = (c: string | undefined) => (c === undefined || !idx.has(c) ? "" : (fields[idx.get(c)!] ?? "").trim());
  const errors: ImportError[] = [];
  const err = (column: string, message: string) => errors.push({ line, column, message });
  const handle = get(cols.handle).toLowerCase();
  const row: ImportRow = { line, handle, product: null, variant: null, image: null, errors };
  if (fields.length !== width) err("*", `The row has ${fields.length} fields; the header has ${width}`);
  if (!handle) err(cols.handle, "A handle is required on every row");
  else if (!HANDLE_RE.test(handle) || handle.length > 120) err(cols.handle, "Use lowercase letters, digits and single hyphens");

  const title = get(cols.title);
  // Shopify: the product's fields sit on its first row only. Ours: any row with a title carries them.
  if (title) {
    let status: RowProduct["status"] = "active";
    const s = get(cols.status).toLowerCase();
    if (s) {
      if (s === "active" || s === "draft" || s === "archived") status = s;
      else err(cols.status, "Use active, draft or archived");
    } else if (cols.published && get(cols.published)) {
      status = /^(true|yes|1)$/i.test(get(cols.published)) ? "active" : "draft";
    }
    if (title.length > 200) err(cols.title, "Up to 200 characters");
    const attributes: Record<string, string> = {};
    for (const [column, key] of attrColumns) {
      const v = get(column);
      if (v) attributes[key] = v;
    }
    row.product = {
      title: title.slice(0, 200),
      descriptionHtml: get(cols.body),
      vendor: get(cols.vendor).slice(0, 120),
      tags: get(cols.tags).split(",").map((t) => t.trim()).filter(Boolean).slice(0, 50),
      status,
      category: get(cols.category) || null,
      seoTitle: get(cols.seoTitle).slice(0, 70) || null,
      seoDescription: get(cols.seoDescription).slice(0, 320) || null,
      // Shopify writes "Title" / "Default Title" for a product without options.
      optionNames: format === "shopify" && get(cols.optName[0]) === "Title" && get(cols.optValue[0]) === "Default Title" ? [] : cols.optName.map(get).filter(Boolean),
      attributes,
    };
  }

  const optionValues = cols.optValue.map(get);
  const hasVariant = !!(get(cols.price) || get(cols.sku) || optionValues.some(Boolean));
  if (hasVariant) {
    const money = (c: string, required: boolean): number | null => {
      const raw = get(c);
      if (!raw) {
        if (required) err(c, "A price is required");
        return null;
      }
      if (/^-/.test(raw)) return (err(c, "Cannot be negative"), null);
      const v = parseMoney(raw, currency);
      if (v === null) err(c, `Not an amount in ${currency}`);
      return v;
    };
    const int = (c: string) => {
      const raw = get(c);
      if (!raw) return 0;
      if (!/^-?\d+(\.0+)?$/.test(raw)) return (err(c, "Expected a whole number"), 0);
      const n = Number.parseInt(raw, 10);
      if (n < 0) return format === "shopify" && c === cols.inventory ? 0 : (err(c, "Cannot be negative"), 0);
      return n;
    };
    const priceMinor = money(cols.price, true);
    const compareAtMinor = money(cols.compareAt, false);
    if (priceMinor !== null && compareAtMinor !== null && compareAtMinor < priceMinor) err(cols.compareAt, "Below the price");
    const sku = get(cols.sku);
    if (sku.length > 64) err(cols.sku, "Up to 64 characters");
    // Shopify writes "Default Title" for products without options.
    const options = optionValues.filter((v, i) => v && !(i === 0 && v === "Default Title" && format === "shopify"));
    row.variant = { sku: sku || null, options, priceMinor: priceMinor ?? 0, compareAtMinor, inventory: int(cols.inventory), weightGrams: int(cols.grams) };
  }

  const src = get(cols.imageSrc);
  if (src) {
    if (!/^https:\/\/[^\s]+$/i.test(src)) err(cols.imageSrc, "Use an https:// image URL");
    const pos = Number.parseInt(get(cols.imagePosition) || "0", 10);
    row.image = { url: src, position: Number.isFinite(pos) ? pos : 0, alt: get(cols.imageAlt).slice(0, 200) };
  }
  if (!row.product && !row.variant && !row.image && handle) err(cols.title, "The row has neither product, variant nor image data");
  return row;
}

/** The downloadable template for our format, with two example products. */
export function tandemTemplate(): string {
  return toCsv(
    [...TANDEM_COLUMNS, "attr.material"],
    [
      ["linen-shirt", "Linen shirt", "<p>Breathable linen, relaxed fit.</p>", "Maison Demo", "Women > Tops", "linen,summer", "active", "Size", "S", "Colour", "Sand", "", "", "LS-S-SAND", "59.00", "79.00", "12", "220", "https://images.example.com/linen-shirt.jpg", "Sand linen shirt", "", "", "Linen"],
      ["linen-shirt", "", "", "", "", "", "", "", "M", "", "Sand", "", "", "LS-M-SAND", "59.00", "79.00", "8", "230", "", "", "", "", ""],
      ["canvas-tote", "Canvas tote", "<p>Everyday tote.</p>", "Maison Demo", "Accessories", "", "draft", "", "", "", "", "", "", "CT-1", "25.00", "", "40", "400", "", "", "Canvas tote bag", "A sturdy canvas tote.", ""],
    ],
  );
}
