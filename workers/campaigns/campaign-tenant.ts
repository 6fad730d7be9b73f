import { eq } from "drizzle-orm";
import { campaigns } from "../db/pg/schema";
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

