import { and, asc, eq } from "drizzle-orm";
import { media, products, variants } from "../db/d1/schema";
import { brands, campaigns, collaborations } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { mediaRecord } from "../catalog/media";
import { inList } from "../db/d1/in-list";

/**
 * What a creator may put on their storefront: active products of brands whose active campaigns
 * they have joined, each with the campaign that pays for it (newest first when several do).
 */
export async function pickableProducts(deps: Deps, creatorId: string) {
  const pg = await deps.pg();
  const joined = await pg
    .select({ brandId: collaborations.brandId, campaignId: collaborations.campaignId, brandName: brands.name, createdAt: campaigns.createdAt })
    .from(collaborations)
    .innerJoin(campaigns, eq(campaigns.id, collaborations.campaignId))
    .innerJoin(brands, eq(brands.id, collaborations.brandId))
    .where(and(eq(collaborations.creatorId, creatorId), eq(collaborations.status, "accepted"), eq(campaigns.status, "active")))
    .orderBy(asc(campaigns.createdAt));
  const campaignByBrand = new Map<string, { campaignId: string; brandName: string }>();
  for (const j of joined) campaignByBrand.set(j.brandId, { campaignId: j.campaignId, brandName: j.brandName });
  const brandIds = [...campaignByBrand.keys()];
  if (!brandIds.length) return [];
  const rows = await deps.db
    .select()
    .from(products)
    .where(and(inList(products.brandId, brandIds), eq(products.status, "active")))
    .orderBy(asc(products.title))
    .limit(500);
  const ids = rows.map((r) => r.id);
  const [vs, ms] = ids.length
    ? await Promise.all([
        deps.db
          .select({ productId: variants.productId, priceMinor: variants.priceMinor, compareAtMinor: variants.compareAtMinor })
          .from(variants)
          .where(inList(variants.productId, ids))
          .orderBy(asc(variants.position)),
        deps.db.select().from(media).where(inList(media.productId, ids)).orderBy(asc(media.position)),
      ])
    : [[], []];
  return rows.map((p) => {
    const own = vs.filter((v) => v.productId === p.id);
    const cheapest = own.reduce<(typeof own)[number] | null>((a, v) => (!a || v.priceMinor < a.priceMinor ? v : a), null);
    const image = ms.find((m) => m.productId === p.id);
    const c = campaignByBrand.get(p.brandId)!;
    return {
      id: p.id,
      brandId: p.brandId,
      // What the storefront card shows under the title (the product's vendor, else the brand).
      brandName: p.vendor || c.brandName,
      categoryId: p.categoryId,
      campaignId: c.campaignId,
      handle: p.handle,
      title: p.title,
      currency: p.currency,
      priceMinor: cheapest?.priceMinor ?? 0,
      compareAtMinor: cheapest?.compareAtMinor ?? null,
      image: image ? mediaRecord(image) : null,
    };
  });
}
