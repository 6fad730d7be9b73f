import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { CampaignRow } from "../campaigns/campaign-record";
import type { PgTx } from "../db/pg/client";
import { campaignAlerts, campaigns, ledgerEntries } from "../db/pg/schema";
import { newId } from "../lib/ids";

const MIN = 60_000;
export const VELOCITY = { windowMs: 10 * MIN, baselineMs: 24 * 60 * MIN, factor: 5, minHistoryMs: 60 * MIN, minCharges: 20, checkEvery: 10 };

/**
 * Spend-velocity guard: when the last ten minutes' spend is more than five times the campaign's
 * own average ten minutes over the day before (and the campaign has an hour of history and real
 * volume), the campaign pauses itself and records an alert. Runs every tenth charge.
 */
export async function checkSpendVelocity(tx: PgTx, c: CampaignRow, charges: number, now: number) {
  if (charges % VELOCITY.checkEvery !== 0 || c.status !== "active") return null;
  const windowStart = new Date(now - VELOCITY.windowMs);
  const baseStart = new Date(now - VELOCITY.windowMs - VELOCITY.baselineMs);
  const [r] = await tx
    .select({
      recent: sql<string>`coalesce(sum(${ledgerEntries.costMinor}) filter (where ${ledgerEntries.at} >= ${windowStart}), 0)::text`,
      recentCharges: sql<number>`count(*) filter (where ${ledgerEntries.at} >= ${windowStart})::int`,
      base: sql<string>`coalesce(sum(${ledgerEntries.costMinor}) filter (where ${ledgerEntries.at} < ${windowStart}), 0)::text`,
      first: sql<Date | null>`min(${ledgerEntries.at})`,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.campaignId, c.id), eq(ledgerEntries.kind, "charge"), gte(ledgerEntries.at, baseStart), lt(ledgerEntries.at, new Date(now + MIN))));
  if (!r?.first) return null;
  const historyMs = now - new Date(r.first).getTime();
  if (historyMs < VELOCITY.minHistoryMs || r.recentCharges < VELOCITY.minCharges) return null;
  const baselineSpan = Math.min(VELOCITY.baselineMs, historyMs - VELOCITY.windowMs);
  const baselinePerWindow = (Number(r.base) / Math.max(baselineSpan, VELOCITY.windowMs)) * VELOCITY.windowMs;
  const recent = Number(r.recent);
  if (recent <= VELOCITY.factor * Math.max(baselinePerWindow, 1)) return null;
  const [paused] = await tx
    .update(campaigns)
    .set({ status: "paused", pausedReason: "velocity", version: sql`${campaigns.version} + 1`, updatedAt: new Date(now) })
    .where(and(eq(campaigns.id, c.id), eq(campaigns.status, "active")))
    .returning();
  if (!paused) return null;
  await tx.insert(campaignAlerts).values({
    id: newId("alert"),
    campaignId: c.id,
    kind: "spend_velocity",
    message: `Paused automatically: ${recent} spent in the last 10 minutes, over ${VELOCITY.factor}× this campaign's usual ${Math.round(baselinePerWindow)}. Check the fraud panel, then resume if the traffic is genuine.`,
  });
  return paused;
}
