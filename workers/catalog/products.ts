import { and, asc, desc, eq, like, lt, or } from "drizzle-orm";
import type { z } from "zod";
import { categories, media, products, variants } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError, type FieldError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { effectiveAttributes, validateAttributes } from "./attributes";
import { mediaRecord } from "./media";
import { sanitizeHtml } from "./sanitize-html";
import type { ProductBody, ProductPatch } from "./schemas";
import { inList } from "../db/d1/in-list";

type ProductInput = z.infer<typeof ProductBody>;
type ProductRow = typeof products.$inferSelect;
type VariantRow = typeof variants.$inferSelect;

export const optionKey = (values: (string | null | undefined)[]) => values.map((v) => v ?? "").join("\u001f");

/** Checks what zod cannot: variants against the product's options, SKU and option-combination clashes. */
export function variantErrors(input: Pick<ProductInput, "options" | "variants">): FieldError[] {
  const errors: FieldError[] = [];
  const seenSku = new Set<string>();
  const seenCombo = new Set<string>();
  input.variants.forEach((v, i) => {
    const path = `body.variants.${i}`;
    if (v.options.length !== input.options.length) {
      errors.push({ path: `${path}.options`, message: `Give one value per product option (${input.options.map((o) => o.name).join(", ") || "none"})` });
    } else {
      v.options.forEach((val, j) => {
        if (!input.options[j]!.values.includes(val)) errors.push({ path: `${path}.options.${j}`, message: `"${val}" is not a value of ${input.options[j]!.name}` });
      });
    }
    if (v.sku) {
      if (seenSku.has(v.sku)) errors.push({ path: `${path}.sku`, message: "Used by another variant" });
      seenSku.add(v.sku);
    }
    const combo = optionKey(v.options);
    if (seenCombo.has(combo)) errors.push({ path: `${path}.options`, message: "Two variants have the same options" });
    seenCombo.add(combo);
    if (v.compareAtMinor != null && v.compareAtMinor < v.priceMinor) errors.push({ path: `${path}.compareAtMinor`, message: "The compare-at price is below the price" });
  });
  return errors;
}

async function checkCategory(deps: Deps, tenant: BrandTenant, categoryId: string | null, attributes: Record<string, unknown>) {
  if (categoryId) {
    const c = await deps.db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.id, categoryId), eq(categories.brandId, tenant.brandId)))
      .get();
    if (!c) throw new AppError("validation_failed", "That category is not in this catalog.", [{ path: "body.categoryId", message: "Unknown category" }]);
  }
  const errors = validateAttributes(await effectiveAttributes(deps, tenant.brandId, categoryId), attributes);
  if (errors.length) throw new AppError("validation_failed", "Some attributes do not fit the product's category.", errors);
}

/** The statements that write a product and exactly the given variants (kept by SKU or options, the rest removed). */
function writeStatements(deps: Deps, row: ProductRow, input: ProductInput, existing: VariantRow[]) {
  const bySku = new Map(existing.filter((v) => v.sku).map((v) => [v.sku!, v]));
  const byCombo = new Map(existing.map((v) => [v.optionKey, v]));
  const kept = new Set<string>();
  const variantRows: VariantRow[] = input.variants.map((v, i) => {
    const key = optionKey(v.options);
    const prior = (v.sku && bySku.get(v.sku)) || byCombo.get(key);
    const id = prior && !kept.has(prior.id) ? prior.id : newId("variant");
    kept.add(id);
    return {
      id,
      brandId: row.brandId,
      productId: row.id,
      sku: v.sku ?? null,
      option1: v.options[0] ?? null,
      option2: v.options[1] ?? null,
      option3: v.options[2] ?? null,
      optionKey: key,
      priceMinor: v.priceMinor,
      compareAtMinor: v.compareAtMinor ?? null,
      inventory: v.inventory,
      weightGrams: v.weightGrams,
      position: i,
    };
  });
  // Replace the product's variants in the same batch (ids kept), so reordered option combinations never clash.
  return [
    deps.db
      .insert(products)
      .values(row)
      .onConflictDoUpdate({ target: products.id, set: { ...row, id: undefined, createdAt: undefined } }),
    deps.db.delete(variants).where(and(eq(variants.productId, row.id), eq(variants.brandId, row.brandId))),
    ...variantRows.map((v) => deps.db.insert(variants).values(v)),
  ];
}

