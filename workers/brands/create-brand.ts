import type { z } from "zod";
import { brandMembers, brands } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { newId } from "../lib/ids";
import { brandRecord } from "./brand-record";
import type { CreateBrandBody } from "./schemas";

/** Creates a brand with the caller as its owner, in one transaction. */
export async function createBrand(deps: Deps, userId: string, input: z.infer<typeof CreateBrandBody>) {
  const pg = await deps.pg();
  return pg.transaction(async (tx) => {
    const [brand] = await tx
      .insert(brands)
      .values({ id: newId("brand"), ...input, onboardingStep: "goal" })
      .returning();
    await tx.insert(brandMembers).values({ id: newId("member"), brandId: brand!.id, userId, role: "owner" });
    return brandRecord(brand!, "owner");
  });
}
