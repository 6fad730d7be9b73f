import { eq } from "drizzle-orm";
import { brandMembers, campaigns } from "../db/pg/schema";
import type { Actor, Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { brandTenant, requireActor, type BrandRole } from "../lib/tenancy";

/** The caller's tenancy over the brand that owns `campaignId`; anyone else gets 404. */
export async function campaignTenant(deps: Deps, actor: Actor | null, campaignId: string, roles?: BrandRole[]) {
  requireActor(actor);
  const pg = await deps.pg();
  const [row] = await pg.select({ brandId: campaigns.brandId }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!row) throw new AppError("not_found", `No campaign ${campaignId} that you can access.`);
  try {
    return await brandTenant(deps, actor, row.brandId, { roles });
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") throw new AppError("not_found", `No campaign ${campaignId} that you can access.`);
    throw e;
  }
}

/** Which brand a request is about (new campaigns, listings): the key's brand, or the one named, or the person's only brand. */
export async function brandForNewCampaign(deps: Deps, actor: Actor | null, brandId: string | undefined, roles: BrandRole[] | undefined = ["owner", "admin"]) {
  const a = requireActor(actor);
  if (a.kind === "apiKey") return brandTenant(deps, a, brandId ?? a.brandId, { roles });
  if (brandId) return brandTenant(deps, a, brandId, { roles });
  const pg = await deps.pg();
  const mine = await pg.select({ brandId: brandMembers.brandId }).from(brandMembers).where(eq(brandMembers.userId, a.userId));
  if (mine.length !== 1) {
    throw new AppError("validation_failed", "Say which brand this campaign is for.", [{ path: "body.brandId", message: mine.length ? "You belong to several brands" : "You belong to no brand" }]);
  }
  return brandTenant(deps, a, mine[0]!.brandId, { roles });
}
