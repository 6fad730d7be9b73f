import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { assertBrandDestination, assertCampaignDestinationsVerified } from "../brands/domains";
import type { PgDb, PgTx } from "../db/pg/client";
import { campaignRates, campaigns } from "../db/pg/schema";
import { newId } from "../lib/ids";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import type { BrandTenant } from "../lib/tenancy";
import { campaignRecord, type CampaignRow } from "./campaign-record";
import type { CampaignActionBody, UpdateCampaignBody } from "./schemas";
import { commitBudget, releaseBudget } from "../money/commit-budget";
import { syncCampaignEdge } from "./sync-campaign-edge";

export async function getCampaign(deps: Deps, tenant: BrandTenant, campaignId: string): Promise<CampaignRow> {
  const pg = await deps.pg();
  const [row] = await pg.select().from(campaigns).where(and(eq(campaigns.id, campaignId), eq(campaigns.brandId, tenant.brandId)));
  if (!row) throw new AppError("not_found", `No campaign ${campaignId} for this brand.`);
  return row;
}

export async function listCampaigns(deps: Deps, tenant: BrandTenant) {
  const pg = await deps.pg();
  return (await pg.select().from(campaigns).where(eq(campaigns.brandId, tenant.brandId)).orderBy(desc(campaigns.createdAt))).map(campaignRecord);
}

async function write(pg: PgDb | PgTx, now: number, tenant: BrandTenant, id: string, set: Partial<CampaignRow>, expectStatus?: CampaignRow["status"][]) {
  const conds = [eq(campaigns.id, id), eq(campaigns.brandId, tenant.brandId)];
  const [row] = await pg
    .update(campaigns)
    .set({ ...set, version: sql`${campaigns.version} + 1`, updatedAt: new Date(now) })
    .where(expectStatus ? and(...conds, sql`${campaigns.status} in (${sql.join(expectStatus.map((s) => sql`${s}`), sql`, `)})`) : and(...conds))
    .returning();
  return row;
}

/** Edits a campaign; every change bumps its version so the edge copy follows. */
export async function updateCampaign(deps: Deps, tenant: BrandTenant, id: string, input: z.infer<typeof UpdateCampaignBody>) {
  const current = await getCampaign(deps, tenant, id);
  if (current.status === "ended") throw new AppError("conflict", "An ended campaign cannot change.");
  // Fields stored as sent; the rest are converted or checked below.
  const { startsAt, endsAt, fraudThreshold, landingUrls, fallbackUrl, ...plain } = input;
  const set: Partial<CampaignRow> = { ...plain };
  if (startsAt !== undefined) set.startsAt = startsAt ? new Date(startsAt) : null;
  if (endsAt !== undefined) set.endsAt = endsAt ? new Date(endsAt) : null;
  if (fraudThreshold !== undefined) set.fraudThresholdMilli = Math.round(fraudThreshold * 1000);
  // Only a draft may point at a domain still awaiting its proof; a live campaign's pages must be verified.
  const opts = { allowUnverified: current.status === "draft" };
  if (landingUrls !== undefined) set.landingUrls = await Promise.all(landingUrls.map((u, i) => assertBrandDestination(deps, tenant.brandId, u, `body.landingUrls.${i}`, opts)));
  if (fallbackUrl !== undefined) set.fallbackUrl = await assertBrandDestination(deps, tenant.brandId, fallbackUrl, "body.fallbackUrl", opts);
  const total = set.totalBudgetMinor ?? current.totalBudgetMinor;
  const daily = set.dailyBudgetMinor === undefined ? current.dailyBudgetMinor : set.dailyBudgetMinor;
  if (daily != null && daily > total) throw new AppError("validation_failed", "The daily budget cannot exceed the total.", [{ path: "body.dailyBudgetMinor", message: "Cannot exceed the total budget" }]);
  const rateChanged = (set.rateMinor !== undefined && set.rateMinor !== current.rateMinor) || (set.rateBps !== undefined && set.rateBps !== current.rateBps);
  const pg = await deps.pg();
  // The edit and its rate history commit together: a new rate applies to events from now on,
  // earlier traffic keeps the rate it happened under.
  const row = await pg.transaction(async (tx) => {
    const updated = (await write(tx, deps.now(), tenant, id, set))!;
    // A launched campaign's budget is committed from the wallet: a raise commits the difference
    // (refused past the wallet), a cut gives it back (never below what is already spent).
    const delta = updated.totalBudgetMinor - current.totalBudgetMinor;
    if (delta !== 0 && current.status !== "draft") {
      const key = `${delta > 0 ? "commit" : "release"}:${id}:v${updated.version}`;
      if (delta > 0) await commitBudget(tx, updated, delta, key, new Date(deps.now()));
      else await releaseBudget(tx, updated, key, new Date(deps.now()), -delta);
    }
    if (rateChanged) {
      await tx.insert(campaignRates).values({ id: newId("rate"), campaignId: id, effectiveFrom: new Date(deps.now()), rateMinor: updated.rateMinor, rateBps: updated.rateBps });
    }
    return updated;
  });
  await syncCampaignEdge(deps.db, row);
  return campaignRecord(row);
}

const TRANSITIONS: Record<z.infer<typeof CampaignActionBody>["action"], { from: CampaignRow["status"][]; to: CampaignRow["status"] }> = {
  launch: { from: ["draft"], to: "active" },
  pause: { from: ["active"], to: "paused" },
  resume: { from: ["paused"], to: "active" },
  end: { from: ["draft", "active", "paused"], to: "ended" },
};

/** Launch, pause, resume or end. Illegal transitions are refused; concurrent ones cannot both win. */
export async function changeCampaignStatus(deps: Deps, tenant: BrandTenant, id: string, action: keyof typeof TRANSITIONS) {
  const current = await getCampaign(deps, tenant, id);
  const t = TRANSITIONS[action];
  if (!t.from.includes(current.status)) throw new AppError("conflict", `Cannot ${action} a campaign that is ${current.status}.`);
  if (t.to === "active") await assertCampaignDestinationsVerified(deps, tenant.brandId, current);
  const at = new Date(deps.now());
  const row = await (await deps.pg()).transaction(async (tx) => {
    const updated = await write(tx, deps.now(), tenant, id, { status: t.to, pausedReason: t.to === "paused" ? "brand" : null }, t.from);
    if (!updated) throw new AppError("conflict", "The campaign changed at the same time. Reload and try again.");
    // Launch commits the whole budget from the wallet; ending returns what is left (ADR 017).
    if (action === "launch") await commitBudget(tx, updated, updated.totalBudgetMinor, `commit:${id}:launch`, at);
    if (action === "end" && current.status !== "draft") await releaseBudget(tx, updated, `release:${id}:end`, at);
    return updated;
  });
  await syncCampaignEdge(deps.db, row);
  return campaignRecord(row);
}
