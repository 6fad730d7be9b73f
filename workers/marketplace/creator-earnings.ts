import { and, eq, inArray, sql } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { links } from "../db/d1/schema";
import { brands, campaigns, collaborations, ledgerAccounts, ledgerEntries, ledgerLines, linkMinutes } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { creatorDisputes } from "../billing/dispute";
import { creatorBalances, upcomingEarnings } from "../money/settlement";

/**
 * One ledger for a creator: balances per currency (pending, available, paid out, receivable),
 * when pending earnings become available, earnings per campaign, traffic, and their links.
 */
export async function creatorEarnings(deps: Deps, creatorId: string, linkOrigin: string) {
  const pg = await deps.pg();
  const joined = await pg
    .select({ c: campaigns, brandName: brands.name, status: collaborations.status })
    .from(collaborations)
    .innerJoin(campaigns, eq(campaigns.id, collaborations.campaignId))
    .innerJoin(brands, eq(brands.id, campaigns.brandId))
    .where(and(eq(collaborations.creatorId, creatorId), eq(collaborations.status, "accepted")));
  const earned = await pg
    .select({ campaignId: ledgerEntries.campaignId, currency: ledgerAccounts.currency, amount: sql<string>`sum(${ledgerLines.amountMinor})::text` })
    .from(ledgerLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerLines.accountId))
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(eq(ledgerAccounts.kind, "creator_pending"), eq(ledgerAccounts.ownerId, creatorId)))
    .groupBy(ledgerEntries.campaignId, ledgerAccounts.currency);
  const ids = joined.map((j) => j.c.id);
  const traffic = ids.length
    ? await pg
        .select({ campaignId: linkMinutes.campaignId, clicks: sql<number>`sum(${linkMinutes.validClicks})::int`, conversions: sql<number>`sum(${linkMinutes.conversions})::int` })
        .from(linkMinutes)
        .where(and(eq(linkMinutes.creatorId, creatorId), inArray(linkMinutes.campaignId, ids)))
        .groupBy(linkMinutes.campaignId)
    : [];
  const myLinks = ids.length ? await deps.db.select().from(links).where(and(eq(links.creatorId, creatorId), inList(links.campaignId, ids))) : [];
  const totals = new Map<string, number>();
  for (const e of earned) totals.set(e.currency, (totals.get(e.currency) ?? 0) + Number(e.amount));
  const disputes = await creatorDisputes(pg, creatorId);
  const [balances, upcoming] = await Promise.all([creatorBalances(pg, creatorId), upcomingEarnings(pg, creatorId)]);
  return {
    balances,
    upcoming,
    disputes: disputes.map((d) => ({ ...d, campaignName: joined.find((j) => j.c.id === d.campaignId)?.c.name ?? null })),
    pending: [...totals.entries()].map(([currency, amountMinor]) => ({ currency, amountMinor })),
    campaigns: joined.map(({ c, brandName }) => {
      const t = traffic.find((x) => x.campaignId === c.id);
      const earnedMinor = Number(earned.find((e) => e.campaignId === c.id)?.amount ?? 0);
      const clicks = t?.clicks ?? 0;
      return {
        campaignId: c.id,
        name: c.name,
        brandName,
        status: c.status,
        pricingModel: c.pricingModel,
        currency: c.currency,
        earnedMinor,
        validClicks: clicks,
        conversions: t?.conversions ?? 0,
        epcMinor: clicks ? Math.round(earnedMinor / clicks) : null,
        links: myLinks.filter((l) => l.campaignId === c.id).map((l) => ({ code: l.code, url: `${linkOrigin}/l/${l.code}`, destination: l.destination })),
      };
    }),
  };
}
