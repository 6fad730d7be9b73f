import { and, eq, gte, sql } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { creators } from "../db/d1/schema";
import { events } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import type { BrandTenant } from "../lib/tenancy";
import { getCampaign } from "./update-campaign";

const DAY = 86_400_000;

/** Flagged traffic of the last `days`: totals, reasons, and per link (creator) with its top reasons. */
export async function fraudReport(deps: Deps, tenant: BrandTenant, campaignId: string, days: number) {
  const c = await getCampaign(deps, tenant, campaignId);
  const pg = await deps.pg();
  const since = new Date(deps.now() - days * DAY);
  const scope = and(eq(events.campaignId, campaignId), eq(events.type, "click"), gte(events.at, since));
  const [totals] = await pg.select({ clicks: sql<number>`count(*)::int`, invalid: sql<number>`count(*) filter (where ${events.fraud})::int` }).from(events).where(scope);
  const reasons = await pg.execute<{ reason: string; clicks: number }>(
    sql`select r as reason, count(*)::int as clicks from ${events}, unnest(${events.reasons}) as r where ${scope} and ${events.fraud} group by r order by clicks desc`,
  );
  const perLink = await pg
    .select({
      linkId: events.linkId,
      creatorId: events.creatorId,
      clicks: sql<number>`count(*)::int`,
      invalid: sql<number>`count(*) filter (where ${events.fraud})::int`,
      topReasons: sql<string[]>`coalesce((select array_agg(x.r order by x.n desc) from (select r, count(*) n from ${events} e2, unnest(e2.reasons) r where e2.link_id = ${events.linkId} and e2.campaign_id = ${campaignId} and e2.type = 'click' and e2.fraud and e2.at >= ${since} group by r limit 3) x), '{}')`,
    })
    .from(events)
    .where(scope)
    .groupBy(events.linkId, events.creatorId)
    .orderBy(sql`count(*) filter (where ${events.fraud}) desc`);
  const ids = perLink.map((l) => l.creatorId).filter((x): x is string => Boolean(x));
  const handles = ids.length ? await deps.db.select({ id: creators.id, handle: creators.handle }).from(creators).where(inList(creators.id, ids)) : [];
  return {
    threshold: c.fraudThresholdMilli / 1000,
    days,
    clicks: totals!.clicks,
    invalid: totals!.invalid,
    reasons: reasons.rows.map((r) => ({ reason: r.reason, clicks: Number(r.clicks) })),
    byLink: perLink.map((l) => ({ linkId: l.linkId!, creatorId: l.creatorId, handle: handles.find((h) => h.id === l.creatorId)?.handle ?? null, clicks: l.clicks, invalid: l.invalid, topReasons: l.topReasons })),
  };
}

/**
 * What-if: how the last `days` of clicks would be judged at another threshold, before it is
 * saved. A click's score does not depend on the threshold (only the cut-off does), so applying
 * the proposed threshold to the stored scores is exactly what re-running the scorer would give.
 */
export async function fraudPreview(deps: Deps, tenant: BrandTenant, campaignId: string, threshold: number, days: number) {
  const c = await getCampaign(deps, tenant, campaignId);
  const current = c.fraudThresholdMilli / 1000;
  const pg = await deps.pg();
  const since = new Date(deps.now() - days * DAY);
  const [r] = await pg
    .select({
      clicks: sql<number>`count(*)::int`,
      current: sql<number>`count(*) filter (where coalesce(${events.score}, 0) >= ${current})::int`,
      proposed: sql<number>`count(*) filter (where coalesce(${events.score}, 0) >= ${threshold})::int`,
      newlyInvalid: sql<number>`count(*) filter (where coalesce(${events.score}, 0) >= ${threshold} and coalesce(${events.score}, 0) < ${current})::int`,
      newlyValid: sql<number>`count(*) filter (where coalesce(${events.score}, 0) < ${threshold} and coalesce(${events.score}, 0) >= ${current})::int`,
    })
    .from(events)
    .where(and(eq(events.campaignId, campaignId), eq(events.type, "click"), gte(events.at, since)));
  return { current: { threshold: current, invalid: r!.current }, proposed: { threshold, invalid: r!.proposed }, clicks: r!.clicks, newlyInvalid: r!.newlyInvalid, newlyValid: r!.newlyValid, days };
}
