import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { categories, categoryAttributes, products } from "../db/d1/schema";
import { isUniqueViolation } from "../lib/db-errors";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { effectiveAttributes, validateAttributes } from "./attributes";
import { handleize, type AttributeBody, type CategoryBody, type CategoryPatch } from "./schemas";
import { inList } from "../db/d1/in-list";

type Category = typeof categories.$inferSelect;

export const slugify = (s: string) => handleize(s) || "item";

/** Every category of the brand, in tree order (depth first, siblings by position), with its path of names. */
export async function listCategories(deps: Deps, tenant: BrandTenant) {
  const rows = await deps.db.select().from(categories).where(eq(categories.brandId, tenant.brandId)).orderBy(asc(categories.position), asc(categories.createdAt));
  const counts = await deps.db.select({ categoryId: products.categoryId, n: count() }).from(products).where(eq(products.brandId, tenant.brandId)).groupBy(products.categoryId);
  const n = new Map(counts.map((c) => [c.categoryId, c.n]));
  const children = new Map<string | null, Category[]>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const out: (Category & { path: string[]; productCount: number })[] = [];
  const walk = (parent: string | null, path: string[]) => {
    for (const c of children.get(parent) ?? []) {
      out.push({ ...c, path: [...path, c.name], productCount: n.get(c.id) ?? 0 });
      walk(c.id, [...path, c.name]);
    }
  };
  walk(null, []);
  return out.map(({ brandId: _b, createdAt: _c, updatedAt: _u, ...c }) => c);
}

async function ownCategory(deps: Deps, tenant: BrandTenant, id: string): Promise<Category> {
  const row = await deps.db
    .select()
    .from(categories)
    .where(and(eq(categories.id, id), eq(categories.brandId, tenant.brandId)))
    .get();
  if (!row) throw new AppError("not_found", `No category ${id} in this catalog.`);
  return row;
}

async function nextPosition(deps: Deps, brandId: string, parentId: string | null) {
  const r = await deps.db
    .select({ max: sql<number | null>`max(${categories.position})` })
    .from(categories)
    .where(and(eq(categories.brandId, brandId), parentId ? eq(categories.parentId, parentId) : isNull(categories.parentId)))
    .get();
  return (r?.max ?? -1) + 1;
}

export async function createCategory(deps: Deps, tenant: BrandTenant, input: z.infer<typeof CategoryBody>) {
  const parentId = input.parentId ?? null;
  if (parentId)
    await ownCategory(deps, tenant, parentId).catch(() => {
      throw new AppError("validation_failed", "The parent category does not exist in this catalog.", [{ path: "body.parentId", message: "Unknown category" }]);
    });
  const now = deps.now();
  const row: Category = {
    id: newId("category"),
    brandId: tenant.brandId,
    parentId,
    name: input.name,
    slug: input.slug ?? slugify(input.name),
    position: input.position ?? (await nextPosition(deps, tenant.brandId, parentId)),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await deps.db.insert(categories).values(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `A category with the slug "${row.slug}" already exists.`, [{ path: "body.slug", message: "Already used in this catalog" }]);
    throw e;
  }
  if (input.position !== undefined) await reorderSiblings(deps, tenant.brandId, parentId, row.id, input.position);
  return ownCategory(deps, tenant, row.id);
}

/** Puts `id` at `position` among its siblings and renumbers them 0..n-1 in one batch. */
async function reorderSiblings(deps: Deps, brandId: string, parentId: string | null, id: string, position: number) {
  const sibs = await deps.db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.brandId, brandId), parentId ? eq(categories.parentId, parentId) : isNull(categories.parentId)))
    .orderBy(asc(categories.position), asc(categories.createdAt));
  const order = sibs.map((s) => s.id).filter((s) => s !== id);
  order.splice(Math.min(position, order.length), 0, id);
  const stmts = order.map((cid, i) =>
    deps.db
      .update(categories)
      .set({ position: i })
      .where(and(eq(categories.id, cid), eq(categories.brandId, brandId)))
  );
  if (stmts.length) await deps.db.batch(stmts as [(typeof stmts)[0], ...typeof stmts]);
}

/** Rename, re-slug, move (no cycles) or reorder. A move that would leave products without a required attribute is refused. */
export async function updateCategory(deps: Deps, tenant: BrandTenant, id: string, input: z.infer<typeof CategoryPatch>) {
  const current = await ownCategory(deps, tenant, id);
  const parentId = input.parentId === undefined ? current.parentId : input.parentId;
  if (parentId !== current.parentId && parentId) {
    const all = await deps.db.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(eq(categories.brandId, tenant.brandId));
    const parent = new Map(all.map((c) => [c.id, c.parentId]));
    if (!parent.has(parentId)) throw new AppError("validation_failed", "The new parent does not exist in this catalog.", [{ path: "body.parentId", message: "Unknown category" }]);
    for (let p: string | null | undefined = parentId; p; p = parent.get(p)) {
      if (p === id) throw new AppError("validation_failed", "A category cannot move inside itself or its own subcategories.", [{ path: "body.parentId", message: "Would create a cycle" }]);
    }
  }
  try {
    await deps.db
      .update(categories)
      .set({ name: input.name ?? current.name, slug: input.slug ?? current.slug, parentId, updatedAt: deps.now() })
      .where(and(eq(categories.id, id), eq(categories.brandId, tenant.brandId)));
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `A category with the slug "${input.slug}" already exists.`, [{ path: "body.slug", message: "Already used in this catalog" }]);
    throw e;
  }
  if (parentId !== current.parentId) {
    const invalid = await invalidProductsUnder(deps, tenant, id);
    if (invalid) {
      await deps.db.update(categories).set({ parentId: current.parentId }).where(eq(categories.id, id));
      throw new AppError("conflict", `Moving here would leave ${invalid.count} product(s) invalid: ${invalid.example}.`, [
        { path: "body.parentId", message: "Products would miss required attributes" },
      ]);
    }
  }
  if (input.position !== undefined || parentId !== current.parentId) {
    await reorderSiblings(deps, tenant.brandId, parentId, id, input.position ?? Number.MAX_SAFE_INTEGER);
  }
  return ownCategory(deps, tenant, id);
}

