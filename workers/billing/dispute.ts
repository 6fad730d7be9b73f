import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { creators } from "../db/d1/schema";
import type { PgDb } from "../db/pg/client";
import { disputeCredits, events, trafficDisputes } from "../db/pg/schema";
import { newLinkState, scoreClick, type LinkState, type ScoringInput } from "../fraud/score-click";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { getCampaign } from "../campaigns/update-campaign";
import { reverseCharge } from "./charge-event";

const HOUR = 3_600_000;
/** Clicks before the window that warm the scorer's windows and baseline up, as the live scorer had them. */
export const DISPUTE_WARMUP_MS = 6 * HOUR;
export const DISPUTE_MAX_DAYS = 31;
/** Clicks one dispute re-scores at most; a longer window is refused with a clear message. */
export const DISPUTE_MAX_CLICKS = 50_000;

export interface DisputeInput {
  creatorId: string;
  from: string;
  to: string;
  reason: string;
}

export interface DisputeOutcome {
  clicks: number;
  rescored: number;
  /** Clicks stored before re-scoring inputs were kept: judged as they were. */
  notRescorable: number;
  invalidBefore: number;
  invalidNow: number;
  chargesCredited: number;
  reasons: { reason: string; clicks: number }[];
}

interface ClickRow {
  id: string;
  link_id: string;
  at: Date;
  fraud: boolean;
  billing: string | null;
  props: { scoring?: ScoringInput; country?: string | null; asn?: number | null; referer?: string | null };
}

/**
 * Opens a dispute of one creator's traffic on a campaign over [from, to]: re-scores every click
 * in the window with the current scorer (each link replayed in time order from a fresh state,
 * warmed up by the DISPUTE_WARMUP_MS before it, with the campaign's current threshold), and
 * credits back every charge now judged invalid with a `dispute_credit` entry — one transaction,
 * and a charge is credited at most once whatever disputes overlap (its reversal key is unique).
 */
