import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { assertBrandDestination, assertCampaignDestinationsVerified } from "../brands/domains";
import { getCampaign } from "../campaigns/update-campaign";
import { creators, links, products } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { newLinkCode } from "./codes";
import type { MintLinkBody } from "./schemas";

export const linkRecord = (l: typeof links.$inferSelect, origin: string) => ({
  id: l.id,
  code: l.code,
  url: `${origin}/l/${l.code}`,
  campaignId: l.campaignId,
  creatorId: l.creatorId,
  productId: l.productId,
  destination: l.destination,
  promoCode: l.promoCode,
  createdAt: new Date(l.createdAt).toISOString(),
});

/**
 * Mints the link for (campaign, product or landing page, creator), or returns the one that
 * exists: minting is idempotent per triple, even under concurrent calls.
 */
export async function mintLink(deps: Deps, tenant: BrandTenant, input: z.infer<typeof MintLinkBody>, origin: string) {
  const campaign = await getCampaign(deps, tenant, input.campaignId);
  if (campaign.status === "ended") throw new AppError("conflict", "This campaign has ended; it takes no new links.");
  const creator = await deps.db.select({ id: creators.id }).from(creators).where(eq(creators.id, input.creatorId)).get();
  if (!creator) throw new AppError("validation_failed", "No such creator.", [{ path: "body.creatorId", message: "No such creator" }]);
  if (input.productId) {
    // A link for a product pays the campaign's brand, so the product must be that brand's own.
    const product = await deps.db.select({ id: products.id }).from(products).where(and(eq(products.id, input.productId), eq(products.brandId, campaign.brandId))).get();
    if (!product) throw new AppError("validation_failed", "Not a product of this campaign's brand.", [{ path: "body.productId", message: "Not a product of this campaign's brand" }]);
  }
  const destination = await assertBrandDestination(deps, tenant.brandId, input.destination, "body.destination");
  // A link to a draft falls back to the campaign's pages: they too must be on verified domains.
  if (campaign.status === "draft") await assertCampaignDestinationsVerified(deps, tenant.brandId, campaign, "campaign.");
  const targetKey = input.productId ? `product:${input.productId}` : `url:${destination}`;
  const triple = and(eq(links.campaignId, campaign.id), eq(links.creatorId, creator.id), eq(links.targetKey, targetKey));

  const existing = await deps.db.select().from(links).where(triple).get();
  if (existing) return { created: false, link: linkRecord(existing, origin) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const [row] = await deps.db
        .insert(links)
        .values({
          id: newId("link"),
          code: newLinkCode(),
          brandId: tenant.brandId,
          campaignId: campaign.id,
          creatorId: creator.id,
          productId: input.productId ?? null,
          targetKey,
          destination,
          promoCode: input.promoCode ?? null,
          createdAt: deps.now(),
        })
        .returning();
      return { created: true, link: linkRecord(row!, origin) };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      if (input.promoCode && String((e as { cause?: unknown }).cause ?? e).includes("promo_code")) {
        throw new AppError("conflict", `Promo code ${input.promoCode} is already used by another of your links.`, [{ path: "body.promoCode", message: "Already in use" }]);
      }
      // Either a concurrent mint of the same triple won (return it) or the code collided (retry).
      const winner = await deps.db.select().from(links).where(triple).get();
      if (winner) return { created: false, link: linkRecord(winner, origin) };
    }
  }
  throw new AppError("internal", "Could not mint a unique link code.");
}