/** Products in a category's subtree that fail their (possibly new) effective attributes. */
async function invalidProductsUnder(deps: Deps, tenant: BrandTenant, rootId: string) {
  const all = await deps.db.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(eq(categories.brandId, tenant.brandId));
  const subtree = new Set([rootId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of all) if (c.parentId && subtree.has(c.parentId) && !subtree.has(c.id)) subtree.add(c.id), (grew = true);
  }
  const rows = await deps.db
    .select({ handle: products.handle, categoryId: products.categoryId, attributes: products.attributes })
    .from(products)
    .where(and(eq(products.brandId, tenant.brandId), inList(products.categoryId, [...subtree])));
  let bad = 0;
  let example = "";
  const defsByCategory = new Map<string, Awaited<ReturnType<typeof effectiveAttributes>>>();
  for (const p of rows) {
    if (!defsByCategory.has(p.categoryId!)) defsByCategory.set(p.categoryId!, await effectiveAttributes(deps, tenant.brandId, p.categoryId));
    const errs = validateAttributes(defsByCategory.get(p.categoryId!)!, p.attributes);
    if (errs.length) bad++, (example ||= `${p.handle} (${errs[0]!.path.split(".").pop()}: ${errs[0]!.message})`);
  }
  return bad ? { count: bad, example } : null;
}

export async function deleteCategory(deps: Deps, tenant: BrandTenant, id: string) {
  await ownCategory(deps, tenant, id);
  const child = await deps.db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.brandId, tenant.brandId), eq(categories.parentId, id)))
    .get();
  if (child) throw new AppError("conflict", "Move or delete its subcategories first.");
  const product = await deps.db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.brandId, tenant.brandId), eq(products.categoryId, id)))
    .get();
  if (product) throw new AppError("conflict", "Move its products to another category first.");
  await deps.db.batch([
    deps.db.delete(categoryAttributes).where(and(eq(categoryAttributes.categoryId, id), eq(categoryAttributes.brandId, tenant.brandId))),
    deps.db.delete(categories).where(and(eq(categories.id, id), eq(categories.brandId, tenant.brandId))),
  ]);
}

/** Attributes a category defines and inherits (`inherited` marks the ancestors'). */
export async function listAttributes(deps: Deps, tenant: BrandTenant, categoryId: string) {
  await ownCategory(deps, tenant, categoryId);
  const defs = await effectiveAttributes(deps, tenant.brandId, categoryId);
  return defs.map((d) => ({ id: d.id, categoryId: d.categoryId, key: d.key, label: d.label, type: d.type, options: d.options, required: d.required, inherited: d.categoryId !== categoryId }));
}

export async function defineAttribute(deps: Deps, tenant: BrandTenant, categoryId: string, input: z.infer<typeof AttributeBody>) {
  await ownCategory(deps, tenant, categoryId);
  const inherited = await effectiveAttributes(deps, tenant.brandId, categoryId);
  if (inherited.some((d) => d.key === input.key)) {
    throw new AppError("conflict", `"${input.key}" is already defined here or by a parent category.`, [{ path: "body.key", message: "Already defined (attributes are inherited)" }]);
  }
  // Defined on a descendant? Then the child's definition would shadow this one: refuse too.
  const all = await deps.db.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(eq(categories.brandId, tenant.brandId));
  const below = new Set([categoryId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of all) if (c.parentId && below.has(c.parentId) && !below.has(c.id)) below.add(c.id), (grew = true);
  }
  const clash = await deps.db
    .select({ id: categoryAttributes.id })
    .from(categoryAttributes)
    .where(and(eq(categoryAttributes.brandId, tenant.brandId), eq(categoryAttributes.key, input.key), inList(categoryAttributes.categoryId, [...below])))
    .get();
  if (clash) throw new AppError("conflict", `A subcategory already defines "${input.key}".`, [{ path: "body.key", message: "Defined by a subcategory" }]);
  if (input.required) {
    const withProducts = await deps.db
      .select({ id: products.id, attributes: products.attributes })
      .from(products)
      .where(and(eq(products.brandId, tenant.brandId), inList(products.categoryId, [...below])));
    const missing = withProducts.filter((p) => p.attributes[input.key] === undefined).length;
    if (missing)
      throw new AppError("conflict", `${missing} product(s) in this category have no ${input.label}; add it as optional, fill it in, then make it required.`, [
        { path: "body.required", message: "Existing products lack this attribute" },
      ]);
  }
  const row = { id: newId("attribute"), brandId: tenant.brandId, categoryId, ...input, position: inherited.filter((d) => d.categoryId === categoryId).length };
  await deps.db.insert(categoryAttributes).values(row);
  return { ...row, inherited: false };
}

export async function deleteAttribute(deps: Deps, tenant: BrandTenant, categoryId: string, attributeId: string) {
  await ownCategory(deps, tenant, categoryId);
  const res = await deps.db
    .delete(categoryAttributes)
    .where(and(eq(categoryAttributes.id, attributeId), eq(categoryAttributes.categoryId, categoryId), eq(categoryAttributes.brandId, tenant.brandId)))
    .returning({ id: categoryAttributes.id });
  if (!res.length) throw new AppError("not_found", `No attribute ${attributeId} on this category.`);
}
