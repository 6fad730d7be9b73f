import { and, desc, eq, lte, sql } from "drizzle-orm";
import { chargeEvent, reverseCharge } from "../billing/charge-event";
import { DEFAULT_CLICK_DEDUP_SECONDS, isDuplicateClick } from "../billing/dedup-click";
import { wasLiveAt } from "../billing/live-period";
import { priceEvent } from "../billing/price-event";
import type { CampaignRow } from "../campaigns/campaign-record";
import type { PgDb, PgTx } from "../db/pg/client";
import { campaignRates, campaigns, collaborations, events, linkMinutes } from "../db/pg/schema";
import { recordCommunityFacts } from "../communities/community-events";
import type { TrackedEvent } from "./envelope";

const MINUTE = 60_000;
export interface Applied {
  applied: boolean;
  pausedCampaign: CampaignRow | null;
}

/**
 * Writes one event exactly once and does everything that follows from it in the same
 * transaction: the insert is keyed by the producer's id, and rollups and billing run only
 * when that insert happened. Redelivery is a no-op.
 */
export async function applyEvent(pg: PgDb, e: TrackedEvent): Promise<Applied> {
  return pg.transaction(async (tx) => {
    const p = e.props as { fraud?: boolean; score?: number; reasons?: string[]; unique?: boolean; amountMinor?: number; orderId?: string };
    const inserted = await tx
      .insert(events)
      .values({
        id: e.id,
        type: e.type,
        at: new Date(e.at),
        brandId: e.brandId,
        campaignId: e.campaignId,
        linkId: e.linkId,
        creatorId: e.creatorId,
        clickId: e.clickId,
        visitorHash: e.visitorHash,
        fraud: p.fraud ?? false,
        score: p.score ?? null,
        reasons: p.reasons ?? [],
        unique: p.unique ?? false,
        props: e.props,
        utm: e.utm,
      })
      .onConflictDoNothing({ target: events.id })
      .returning({ id: events.id });
    if (inserted.length === 0) return { applied: false, pausedCampaign: null };

    const [campaign] = e.campaignId && e.brandId ? await tx.select().from(campaigns).where(and(eq(campaigns.id, e.campaignId), eq(campaigns.brandId, e.brandId))) : [];
    // A valid repeat click inside the campaign's window is a duplicate: counted, never billed.
    const duplicate = !p.fraud && (await isDuplicateClick(tx, e, campaign?.clickDedupSeconds ?? DEFAULT_CLICK_DEDUP_SECONDS));
    await rollUp(tx, e, duplicate);
    await recordCommunityFacts(tx, e);
    const billing = duplicate ? { billedMinor: null, note: "duplicate", pausedCampaign: null } : await bill(tx, e, campaign);
    await tx.update(events).set({ billedMinor: billing.billedMinor, billing: billing.note, duplicate }).where(eq(events.id, e.id));
    return { applied: true, pausedCampaign: billing.pausedCampaign };
  });
}

async function rollUp(tx: PgTx, e: TrackedEvent, duplicate: boolean) {
  if (!e.linkId || !e.brandId) return;
  const p = e.props as { fraud?: boolean; unique?: boolean; amountMinor?: number };
  const click = e.type === "click";
  const valid = click && !p.fraud && !duplicate ? 1 : 0;
  const conversion = e.type === "lead" || e.type === "sale" || e.type === "call" ? 1 : 0;
  const revenue = e.type === "sale" ? (p.amountMinor ?? 0) : e.type === "refund" ? -(p.amountMinor ?? 0) : 0;
  const view = e.type === "view" ? 1 : 0;
  if (!click && !view && !conversion && !revenue) return;
  const row = {
    linkId: e.linkId,
    minute: new Date(e.at - (e.at % MINUTE)),
    brandId: e.brandId,
    campaignId: e.campaignId,
    creatorId: e.creatorId,
    clicks: click ? 1 : 0,
    validClicks: valid,
    invalidClicks: click && p.fraud ? 1 : 0,
    duplicateClicks: duplicate ? 1 : 0,
    uniqueClicks: valid && p.unique ? 1 : 0,
    views: view,
    conversions: conversion,
    revenueMinor: revenue,
  };
  await tx
    .insert(linkMinutes)
    .values(row)
    .onConflictDoUpdate({
      target: [linkMinutes.linkId, linkMinutes.minute],
      set: {
        clicks: sql`${linkMinutes.clicks} + ${row.clicks}`,
        validClicks: sql`${linkMinutes.validClicks} + ${row.validClicks}`,
        invalidClicks: sql`${linkMinutes.invalidClicks} + ${row.invalidClicks}`,
        duplicateClicks: sql`${linkMinutes.duplicateClicks} + ${row.duplicateClicks}`,
        uniqueClicks: sql`${linkMinutes.uniqueClicks} + ${row.uniqueClicks}`,
        views: sql`${linkMinutes.views} + ${row.views}`,
        conversions: sql`${linkMinutes.conversions} + ${row.conversions}`,
        revenueMinor: sql`${linkMinutes.revenueMinor} + ${row.revenueMinor}`,
      },
    });
}

