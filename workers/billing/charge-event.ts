import { and, eq, sql } from "drizzle-orm";
import type { CampaignRow } from "../campaigns/campaign-record";
import type { PgTx } from "../db/pg/client";
import { campaignAlerts, campaigns, campaignSpend, ledgerAccounts, ledgerEntries, ledgerLines } from "../db/pg/schema";
import type { TrackedEvent } from "../events/envelope";
import { newId } from "../lib/ids";
import { bpsOf, PLATFORM_FEE_BPS } from "./price-event";
import { checkSpendVelocity } from "./spend-velocity";

async function account(tx: PgTx, kind: "campaign_budget" | "creator_pending" | "platform_fee", ownerId: string, currency: string, brandId: string | null) {
  await tx.insert(ledgerAccounts).values({ id: newId("account"), kind, ownerId, currency, brandId }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.kind, kind), eq(ledgerAccounts.ownerId, ownerId), eq(ledgerAccounts.currency, currency)));
  return row!.id;
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type ChargeResult =
  | { charged: true; entryId: string; costMinor: number; pausedCampaign: CampaignRow | null }
  | { charged: false; reason: "total_budget_exhausted" | "daily_budget_exhausted"; pausedCampaign: CampaignRow | null };

/**
 * Charges the campaign for one event, inside the caller's transaction: reserves the cost
 * against the total and daily budget with one conditional update on the campaign's spend row
 * (which serialises concurrent charges), then writes a balanced entry — budget −cost, creator
 * +share, platform +fee. A charge that would overspend is refused; when the total can no longer
 * pay for another event the campaign pauses itself.
 */
export async function chargeEvent(tx: PgTx, c: CampaignRow, e: TrackedEvent, costMinor: number): Promise<ChargeResult> {
  const day = utcDay(e.at);
  await tx.insert(campaignSpend).values({ campaignId: c.id, day, spentMinor: 0, spentTodayMinor: 0 }).onConflictDoNothing();
  const daily = c.dailyBudgetMinor ?? Number.MAX_SAFE_INTEGER;
  const [reserved] = await tx
    .update(campaignSpend)
    .set({
      spentMinor: sql`${campaignSpend.spentMinor} + ${costMinor}`,
      spentTodayMinor: sql`case when ${campaignSpend.day} = ${day} then ${campaignSpend.spentTodayMinor} + ${costMinor} else ${costMinor} end`,
      day,
      charges: sql`${campaignSpend.charges} + 1`,
    })
    .where(
      and(
        eq(campaignSpend.campaignId, c.id),
        sql`${campaignSpend.spentMinor} + ${costMinor} <= ${c.totalBudgetMinor}`,
        sql`(case when ${campaignSpend.day} = ${day} then ${campaignSpend.spentTodayMinor} else 0 end) + ${costMinor} <= ${daily}`,
      ),
    )
    .returning();

  if (!reserved) {
    const [spend] = await tx.select().from(campaignSpend).where(eq(campaignSpend.campaignId, c.id));
    const totalLeft = c.totalBudgetMinor - spend!.spentMinor;
    const reason = totalLeft < costMinor ? "total_budget_exhausted" : "daily_budget_exhausted";
    return { charged: false, reason, pausedCampaign: reason === "total_budget_exhausted" ? await pauseForBudget(tx, c) : null };
  }

  const entryId = newId("entry");
  await tx.insert(ledgerEntries).values({ id: entryId, key: `charge:${e.id}`, kind: "charge", eventId: e.id, campaignId: c.id, creatorId: e.creatorId!, costMinor, currency: c.currency, at: new Date(e.at) });
  const fee = bpsOf(costMinor, PLATFORM_FEE_BPS);
  const [budget, creator, platform] = await Promise.all([
    account(tx, "campaign_budget", c.id, c.currency, c.brandId),
    account(tx, "creator_pending", e.creatorId!, c.currency, null),
    account(tx, "platform_fee", "platform", c.currency, null),
  ]);
  await tx.insert(ledgerLines).values([
    { id: newId("line"), entryId, accountId: budget, amountMinor: -costMinor },
    { id: newId("line"), entryId, accountId: creator, amountMinor: costMinor - fee },
    { id: newId("line"), entryId, accountId: platform, amountMinor: fee },
  ]);
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

/** Reverses an earlier charge (a refunded sale): mirror lines, and the spend is given back. */
export async function reverseCharge(tx: PgTx, chargeKey: string, e: TrackedEvent) {
  const [original] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.key, chargeKey));
  if (!original) return { reversed: false as const, reason: "nothing_to_reverse" };
  const inserted = await tx
    .insert(ledgerEntries)
    .values({ id: newId("entry"), key: `reversal:${original.eventId}`, kind: "reversal", eventId: e.id, campaignId: original.campaignId, creatorId: original.creatorId, costMinor: -original.costMinor, currency: original.currency, at: new Date(e.at) })
    .onConflictDoNothing({ target: ledgerEntries.key })
    .returning({ id: ledgerEntries.id });
  if (!inserted.length) return { reversed: false as const, reason: "already_reversed" };
  const lines = await tx.select().from(ledgerLines).where(eq(ledgerLines.entryId, original.id));
  await tx.insert(ledgerLines).values(lines.map((l) => ({ id: newId("line"), entryId: inserted[0]!.id, accountId: l.accountId, amountMinor: -l.amountMinor })));
  await tx
    .update(campaignSpend)
    .set({ spentMinor: sql`${campaignSpend.spentMinor} - ${original.costMinor}`, charges: sql`${campaignSpend.charges} - 1` })
    .where(eq(campaignSpend.campaignId, original.campaignId));
  return { reversed: true as const, costMinor: original.costMinor };
}
