import { eq } from "drizzle-orm";
import { brands } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import type { BrandTenant } from "../lib/tenancy";
import { brandRecord } from "./brand-record";

export async function getBrand(deps: Deps, tenant: BrandTenant) {
  const pg = await deps.pg();
  const [brand] = await pg.select().from(brands).where(eq(brands.id, tenant.brandId)).limit(1);
  if (!brand) throw new AppError("not_found", `No brand ${tenant.brandId}.`);
  return brandRecord(brand, tenant.role);
}
