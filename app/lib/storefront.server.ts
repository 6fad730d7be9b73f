import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { creatorProducts, creators, media, products, stockHolds, storefronts, variants } from "../../workers/db/d1/schema";
import { referencedProducts, type StorefrontDoc } from "../../workers/storefronts/blocks";
import type { ProductCard, ShopItem, StorefrontData } from "../components/storefront/types";
import { inList } from "../../workers/db/d1/in-list";

/** The D1 bookmark cookie a publish leaves, so the creator reads their own write at once. */
export const BOOKMARK_COOKIE = "tandem_sfb";

export function bookmarkOf(request: Request): string | null {
  const m = /(?:^|;\s*)tandem_sfb=([^;]+)/.exec(request.headers.get("cookie") ?? "");
  return m ? decodeURIComponent(m[1]!) : null;
}

function db(env: Env, bookmark: string | null) {
  const binding = bookmark ? (env.DB.withSession(bookmark) as unknown as D1Database) : env.DB;
  return drizzle(binding, { schema: { creators, storefronts, products, variants, media, creatorProducts, stockHolds } });
}

export type HandleParam = string | undefined;

/** "/@mia" → "mia"; anything else is not a storefront. */
export function handleFrom(param: HandleParam): string | null {
  return param && /^@[a-z0-9_]{2,30}$/.test(param) ? param.slice(1) : null;
}

export interface LoadedStorefront {
  doc: StorefrontDoc;
  data: StorefrontData;
  version: number;
  bio: string;
}

/** Everything one storefront page needs, in a handful of D1 reads. */
export async function loadStorefront(env: Env, handle: string, bookmark: string | null): Promise<LoadedStorefront | null> {
  const d = db(env, bookmark);
  const row = await d
    .select({ creatorId: creators.id, displayName: creators.displayName, bio: creators.bio, published: storefronts.published, version: storefronts.publishedVersion })
    .from(creators)
    .innerJoin(storefronts, eq(storefronts.creatorId, creators.id))
    .where(eq(creators.handle, handle))
    .get();
  if (!row?.published || row.version == null) return null;
  const doc = row.published as StorefrontDoc;
  const ids = referencedProducts(doc);
  const collections = doc.blocks.filter((b) => b.type === "collection");
  const direct = ids.length
    ? await d
        .select()
        .from(products)
        .where(and(inList(products.id, ids), eq(products.status, "active")))
    : [];
  const byCollection: Record<string, (typeof direct)[number][]> = {};
  for (const b of collections) {
    if (b.type !== "collection") continue;
    const where = [eq(products.brandId, b.props.brandId), eq(products.status, "active")];
    if (b.props.categoryId) where.push(eq(products.categoryId, b.props.categoryId));
    byCollection[b.id] = await d
      .select()
      .from(products)
      .where(and(...where))
      .orderBy(asc(products.title))
      .limit(b.props.limit);
  }
  const all = [...direct, ...Object.values(byCollection).flat()];
  const cards = await productCards(d, all);
  const shop = doc.blocks.some((b) => b.type === "shop") ? await shopItems(d, row.creatorId) : undefined;
  return {
    doc,
    version: row.version,
    bio: row.bio,
    data: {
      handle,
      displayName: row.displayName,
      products: Object.fromEntries(direct.map((p) => [p.id, cards.get(p.id)!])),
      collections: Object.fromEntries(Object.entries(byCollection).map(([id, ps]) => [id, ps.map((p) => cards.get(p.id)!)])),
      shop,
      resizeImages: env.ENVIRONMENT === "production",
      turnstileSiteKey: env.TURNSTILE_SITE_KEY || null,
    },
  };
}

