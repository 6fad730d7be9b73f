import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { assertBrandDestination } from "../brands/domains";
import { campaignRates, campaigns } from "../db/pg/schema";
import { newId } from "../lib/ids";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import type { BrandTenant } from "../lib/tenancy";
import { campaignRecord, type CampaignRow } from "./campaign-record";
import type { CampaignActionBody, UpdateCampaignBody } from "./schemas";
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

async function write(deps: Deps, tenant: BrandTenant, id: string, set: Partial<CampaignRow>, expectStatus?: CampaignRow["status"][]) {
  const pg = await deps.pg();
  const conds = [eq(campaigns.id, id), eq(campaigns.brandId, tenant.brandId)];
  const [row] = await pg
    .update(campaigns)
    .set({ ...set, version: sql`${campaigns.version} + 1`, updatedAt: new Date(deps.now()) })
    .where(expectStatus ? and(...conds, sql`${campaigns.status} in (${sql.join(expectStatus.map((s) => sql`${s}`), sql`, `)})`) : and(...conds))
    .returning();
  return row;
}

/** Edits a campaign; every change bumps its version so the edge copy follows. */
export async function updateCampaign(deps: Deps, tenant: BrandTenant, id: string, input: z.infer<typeof UpdateCampaignBody>) {
  const current = await getCampaign(deps, tenant, id);
  if (current.status === "ended") throw new AppError("conflict", "An ended campaign cannot change.");
  const set: Partial<CampaignRow> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.rateMinor !== undefined) set.rateMinor = input.rateMinor;
  if (input.rateBps !== undefined) set.rateBps = input.rateBps;
  if (input.totalBudgetMinor !== undefined) set.totalBudgetMinor = input.totalBudgetMinor;
  if (input.dailyBudgetMinor !== undefined) set.dailyBudgetMinor = input.dailyBudgetMinor;
  if (input.targetCountries !== undefined) set.targetCountries = input.targetCountries;
  if (input.attributionWindowDays !== undefined) set.attributionWindowDays = input.attributionWindowDays;
  if (input.startsAt !== undefined) set.startsAt = input.startsAt ? new Date(input.startsAt) : null;
  if (input.endsAt !== undefined) set.endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (input.fraudThreshold !== undefined) set.fraudThresholdMilli = Math.round(input.fraudThreshold * 1000);
  if (input.openToMarketplace !== undefined) set.openToMarketplace = input.openToMarketplace;
  if (input.niches !== undefined) set.niches = input.niches;
  if (input.brief !== undefined) set.brief = input.brief;
  if (input.briefDetails !== undefined) set.briefDetails = input.briefDetails;
  if (input.audienceMin !== undefined) set.audienceMin = input.audienceMin;
  if (input.audienceMax !== undefined) set.audienceMax = input.audienceMax;
  if (input.platforms !== undefined) set.platforms = input.platforms;
  if (input.goal !== undefined) set.goal = input.goal;
  if (input.timeZone !== undefined) set.timeZone = input.timeZone;
  if (input.landingUrls !== undefined) set.landingUrls = await Promise.all(input.landingUrls.map((u, i) => assertBrandDestination(deps, tenant.brandId, u, `body.landingUrls.${i}`)));
  if (input.fallbackUrl !== undefined) set.fallbackUrl = await assertBrandDestination(deps, tenant.brandId, input.fallbackUrl, "body.fallbackUrl");
  const total = set.totalBudgetMinor ?? current.totalBudgetMinor;
  const daily = set.dailyBudgetMinor === undefined ? current.dailyBudgetMinor : set.dailyBudgetMinor;
  if (daily != null && daily > total) throw new AppError("validation_failed", "The daily budget cannot exceed the total.", [{ path: "body.dailyBudgetMinor", message: "Cannot exceed the total budget" }]);
  const row = (await write(deps, tenant, id, set))!;
  if ((set.rateMinor !== undefined && set.rateMinor !== current.rateMinor) || (set.rateBps !== undefined && set.rateBps !== current.rateBps)) {
    // A new rate applies to events from now on; earlier traffic keeps the rate it happened under.
    const pg = await deps.pg();
    await pg.insert(campaignRates).values({ id: newId("rate"), campaignId: id, effectiveFrom: new Date(deps.now()), rateMinor: row.rateMinor, rateBps: row.rateBps });
  }
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
  const row = await write(deps, tenant, id, { status: t.to, pausedReason: t.to === "paused" ? "brand" : null }, t.from);
  if (!row) throw new AppError("conflict", "The campaign changed at the same time. Reload and try again.");
  await syncCampaignEdge(deps.db, row);
  return campaignRecord(row);
}
