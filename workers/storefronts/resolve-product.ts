import { and, eq } from "drizzle-orm";
import { creators, links, products, storefronts } from "../db/d1/schema";
import type { D1Db } from "../db/d1/client";
import { referencedProducts, type StorefrontDoc } from "./blocks";
import { inList } from "../db/d1/in-list";

/**
 * A product as a storefront shows it: one the creator's published storefront references, found
 * by its handle (slug), with the creator's affiliate link for it when one was minted.
 */
export async function resolveStorefrontProduct(db: D1Db, handle: string, slug: string) {
  const creator = await db.select({ id: creators.id }).from(creators).where(eq(creators.handle, handle)).get();
  if (!creator) return null;
  const sf = await db.select({ published: storefronts.published }).from(storefronts).where(eq(storefronts.creatorId, creator.id)).get();
  if (!sf?.published) return null;
  const ids = referencedProducts(sf.published as StorefrontDoc);
  if (!ids.length) return null;
  const product = await db
    .select({ id: products.id, brandId: products.brandId, handle: products.handle })
    .from(products)
    .where(and(inList(products.id, ids), eq(products.handle, slug), eq(products.status, "active")))
    .get();
  if (!product) return null;
  const link = await db
    .select({ id: links.id, code: links.code, campaignId: links.campaignId })
    .from(links)
    // Only a link of the product's own brand (a link's brand is its campaign's): never another brand's link for it.
    .where(and(eq(links.creatorId, creator.id), eq(links.productId, product.id), eq(links.brandId, product.brandId)))
    .get();
  return { creatorId: creator.id, product, link: link ?? null };
}