async function productCards(d: ReturnType<typeof db>, rows: (typeof products.$inferSelect)[]) {
  const ids = [...new Set(rows.map((p) => p.id))];
  if (!ids.length) return new Map<string, ProductCard>();
  const [vs, ms] = await Promise.all([
    d
      .select({ productId: variants.productId, priceMinor: variants.priceMinor, compareAtMinor: variants.compareAtMinor })
      .from(variants)
      .where(inList(variants.productId, ids))
      .orderBy(asc(variants.position)),
    d.select().from(media).where(inList(media.productId, ids)).orderBy(asc(media.position)),
  ]);
  return new Map(
    rows.map((p) => {
      const own = vs.filter((v) => v.productId === p.id);
      const cheapest = own.reduce<(typeof own)[number] | null>((a, v) => (!a || v.priceMinor < a.priceMinor ? v : a), null);
      const m = ms.find((x) => x.productId === p.id);
      const card: ProductCard = {
        id: p.id,
        handle: p.handle,
        title: p.title,
        brandName: p.vendor,
        currency: p.currency,
        priceMinor: cheapest?.priceMinor ?? 0,
        compareAtMinor: cheapest?.compareAtMinor ?? null,
        image: m ? { url: m.key ? `/media/${m.key}` : m.url!, width: m.width, height: m.height, alt: m.alt || p.title } : null,
      };
      return [p.id, card] as const;
    })
  );
}

/** One product page: the product must be on the creator's published storefront. */
export async function loadStorefrontProduct(env: Env, handle: string, slug: string, bookmark: string | null) {
  const sf = await loadStorefront(env, handle, bookmark);
  if (!sf) return null;
  const card = [...Object.values(sf.data.products), ...Object.values(sf.data.collections).flat()].find((p) => p.handle === slug);
  if (!card) return null;
  const d = db(env, bookmark);
  const [product, vs, ms] = await Promise.all([
    d.select().from(products).where(eq(products.id, card.id)).get(),
    d.select().from(variants).where(eq(variants.productId, card.id)).orderBy(asc(variants.position)),
    d.select().from(media).where(eq(media.productId, card.id)).orderBy(asc(media.position)),
  ]);
  if (!product) return null;
  return {
    sf,
    card,
    product: { ...product, variants: vs, images: ms.map((m) => ({ url: m.key ? `/media/${m.key}` : m.url!, width: m.width, height: m.height, alt: m.alt || product.title })) },
  };
}

/** The creator's own products on sale, newest first, each marked sold out when its stock is held or sold (ADR 018). */
async function shopItems(d: ReturnType<typeof db>, creatorId: string, slug?: string): Promise<ShopItem[]> {
  const rows = await d
    .select()
    .from(creatorProducts)
    .where(and(eq(creatorProducts.creatorId, creatorId), eq(creatorProducts.status, "active"), ...(slug ? [eq(creatorProducts.slug, slug)] : [])))
    .orderBy(desc(creatorProducts.createdAt))
    .limit(48);
  const limited = rows.filter((r) => r.inventory !== null).map((r) => r.id);
  const taken = limited.length
    ? await d
        .select({ productId: stockHolds.productId, n: sql<number>`sum(${stockHolds.quantity})` })
        .from(stockHolds)
        .where(and(inList(stockHolds.productId, limited), ne(stockHolds.status, "released")))
        .groupBy(stockHolds.productId)
    : [];
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    title: r.title,
    description: r.description,
    priceMinor: r.priceMinor,
    currency: r.currency,
    imageUrl: r.imageUrl,
    soldOut: r.inventory !== null && r.inventory - Number(taken.find((t) => t.productId === r.id)?.n ?? 0) <= 0,
  }));
}

/** One of the creator's own products, for its page: on sale, on a published storefront. */
export async function loadShopProduct(env: Env, handle: string, slug: string, bookmark: string | null) {
  const sf = await loadStorefront(env, handle, bookmark);
  if (!sf) return null;
  const d = db(env, bookmark);
  const creator = await d.select({ id: creators.id }).from(creators).where(eq(creators.handle, handle)).get();
  const [item] = creator ? await shopItems(d, creator.id, slug) : [];
  return item ? { sf, item } : null;
}

const versions = new Map<string, { version: number | null; at: number }>();

/** The live version of a handle's storefront (memoised per isolate for 2 s): part of the page cache key, so a publish is a new key everywhere. */
export async function liveVersion(env: Env, handle: string): Promise<number | null> {
  const hit = versions.get(handle);
  if (hit && Date.now() - hit.at < 2000) return hit.version;
  const row = await db(env, null)
    .select({ version: storefronts.publishedVersion })
    .from(creators)
    .innerJoin(storefronts, eq(storefronts.creatorId, creators.id))
    .where(eq(creators.handle, handle))
    .get();
  const version = row?.version ?? null;
  if (versions.size > 10_000) versions.clear();
  versions.set(handle, { version, at: Date.now() });
  return version;
}