async function ownProductRow(deps: Deps, tenant: BrandTenant, id: string) {
  const row = await deps.db
    .select()
    .from(products)
    .where(and(eq(products.id, id), eq(products.brandId, tenant.brandId)))
    .get();
  if (!row) throw new AppError("not_found", `No product ${id} in this catalog.`);
  return row;
}

async function commit(deps: Deps, stmts: ReturnType<typeof writeStatements>) {
  try {
    await deps.db.batch(stmts as [(typeof stmts)[0], ...typeof stmts]);
  } catch (e) {
    if (isUniqueViolation(e)) {
      const msg = String((e as Error).cause ?? e);
      if (/handle/.test(msg)) throw new AppError("conflict", "Another product already uses this handle.", [{ path: "body.handle", message: "Already used in this catalog" }]);
      throw new AppError("conflict", "A SKU is already used by another product in this catalog.", [{ path: "body.variants", message: "SKU already used" }]);
    }
    throw e;
  }
}

async function assertHandleFree(deps: Deps, tenant: BrandTenant, handle: string) {
  const taken = await deps.db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.brandId, tenant.brandId), eq(products.handle, handle)))
    .get();
  if (taken) throw new AppError("conflict", "Another product already uses this handle.", [{ path: "body.handle", message: "Already used in this catalog" }]);
}

export async function createProduct(deps: Deps, tenant: BrandTenant, input: ProductInput) {
  const errors = variantErrors(input);
  if (errors.length) throw new AppError("validation_failed", "Some variants are invalid.", errors);
  await checkCategory(deps, tenant, input.categoryId, input.attributes);
  const now = deps.now();
  const { variants: _v, ...fields } = input;
  const row: ProductRow = { ...fields, id: newId("product"), brandId: tenant.brandId, descriptionHtml: sanitizeHtml(input.descriptionHtml), createdAt: now, updatedAt: now };
  await assertHandleFree(deps, tenant, input.handle);
  await commit(deps, writeStatements(deps, row, input, []));
  return getProduct(deps, tenant, row.id);
}

export async function updateProduct(deps: Deps, tenant: BrandTenant, id: string, patch: z.infer<typeof ProductPatch>) {
  const current = await ownProductRow(deps, tenant, id);
  const existing = await deps.db
    .select()
    .from(variants)
    .where(and(eq(variants.productId, id), eq(variants.brandId, tenant.brandId)))
    .orderBy(asc(variants.position));
  const merged: ProductInput = {
    handle: patch.handle ?? current.handle,
    title: patch.title ?? current.title,
    descriptionHtml: patch.descriptionHtml ?? current.descriptionHtml,
    vendor: patch.vendor ?? current.vendor,
    tags: patch.tags ?? current.tags,
    status: patch.status ?? current.status,
    categoryId: patch.categoryId === undefined ? current.categoryId : patch.categoryId,
    options: patch.options ?? current.options,
    attributes: patch.attributes ?? current.attributes,
    currency: patch.currency ?? current.currency,
    seoTitle: patch.seoTitle === undefined ? current.seoTitle : patch.seoTitle,
    seoDescription: patch.seoDescription === undefined ? current.seoDescription : patch.seoDescription,
    variants:
      patch.variants ??
      existing.map((v) => ({
        sku: v.sku,
        options: [v.option1, v.option2, v.option3].filter((o): o is string => o !== null),
        priceMinor: v.priceMinor,
        compareAtMinor: v.compareAtMinor,
        inventory: v.inventory,
        weightGrams: v.weightGrams,
      })),
  };
  const errors = variantErrors(merged);
  if (errors.length) throw new AppError("validation_failed", "Some variants are invalid.", errors);
  await checkCategory(deps, tenant, merged.categoryId, merged.attributes);
  if (merged.handle !== current.handle) await assertHandleFree(deps, tenant, merged.handle);
  const { variants: _v, ...fields } = merged;
  const row: ProductRow = { ...current, ...fields, descriptionHtml: sanitizeHtml(merged.descriptionHtml), updatedAt: deps.now() };
  await commit(deps, writeStatements(deps, row, merged, existing));
  return getProduct(deps, tenant, id);
}