export async function openDispute(deps: Deps, tenant: BrandTenant, campaignId: string, input: DisputeInput, openedBy: string) {
  const campaign = await getCampaign(deps, tenant, campaignId);
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const now = deps.now();
  if (to <= from) throw new AppError("validation_failed", "The window must end after it starts.", [{ path: "body.to", message: "Must be after `from`." }]);
  if (from > now) throw new AppError("validation_failed", "The window cannot start in the future.", [{ path: "body.from", message: "Must not be in the future." }]);
  if (to - from > DISPUTE_MAX_DAYS * 24 * HOUR) throw new AppError("validation_failed", `A dispute covers at most ${DISPUTE_MAX_DAYS} days.`, [{ path: "body.from", message: `At most ${DISPUTE_MAX_DAYS} days before \`to\`.` }]);
  const pg = await deps.pg();
  const end = new Date(Math.min(to, now));
  const inScope = and(eq(events.campaignId, campaignId), eq(events.creatorId, input.creatorId), eq(events.type, "click"));
  const [{ n } = { n: 0 }] = await pg.select({ n: sql<number>`count(*)::int` }).from(events).where(and(inScope, gte(events.at, new Date(from)), lte(events.at, end)));
  if (n === 0) {
    const [any] = await pg.select({ id: events.id }).from(events).where(inScope).limit(1);
    if (!any) throw new AppError("validation_failed", "This creator has no clicks on this campaign.", [{ path: "body.creatorId", message: "No clicks on this campaign." }]);
    throw new AppError("validation_failed", "This creator has no clicks on this campaign in that window.", [{ path: "body.from", message: "No clicks between `from` and `to`." }]);
  }
  if (n > DISPUTE_MAX_CLICKS) throw new AppError("validation_failed", `The window holds ${n} clicks; a dispute re-scores at most ${DISPUTE_MAX_CLICKS}. Narrow the window.`, [{ path: "body.to", message: "Narrow the window." }]);

  const rows = (
    await pg.execute(sql`select id, link_id, at, fraud, billing, props from events
      where campaign_id = ${campaignId} and creator_id = ${input.creatorId} and type = 'click' and link_id is not null
        and at >= ${new Date(from - DISPUTE_WARMUP_MS)} and at <= ${end}
      order by link_id, at, id`)
  ).rows as unknown as ClickRow[];

  const threshold = campaign.fraudThresholdMilli / 1000;
  const outcome: DisputeOutcome = { clicks: 0, rescored: 0, notRescorable: 0, invalidBefore: 0, invalidNow: 0, chargesCredited: 0, reasons: [] };
  const reasonCounts = new Map<string, number>();
  const toCredit: { eventId: string; reasons: string[] }[] = [];
  const states = new Map<string, LinkState>();
  for (const r of rows) {
    const at = new Date(r.at).getTime();
    const inWindow = at >= from;
    if (inWindow) {
      outcome.clicks++;
      if (r.fraud) outcome.invalidBefore++;
    }
    const input = r.props.scoring;
    if (!input) {
      if (inWindow) {
        outcome.notRescorable++;
        if (r.fraud) outcome.invalidNow++;
      }
      continue;
    }
    let state = states.get(r.link_id);
    if (!state) states.set(r.link_id, (state = newLinkState()));
    const click = { id: r.id, ts: at, link: r.link_id, ip: "", ua: input.ua, acceptLanguage: input.acceptLanguage, secChUa: input.secChUa, secFetchMode: input.secFetchMode, accept: input.accept, method: input.method, asn: r.props.asn ?? null, country: r.props.country ?? null, referer: r.props.referer ?? null };
    const verdict = scoreClick(state, click, { threshold, saltSecret: "" }, input.identity);
    if (!inWindow) continue;
    outcome.rescored++;
    if (!verdict.fraud) continue;
    outcome.invalidNow++;
    for (const reason of verdict.reasons) reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + 1);
    if (r.billing === "charged") toCredit.push({ eventId: r.id, reasons: verdict.reasons });
  }
  outcome.reasons = [...reasonCounts.entries()].sort((a, b) => b[1] - a[1]).map(([reason, clicks]) => ({ reason, clicks }));

  const id = newId("dispute");
  const reason = input.reason.trim();
  return pg.transaction(async (tx) => {
    await tx.insert(trafficDisputes).values({ id, brandId: tenant.brandId, campaignId, creatorId: input.creatorId, fromAt: new Date(from), toAt: new Date(to), reason, openedBy, outcome, creditedMinor: 0, currency: campaign.currency, createdAt: new Date(now) });
    let credited = 0;
    for (const c of toCredit) {
      const r = await reverseCharge(tx, `charge:${c.eventId}`, { id: c.eventId, at: now }, "dispute_credit");
      if (!r.reversed) continue; // already credited (an overlapping dispute) or refunded
      credited += r.costMinor;
      outcome.chargesCredited++;
      await tx.insert(disputeCredits).values({ disputeId: id, eventId: c.eventId, entryId: r.entryId, costMinor: r.costMinor, reasons: c.reasons });
    }
    const [row] = await tx.update(trafficDisputes).set({ creditedMinor: credited, outcome }).where(eq(trafficDisputes.id, id)).returning();
    return disputeRecord(row!);
  });
}

export function disputeRecord(d: typeof trafficDisputes.$inferSelect, handle?: string | null) {
  return {
    id: d.id,
    campaignId: d.campaignId,
    creatorId: d.creatorId,
    ...(handle !== undefined ? { creatorHandle: handle } : {}),
    from: d.fromAt.toISOString(),
    to: d.toAt.toISOString(),
    reason: d.reason,
    outcome: d.outcome as DisputeOutcome,
    creditedMinor: d.creditedMinor,
    currency: d.currency,
    createdAt: d.createdAt.toISOString(),
  };
}

/** A campaign's disputes, newest first, with the creators' handles. */
export async function listCampaignDisputes(deps: Deps, tenant: BrandTenant, campaignId: string) {
  await getCampaign(deps, tenant, campaignId);
  const pg = await deps.pg();
  const rows = await pg.select().from(trafficDisputes).where(eq(trafficDisputes.campaignId, campaignId)).orderBy(desc(trafficDisputes.createdAt)).limit(100);
  const ids = [...new Set(rows.map((r) => r.creatorId))];
  const handles = ids.length ? await deps.db.select({ id: creators.id, handle: creators.handle }).from(creators).where(inList(creators.id, ids)) : [];
  return rows.map((r) => disputeRecord(r, handles.find((h) => h.id === r.creatorId)?.handle ?? null));
}

/** The disputes of a creator's traffic, for the creator: what was disputed and what it cost them. */
export async function creatorDisputes(pg: PgDb, creatorId: string) {
  const rows = await pg.select().from(trafficDisputes).where(eq(trafficDisputes.creatorId, creatorId)).orderBy(desc(trafficDisputes.createdAt)).limit(50);
  return rows.map((r) => disputeRecord(r));
}
