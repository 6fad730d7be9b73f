import { and, desc, eq, ne } from "drizzle-orm";
import type { z } from "@hono/zod-openapi";
import { creatorProducts, creators } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { CreateCreatorProductBody, UpdateCreatorProductBody } from "./schemas";
import { stockCounts } from "./stock";

type Row = typeof creatorProducts.$inferSelect;
type Creator = typeof creators.$inferSelect;

export function creatorProductRecord(p: Row, counts: { held: number; sold: number } = { held: 0, sold: 0 }) {
  return {
    id: p.id,
    creatorId: p.creatorId,
    kind: p.kind,
    slug: p.slug,
    title: p.title,
    description: p.description,
    priceMinor: p.priceMinor,
    currency: p.currency,
    status: p.status,
    inventory: p.inventory,
    available: p.inventory === null ? null : Math.max(0, p.inventory - counts.held - counts.sold),
    sold: counts.sold,
    imageUrl: p.imageUrl,
    file: p.fileKey ? { name: p.fileName!, bytes: p.fileBytes!, type: p.fileType! } : null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

async function withCounts(deps: Deps, rows: Row[]) {
  const counts = await stockCounts(deps.db, rows.map((r) => r.id));
  return rows.map((r) => creatorProductRecord(r, counts.get(r.id)));
}

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "product";

/** A slug unique among the creator's products: the title's, then -2, -3 … */
async function freeSlug(deps: Deps, creatorId: string, title: string, exceptId?: string) {
  const base = slugOf(title);
  for (let n = 1; n < 500; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const taken = await deps.db
      .select({ id: creatorProducts.id })
      .from(creatorProducts)
      .where(and(eq(creatorProducts.creatorId, creatorId), eq(creatorProducts.slug, slug), ...(exceptId ? [ne(creatorProducts.id, exceptId)] : [])))
      .get();
    if (!taken) return slug;
  }
  throw new AppError("conflict", "Too many products share this title; give it a different one.", [{ path: "body.title", message: "Choose a more distinct title" }]);
}

/** A digital product goes on sale only with its file; the rest need nothing more. */
function assertSellable(p: { kind: Row["kind"]; status: Row["status"]; fileKey: string | null }) {
  if (p.status === "active" && p.kind === "digital" && !p.fileKey) {
    throw new AppError("validation_failed", "Upload the file buyers will download before putting this product on sale.", [{ path: "body.status", message: "A digital product needs its file first" }]);
  }
}

export async function listMyProducts(deps: Deps, creator: Creator) {
  const rows = await deps.db.select().from(creatorProducts).where(eq(creatorProducts.creatorId, creator.id)).orderBy(desc(creatorProducts.updatedAt)).all();
  return withCounts(deps, rows);
}

export async function createProduct(deps: Deps, creator: Creator, input: z.infer<typeof CreateCreatorProductBody>) {
  assertSellable({ kind: input.kind, status: input.status, fileKey: null });
  const now = deps.now();
  const row: Row = {
    id: newId("creatorProduct"),
    creatorId: creator.id,
    kind: input.kind,
    slug: await freeSlug(deps, creator.id, input.title),
    title: input.title,
    description: input.description,
    priceMinor: input.priceMinor,
    currency: input.currency,
    status: input.status,
    inventory: input.inventory,
    imageUrl: input.imageUrl,
    fileKey: null,
    fileName: null,
    fileBytes: null,
    fileType: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.insert(creatorProducts).values(row);
  return creatorProductRecord(row);
}

export async function ownProduct(deps: Deps, creator: Creator, productId: string) {
  const row = await deps.db.select().from(creatorProducts).where(and(eq(creatorProducts.id, productId), eq(creatorProducts.creatorId, creator.id))).get();
  if (!row) throw new AppError("not_found", `No product ${productId} of yours.`);
  return row;
}

export async function updateProduct(deps: Deps, creator: Creator, productId: string, patch: z.infer<typeof UpdateCreatorProductBody>) {
  const row = await ownProduct(deps, creator, productId);
  const next = { ...row, ...patch };
  assertSellable(next);
  const slug = patch.title && patch.title !== row.title ? await freeSlug(deps, creator.id, patch.title, row.id) : row.slug;
  await deps.db
    .update(creatorProducts)
    .set({ ...patch, slug, updatedAt: deps.now() })
    .where(and(eq(creatorProducts.id, row.id), eq(creatorProducts.creatorId, creator.id)));
  const [record] = await withCounts(deps, [(await ownProduct(deps, creator, productId))]);
  return record!;
}

/** A creator's products on sale, for their storefront (public). */
export async function productsOnSale(deps: Deps, creatorId: string) {
  const rows = await deps.db.select().from(creatorProducts).where(and(eq(creatorProducts.creatorId, creatorId), eq(creatorProducts.status, "active"))).orderBy(desc(creatorProducts.createdAt)).all();
  return withCounts(deps, rows);
}
