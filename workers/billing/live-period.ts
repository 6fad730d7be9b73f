import { and, desc, eq, lte } from "drizzle-orm";
import type { CampaignRow } from "../campaigns/campaign-record";
import type { PgTx } from "../db/pg/client";
import { campaignStatusHistory } from "../db/pg/schema";

/**
 * Whether the campaign was live when something happened: `active` in its status history at that
 * instant (not now: a click from before a pause that arrives late is still paid; one a stale edge
 * cache let through after the pause is not), and inside its schedule.
 */
export async function wasLiveAt(tx: PgTx, c: Pick<CampaignRow, "id" | "startsAt" | "endsAt">, at: number): Promise<boolean> {
  if (c.startsAt && at < c.startsAt.getTime()) return false;
  if (c.endsAt && at >= c.endsAt.getTime()) return false;
  const [then] = await tx
    .select({ status: campaignStatusHistory.status })
    .from(campaignStatusHistory)
    .where(and(eq(campaignStatusHistory.campaignId, c.id), lte(campaignStatusHistory.at, new Date(at))))
    .orderBy(desc(campaignStatusHistory.at), desc(campaignStatusHistory.id))
    .limit(1);
  return then?.status === "active";
}
