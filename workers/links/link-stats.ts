import { eq, sql } from "drizzle-orm";
import { linkMinutes } from "../db/pg/schema";
import type { Deps } from "../lib/context";

/** Totals for one link from the per-minute rollups (which the events consumer keeps exact). */
export async function linkStats(deps: Deps, linkId: string) {
  const pg = await deps.pg();
  const [row] = await pg
    .select({
      clicks: sql<number>`coalesce(sum(${linkMinutes.clicks}), 0)::int`,
      validClicks: sql<number>`coalesce(sum(${linkMinutes.validClicks}), 0)::int`,
      invalidClicks: sql<number>`coalesce(sum(${linkMinutes.invalidClicks}), 0)::int`,
      uniqueClicks: sql<number>`coalesce(sum(${linkMinutes.uniqueClicks}), 0)::int`,
      conversions: sql<number>`coalesce(sum(${linkMinutes.conversions}), 0)::int`,
    })
    .from(linkMinutes)
    .where(eq(linkMinutes.linkId, linkId));
  return row!;
}
