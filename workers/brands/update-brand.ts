import { eq } from "drizzle-orm";
import type { z } from "zod";
import { brands } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import type { BrandTenant } from "../lib/tenancy";
import { brandRecord } from "./brand-record";
import type { UpdateBrandBody } from "./schemas";

/** Edits the tenant's brand. Choosing a goal completes onboarding (signup step 3). */
export async function updateBrand(deps: Deps, tenant: BrandTenant, input: z.infer<typeof UpdateBrandBody>) {
  const pg = await deps.pg();
  const [brand] = await pg
    .update(brands)
    .set({ ...input, ...(input.goal ? { onboardingStep: "complete" as const } : {}), updatedAt: new Date(deps.now()) })
    .where(eq(brands.id, tenant.brandId))
    .returning();
  if (!brand) throw new AppError("not_found", `No brand ${tenant.brandId}.`);
  return brandRecord(brand, tenant.role);
}