/** Storefront and community activity is analytics only; money moves on these. */
const BILLABLE = new Set<TrackedEvent["type"]>(["click", "view", "lead", "sale", "refund", "call"]);

async function bill(tx: PgTx, e: TrackedEvent, current: CampaignRow | undefined): Promise<{ billedMinor: number | null; note: string; pausedCampaign: CampaignRow | null }> {
  if (!BILLABLE.has(e.type)) return { billedMinor: null, note: "not_billable", pausedCampaign: null };
  if (!e.campaignId || !e.creatorId || !e.brandId) return { billedMinor: null, note: "no_campaign", pausedCampaign: null };
  if (e.type === "refund") {
    const orderId = (e.props as { orderId?: string }).orderId;
    const [sale] = orderId
      ? await tx.select({ id: events.id }).from(events).where(and(eq(events.brandId, e.brandId), eq(events.type, "sale"), sql`${events.props}->>'orderId' = ${orderId}`)).limit(1)
      : [];
    if (!sale) return { billedMinor: null, note: "refund_of_unknown_order", pausedCampaign: null };
    const r = await reverseCharge(tx, `charge:${sale.id}`, e);
    return { billedMinor: r.reversed ? -r.costMinor : null, note: r.reversed ? "reversed" : r.reason, pausedCampaign: null };
  }
  if (!current) return { billedMinor: null, note: "unknown_campaign", pausedCampaign: null };
  if ((e.props as { fraud?: boolean }).fraud) return { billedMinor: null, note: "invalid_traffic", pausedCampaign: null };
  // Only what happened while the campaign was live is paid for, whenever it arrives.
  if (current.status !== "draft" && !(await wasLiveAt(tx, current, e.at))) return { billedMinor: null, note: "campaign_not_live", pausedCampaign: null };
  // Price with the rate in force when the event happened, not when it was consumed.
  const [rate] = await tx
    .select()
    .from(campaignRates)
    .where(and(eq(campaignRates.campaignId, current.id), lte(campaignRates.effectiveFrom, new Date(e.at))))
    .orderBy(desc(campaignRates.effectiveFrom))
    .limit(1);
  const campaign = rate ? { ...current, rateMinor: rate.rateMinor, rateBps: rate.rateBps } : current;
  // A creator the brand removed earns nothing from traffic after the removal.
  const [collab] = await tx.select({ status: collaborations.status, updatedAt: collaborations.updatedAt }).from(collaborations).where(and(eq(collaborations.campaignId, current.id), eq(collaborations.creatorId, e.creatorId)));
  if (collab?.status === "removed" && collab.updatedAt.getTime() <= e.at) return { billedMinor: null, note: "creator_removed", pausedCampaign: null };
  const price = priceEvent(campaign, e);
  if (!price.billable) return { billedMinor: null, note: price.reason, pausedCampaign: null };
  const charge = await chargeEvent(tx, campaign, e, price.costMinor);
  return charge.charged
    ? { billedMinor: charge.costMinor, note: "charged", pausedCampaign: charge.pausedCampaign }
    : { billedMinor: null, note: charge.reason, pausedCampaign: charge.pausedCampaign };
}
