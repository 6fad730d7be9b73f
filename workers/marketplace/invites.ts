import { and, desc, eq } from "drizzle-orm";
import { brands, campaigns, collaborations } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { transition, type CollaborationStatus } from "./collaboration-state";
import { brandManagers, creatorPerson, notify } from "./notify";

/** The creator's pending invitations, with each campaign's brief. */
export async function listInvites(deps: Deps, creatorId: string) {
  const pg = await deps.pg();
  const rows = await pg
    .select({ col: collaborations, c: campaigns, brandName: brands.name })
    .from(collaborations)
    .innerJoin(campaigns, eq(campaigns.id, collaborations.campaignId))
    .innerJoin(brands, eq(brands.id, campaigns.brandId))
    .where(and(eq(collaborations.creatorId, creatorId), eq(collaborations.status, "invited")))
    .orderBy(desc(collaborations.createdAt));
  return rows.map(({ col, c, brandName }) => ({ collaborationId: col.id, campaignId: c.id, name: c.name, brandName, pricingModel: c.pricingModel, cppMode: c.cppMode, rateMinor: c.rateMinor, rateBps: c.rateBps, currency: c.currency, brief: c.brief, invitedAt: col.createdAt.toISOString() }));
}

/** Moves a collaboration by one legal step (decline by the creator, remove by the brand). */
export async function moveCollaboration(deps: Deps, collaborationId: string, current: CollaborationStatus, action: "decline" | "remove") {
  const next = transition(current, action);
  const pg = await deps.pg();
  const [row] = await pg
    .update(collaborations)
    .set({ status: next, updatedAt: new Date(deps.now()) })
    .where(and(eq(collaborations.id, collaborationId), eq(collaborations.status, current)))
    .returning();
  if (!row) throw new AppError("conflict", "The collaboration changed at the same time; reload and try again.");
  const [c] = await pg.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, row.campaignId));
  if (action === "decline") {
    const who = await creatorPerson(deps, row.creatorId);
    for (const m of await brandManagers(deps, row.brandId)) {
      await notify(deps, m, { title: `@${who?.handle ?? "a creator"} declined “${c!.name}”`, body: `${who?.displayName ?? "The creator"} declined your invitation to “${c!.name}”.`, link: `/brand/campaigns/${row.campaignId}` });
    }
  } else {
    const who = await creatorPerson(deps, row.creatorId);
    if (who) await notify(deps, who, { title: `You were removed from “${c!.name}”`, body: `The brand removed you from “${c!.name}”. Clicks on your links no longer earn; what you earned so far stays in your ledger.`, link: "/studio" });
  }
  return { id: row.id, status: row.status };
}
