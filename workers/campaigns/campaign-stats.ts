import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { creators } from "../db/d1/schema";
import { campaignAlerts, campaignSpendDays, ledgerAccounts, ledgerEntries, ledgerLines, linkMinutes } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import type { BrandTenant } from "../lib/tenancy";
import { dayIn } from "../billing/spend-day";
import { getCampaign } from "./update-campaign";

const HOUR = 3_600_000;

/**
 * A campaign's numbers: traffic from the per-minute rollups, spend from the ledger (so the
 * dashboard and the money always agree to the cent), ROI as (revenue − spend) / spend.
 */
export async function campaignStats(deps: Deps, tenant: BrandTenant, campaignId: string, hours = 72) {
  const campaign = await getCampaign(deps, tenant, campaignId);
  const pg = await deps.pg();
  const sums = {
    clicks: sql<number>`coalesce(sum(${linkMinutes.clicks}), 0)::int`,
    validClicks: sql<number>`coalesce(sum(${linkMinutes.validClicks}), 0)::int`,
    invalidClicks: sql<number>`coalesce(sum(${linkMinutes.invalidClicks}), 0)::int`,
    duplicateClicks: sql<number>`coalesce(sum(${linkMinutes.duplicateClicks}), 0)::int`,
    uniqueClicks: sql<number>`coalesce(sum(${linkMinutes.uniqueClicks}), 0)::int`,
    views: sql<number>`coalesce(sum(${linkMinutes.views}), 0)::int`,
    conversions: sql<number>`coalesce(sum(${linkMinutes.conversions}), 0)::int`,
    revenue: sql<number>`coalesce(sum(${linkMinutes.revenueMinor}), 0)::bigint`,
  };
  const [totals] = await pg.select(sums).from(linkMinutes).where(eq(linkMinutes.campaignId, campaignId));
  const perCreator = await pg.select({ creatorId: linkMinutes.creatorId, ...sums }).from(linkMinutes).where(eq(linkMinutes.campaignId, campaignId)).groupBy(linkMinutes.creatorId);

  // Spend is what left the campaign's budget account: the negated sum of its charge lines.
  const spendRows = await pg
    .select({ creatorId: ledgerEntries.creatorId, spend: sql<number>`(-coalesce(sum(${ledgerLines.amountMinor}), 0))::bigint` })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    // Charges and their reversals only: the budget committed from the wallet is not spend.
    .where(and(eq(ledgerAccounts.kind, "campaign_budget"), eq(ledgerAccounts.ownerId, campaignId), inArray(ledgerEntries.kind, ["charge", "reversal", "dispute_credit"])))
    .groupBy(ledgerEntries.creatorId);
  const spend = spendRows.reduce((s, r) => s + Number(r.spend), 0);
  // Today is the campaign's own day, in its time zone, as its daily budget counts it.
  const [today] = await pg
    .select({ spentMinor: campaignSpendDays.spentMinor })
    .from(campaignSpendDays)
    .where(and(eq(campaignSpendDays.campaignId, campaignId), eq(campaignSpendDays.day, dayIn(campaign.timeZone, deps.now()))));

  const since = new Date(deps.now() - hours * HOUR);
  const bucket = sql<Date>`date_trunc('hour', ${linkMinutes.minute})`;
  const series = await pg
    .select({ hour: bucket, validClicks: sums.validClicks, invalidClicks: sums.invalidClicks, duplicateClicks: sums.duplicateClicks, conversions: sums.conversions })
    .from(linkMinutes)
    .where(and(eq(linkMinutes.campaignId, campaignId), gte(linkMinutes.minute, since)))
    .groupBy(bucket)
    .orderBy(bucket);

  const alerts = await pg.select().from(campaignAlerts).where(eq(campaignAlerts.campaignId, campaignId)).orderBy(desc(campaignAlerts.createdAt)).limit(5);
  const ids = perCreator.map((c) => c.creatorId).filter((x): x is string => Boolean(x));
  const handles = ids.length ? await deps.db.select({ id: creators.id, handle: creators.handle, displayName: creators.displayName }).from(creators).where(inList(creators.id, ids)) : [];
  const revenue = Number(totals!.revenue);
  const roi = (rev: number, sp: number) => (sp > 0 ? Math.round(((rev - sp) / sp) * 10_000) / 10_000 : null);
  return {
    campaignId,
    currency: campaign.currency,
    status: campaign.status,
    budget: {
      totalMinor: campaign.totalBudgetMinor,
      dailyMinor: campaign.dailyBudgetMinor,
      spentMinor: spend,
      spentTodayMinor: today?.spentMinor ?? 0,
    },
    clicks: totals!.clicks,
    validClicks: totals!.validClicks,
    invalidClicks: totals!.invalidClicks,
    duplicateClicks: totals!.duplicateClicks,
    uniqueClicks: totals!.uniqueClicks,
    views: totals!.views,
    conversions: totals!.conversions,
    revenue,
    spend,
    roi: roi(revenue, spend),
    byCreator: perCreator
      .map((c) => {
        const h = handles.find((x) => x.id === c.creatorId);
        const creatorSpend = Number(spendRows.find((r) => r.creatorId === c.creatorId)?.spend ?? 0);
        return {
          creatorId: c.creatorId!,
          handle: h?.handle ?? null,
          displayName: h?.displayName ?? null,
          clicks: c.clicks,
          validClicks: c.validClicks,
          invalidClicks: c.invalidClicks,
          duplicateClicks: c.duplicateClicks,
          conversions: c.conversions,
          revenue: Number(c.revenue),
          spend: creatorSpend,
          roi: roi(Number(c.revenue), creatorSpend),
        };
      })
      .sort((a, b) => b.spend - a.spend || b.validClicks - a.validClicks),
    alerts: alerts.map((a) => ({ kind: a.kind, message: a.message, at: a.createdAt.toISOString() })),
    series: series.map((s) => ({ hour: new Date(s.hour).toISOString(), validClicks: s.validClicks, invalidClicks: s.invalidClicks, duplicateClicks: s.duplicateClicks, conversions: s.conversions })),
  };
}
