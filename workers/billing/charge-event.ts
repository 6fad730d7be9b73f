import { and, eq, sql } from "drizzle-orm";
import type { CampaignRow } from "../campaigns/campaign-record";
import type { PgTx } from "../db/pg/client";
import { brands, campaignAlerts, campaigns, campaignSpend, campaignSpendDays, ledgerEntries, ledgerLines } from "../db/pg/schema";
import { DEFAULT_HOLDING_DAYS, holdEarning, takeBackEarning } from "../money/settlement";
import type { TrackedEvent } from "../events/envelope";
import { newId } from "../lib/ids";
import { bpsOf, PLATFORM_FEE_BPS } from "./price-event";
import { dayIn } from "./spend-day";
import { accountId } from "./ledger";
import { checkSpendVelocity } from "./spend-velocity";

export type ChargeResult =
  | { charged: true; entryId: string; costMinor: number; pausedCampaign: CampaignRow | null }
  | { charged: false; reason: "total_budget_exhausted" | "daily_budget_exhausted"; pausedCampaign: CampaignRow | null };

/**
 * Reserves a charge against the campaign's total budget and the daily budget of the day the event
 * happened on, in the campaign's time zone. The campaign's spend row is locked first, so
 * concurrent charges are serialised and neither budget can be overspent; each day has its own
 * row, so an event for another day never touches today's.
 */
async function reserveSpend(tx: PgTx, c: CampaignRow, at: number, costMinor: number) {
  const day = dayIn(c.timeZone, at);
  await tx.insert(campaignSpend).values({ campaignId: c.id }).onConflictDoNothing();
  const [total] = await tx.select().from(campaignSpend).where(eq(campaignSpend.campaignId, c.id)).for("update");
  if (total!.spentMinor + costMinor > c.totalBudgetMinor) return { ok: false as const, reason: "total_budget_exhausted" as const };
  const [spentThatDay] = await tx
    .select({ spentMinor: campaignSpendDays.spentMinor })
    .from(campaignSpendDays)
    .where(and(eq(campaignSpendDays.campaignId, c.id), eq(campaignSpendDays.day, day)));
  if (c.dailyBudgetMinor != null && (spentThatDay?.spentMinor ?? 0) + costMinor > c.dailyBudgetMinor) return { ok: false as const, reason: "daily_budget_exhausted" as const };
  const [after] = await tx
    .update(campaignSpend)
    .set({ spentMinor: sql`${campaignSpend.spentMinor} + ${costMinor}`, charges: sql`${campaignSpend.charges} + 1` })
    .where(eq(campaignSpend.campaignId, c.id))
    .returning();
  await tx
    .insert(campaignSpendDays)
    .values({ campaignId: c.id, day, spentMinor: costMinor, charges: 1 })
    .onConflictDoUpdate({
      target: [campaignSpendDays.campaignId, campaignSpendDays.day],
      set: { spentMinor: sql`${campaignSpendDays.spentMinor} + ${costMinor}`, charges: sql`${campaignSpendDays.charges} + 1` },
    });
  return { ok: true as const, spentMinor: after!.spentMinor, charges: after!.charges };
}

/**
 * Charges the campaign for one event, inside the caller's transaction: reserves the cost
 * (reserveSpend), then writes a balanced entry — budget −cost, creator +share, platform +fee. A charge that would overspend is refused; when the total can no longer
 * pay for another event the campaign pauses itself.
 */
