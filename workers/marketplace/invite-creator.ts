import { and, eq } from "drizzle-orm";
import { creators, users } from "../db/d1/schema";
import { brands, collaborationNotes, collaborations } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { getCampaign } from "../campaigns/update-campaign";
import { transition, type CollaborationStatus } from "./collaboration-state";
import { notify } from "./notify";

/** A brand invites a creator (by handle) to a campaign with a note; the creator is told in the app and by email. */
export async function inviteCreator(deps: Deps, tenant: BrandTenant, authorUserId: string, campaignId: string, handle: string, note: string | undefined) {
  const campaign = await getCampaign(deps, tenant, campaignId);
  if (campaign.status === "ended") throw new AppError("conflict", "This campaign has ended.");
  const creator = await deps.db
    .select({ id: creators.id, userId: creators.userId, displayName: creators.displayName, email: users.email })
    .from(creators)
    .innerJoin(users, eq(users.id, creators.userId))
    .where(eq(creators.handle, handle.toLowerCase().replace(/^@/, "")))
    .get();
  if (!creator) throw new AppError("validation_failed", "No creator with that handle.", [{ path: "body.handle", message: "No creator with that handle" }]);
  const pg = await deps.pg();
  const [existing] = await pg.select().from(collaborations).where(and(eq(collaborations.campaignId, campaignId), eq(collaborations.creatorId, creator.id)));
  const status = transition((existing?.status ?? null) as CollaborationStatus | null, "invite");
  const id = newId("collaboration");
  await pg.insert(collaborations).values({ id, campaignId, brandId: tenant.brandId, creatorId: creator.id, status });
  if (note?.trim()) await pg.insert(collaborationNotes).values({ id: newId("note"), collaborationId: id, author: "brand", authorUserId, body: note.trim() });
  const [brand] = await pg.select({ name: brands.name }).from(brands).where(eq(brands.id, tenant.brandId));
  await notify(deps, { userId: creator.userId, email: creator.email }, {
    title: `${brand!.name} invited you to “${campaign.name}”`,
    body: `${brand!.name} would like you on their campaign “${campaign.name}”. ${campaign.brief ? `Brief: ${campaign.brief.slice(0, 280)}` : ""}`.trim(),
    link: "/studio",
  });
  return { id, campaignId, creatorId: creator.id, status };
}