export async function deleteProduct(deps: Deps, tenant: BrandTenant, id: string) {
  await ownProductRow(deps, tenant, id);
  await deps.db.batch([
    deps.db.delete(variants).where(and(eq(variants.productId, id), eq(variants.brandId, tenant.brandId))),
    deps.db.delete(media).where(and(eq(media.productId, id), eq(media.brandId, tenant.brandId))),
    deps.db.delete(products).where(and(eq(products.id, id), eq(products.brandId, tenant.brandId))),
  ]);
}

export function variantRecord(v: VariantRow) {
  return {
    id: v.id,
    sku: v.sku,
    options: [v.option1, v.option2, v.option3].filter((o): o is string => o !== null),
    priceMinor: v.priceMinor,
    compareAtMinor: v.compareAtMinor,
    inventory: v.inventory,
    weightGrams: v.weightGrams,
  };
}

function productRecord(p: ProductRow, vs: VariantRow[], ms: (typeof media.$inferSelect)[]) {
  const { createdAt: _c, ...rest } = p;
  return { ...rest, variants: vs.map(variantRecord), media: ms.map(mediaRecord) };
}

export async function getProduct(deps: Deps, tenant: BrandTenant, id: string) {
  const p = await ownProductRow(deps, tenant, id);
  const [vs, ms] = await Promise.all([
    deps.db
      .select()
      .from(variants)
      .where(and(eq(variants.productId, id), eq(variants.brandId, tenant.brandId)))
      .orderBy(asc(variants.position)),
    deps.db
      .select()
      .from(media)
      .where(and(eq(media.productId, id), eq(media.brandId, tenant.brandId)))
      .orderBy(asc(media.position)),
  ]);
  return productRecord(p, vs, ms);
}

export interface ProductQuery {
  status?: "draft" | "active" | "archived";
  categoryId?: string;
  q?: string;
  before?: string;
  limit: number;
}

/** Newest first, keyset-paginated by id; variants and media included. */
export async function listProducts(deps: Deps, tenant: BrandTenant, query: ProductQuery) {
  const where = [eq(products.brandId, tenant.brandId)];
  if (query.status) where.push(eq(products.status, query.status));
  if (query.categoryId) where.push(eq(products.categoryId, query.categoryId));
  if (query.q) where.push(or(like(products.title, `%${query.q}%`), like(products.handle, `%${query.q}%`))!);
  if (query.before) where.push(lt(products.id, query.before));
  const rows = await deps.db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(desc(products.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const ids = page.map((p) => p.id);
  const [vs, ms] = ids.length
    ? await Promise.all([
        deps.db
          .select()
          .from(variants)
          .where(and(eq(variants.brandId, tenant.brandId), inList(variants.productId, ids)))
          .orderBy(asc(variants.position)),
        deps.db
          .select()
          .from(media)
          .where(and(eq(media.brandId, tenant.brandId), inList(media.productId, ids)))
          .orderBy(asc(media.position)),
      ])
    : [[], []];
  return {
    items: page.map((p) =>
      productRecord(
        p,
        vs.filter((v) => v.productId === p.id),
        ms.filter((m) => m.productId === p.id)
      )
    ),
    nextBefore: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}