export async function chargeEvent(tx: PgTx, c: CampaignRow, e: TrackedEvent, costMinor: number): Promise<ChargeResult> {
  const reserved = await reserveSpend(tx, c, e.at, costMinor);
  if (!reserved.ok) {
    return { charged: false, reason: reserved.reason, pausedCampaign: reserved.reason === "total_budget_exhausted" ? await pauseForBudget(tx, c) : null };
  }

  const entryId = newId("entry");
  await tx.insert(ledgerEntries).values({ id: entryId, key: `charge:${e.id}`, kind: "charge", eventId: e.id, campaignId: c.id, creatorId: e.creatorId!, costMinor, currency: c.currency, at: new Date(e.at) });
  const fee = bpsOf(costMinor, PLATFORM_FEE_BPS);
  const [budget, creator, platform] = await Promise.all([
    accountId(tx, "campaign_budget", c.id, c.currency, c.brandId),
    accountId(tx, "creator_pending", e.creatorId!, c.currency, null),
    accountId(tx, "platform_fee", "platform", c.currency, null),
  ]);
  await tx.insert(ledgerLines).values([
    { id: newId("line"), entryId, accountId: budget, amountMinor: -costMinor },
    { id: newId("line"), entryId, accountId: creator, amountMinor: costMinor - fee },
    { id: newId("line"), entryId, accountId: platform, amountMinor: fee },
  ]);
  // The creator's share waits out the brand's holding period before it can be paid out (ADR 019).
  const [brand] = await tx.select({ holdingDays: brands.holdingDays }).from(brands).where(eq(brands.id, c.brandId));
  await holdEarning(tx, { entryId, creatorId: e.creatorId!, currency: c.currency, amountMinor: costMinor - fee, source: "campaign", sourceId: c.id, at: e.at, days: brand?.holdingDays ?? DEFAULT_HOLDING_DAYS });
  // Pause as soon as the remaining budget cannot pay for another event at this price, or when
  // spend suddenly runs far above the campaign's own pace.
  const left = c.totalBudgetMinor - reserved.spentMinor;
  const pausedCampaign =
    (left < Math.max(1, c.pricingModel === "cpp" && c.cppMode === "percent" ? 1 : c.rateMinor ?? 1) ? await pauseForBudget(tx, c) : null) ??
    (await checkSpendVelocity(tx, c, reserved.charges, e.at));
  return { charged: true, entryId, costMinor, pausedCampaign };
}

async function pauseForBudget(tx: PgTx, c: CampaignRow) {
  const [row] = await tx
    .update(campaigns)
    .set({ status: "paused", pausedReason: "budget", version: sql`${campaigns.version} + 1`, updatedAt: new Date() })
    .where(and(eq(campaigns.id, c.id), eq(campaigns.status, "active")))
    .returning();
  if (row) {
    await tx.insert(campaignAlerts).values({ id: newId("alert"), campaignId: c.id, kind: "budget_exhausted", message: "Paused automatically: the total budget is spent. Raise the budget and resume to keep going." });
  }
  return row ?? null;
}

/**
 * Reverses an earlier charge: mirror lines, and the spend (total and the charge's day) is given
 * back. `reversal` for a refunded sale (cause: the refund event), `dispute_credit` for a charge a
 * traffic dispute judged invalid (cause: the charged event). A charge is reversed at most once.
 */
export async function reverseCharge(tx: PgTx, chargeKey: string, cause: { id: string; at: number }, kind: "reversal" | "dispute_credit" = "reversal") {
  const [original] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.key, chargeKey));
  if (!original || original.kind !== "charge" || !original.campaignId) return { reversed: false as const, reason: "nothing_to_reverse" };
  const campaignId = original.campaignId;
  const inserted = await tx
    .insert(ledgerEntries)
    .values({ id: newId("entry"), key: `reversal:${original.eventId}`, kind, eventId: cause.id, campaignId: original.campaignId, creatorId: original.creatorId, costMinor: -original.costMinor, currency: original.currency, at: new Date(cause.at) })
    .onConflictDoNothing({ target: ledgerEntries.key })
    .returning({ id: ledgerEntries.id });
  if (!inserted.length) return { reversed: false as const, reason: "already_reversed" };
  const lines = await tx.select().from(ledgerLines).where(eq(ledgerLines.entryId, original.id));
  await tx.insert(ledgerLines).values(lines.map((l) => ({ id: newId("line"), entryId: inserted[0]!.id, accountId: l.accountId, amountMinor: -l.amountMinor })));
  // The creator's share never settles, or is clawed back from what it settled into.
  await takeBackEarning(tx, original.id, cause.at);
  await tx
    .update(campaignSpend)
    .set({ spentMinor: sql`${campaignSpend.spentMinor} - ${original.costMinor}`, charges: sql`${campaignSpend.charges} - 1` })
    .where(eq(campaignSpend.campaignId, campaignId));
  // The day the charge counted against gets it back.
  const [campaign] = await tx.select({ timeZone: campaigns.timeZone }).from(campaigns).where(eq(campaigns.id, campaignId));
  await tx
    .update(campaignSpendDays)
    .set({ spentMinor: sql`${campaignSpendDays.spentMinor} - ${original.costMinor}`, charges: sql`${campaignSpendDays.charges} - 1` })
    .where(and(eq(campaignSpendDays.campaignId, campaignId), eq(campaignSpendDays.day, dayIn(campaign?.timeZone ?? "UTC", original.at.getTime()))));
  return { reversed: true as const, costMinor: original.costMinor, entryId: inserted[0]!.id };
}
