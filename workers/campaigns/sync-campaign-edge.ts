import { eq, sql } from "drizzle-orm";
import { campaignEdges, links } from "../db/d1/schema";
import type { D1Db } from "../db/d1/client";
import { forgetLinks } from "../links/link-cache";
import type { CampaignRow } from "./campaign-record";

/**
 * Copies what a redirect needs of a campaign into D1 after a Postgres change. Idempotent and
 * order-safe: an older version never overwrites a newer one. Then drops cached link lookups.
 */
export async function syncCampaignEdge(db: D1Db, c: CampaignRow) {
  const values = {
    campaignId: c.id,
    brandId: c.brandId,
    status: c.status,
    startsAt: c.startsAt?.getTime() ?? null,
    endsAt: c.endsAt?.getTime() ?? null,
    fallbackUrl: c.fallbackUrl,
    utmSource: c.utmSource,
    utmMedium: c.utmMedium,
    utmCampaign: c.utmCampaign,
    fraudThresholdMilli: c.fraudThresholdMilli,
    version: c.version,
  };
  await db
    .insert(campaignEdges)
    .values(values)
    .onConflictDoUpdate({ target: campaignEdges.campaignId, set: values, setWhere: sql`${campaignEdges.version} < ${c.version}` });
  const codes = await db.select({ code: links.code }).from(links).where(eq(links.campaignId, c.id));
  await forgetLinks(codes.map((l) => l.code));
}
