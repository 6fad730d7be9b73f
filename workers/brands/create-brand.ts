import type { z } from "zod";
import { brandDomains, brandMembers, brands } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { newId } from "../lib/ids";
import { brandRecord } from "./brand-record";
import type { CreateBrandBody } from "./schemas";

/** Creates a brand with the caller as its owner and its website as a registered domain, in one transaction. */
export async function createBrand(deps: Deps, userId: string, input: z.infer<typeof CreateBrandBody>) {
  const pg = await deps.pg();
  return pg.transaction(async (tx) => {
    const [brand] = await tx
      .insert(brands)
      .values({ id: newId("brand"), ...input, onboardingStep: "goal" })
      .returning();
    await tx.insert(brandMembers).values({ id: newId("member"), brandId: brand!.id, userId, role: "owner" });
    // The website's domain is the first registered destination domain.
    const host = new URL(input.website).hostname.toLowerCase().replace(/^www\./, "");
    await tx.insert(brandDomains).values({ id: newId("domain"), brandId: brand!.id, domain: host });
    return brandRecord(brand!, "owner");
  });
}
