import { and, eq } from "drizzle-orm";
import { brandDomains } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";

const record = (d: typeof brandDomains.$inferSelect) => ({ id: d.id, domain: d.domain, createdAt: d.createdAt.toISOString() });

export async function listDomains(deps: Deps, tenant: BrandTenant) {
  const pg = await deps.pg();
  return (await pg.select().from(brandDomains).where(eq(brandDomains.brandId, tenant.brandId)).orderBy(brandDomains.domain)).map(record);
}

export async function addDomain(deps: Deps, tenant: BrandTenant, domain: string) {
  const pg = await deps.pg();
  try {
    const [row] = await pg.insert(brandDomains).values({ id: newId("domain"), brandId: tenant.brandId, domain }).returning();
    return record(row!);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `${domain} is already registered.`, [{ path: "body.domain", message: "Already registered" }]);
    throw e;
  }
}

export async function removeDomain(deps: Deps, tenant: BrandTenant, domainId: string) {
  const pg = await deps.pg();
  const gone = await pg.delete(brandDomains).where(and(eq(brandDomains.id, domainId), eq(brandDomains.brandId, tenant.brandId))).returning({ id: brandDomains.id });
  if (!gone.length) throw new AppError("not_found", `No domain ${domainId} for this brand.`);
}

/**
 * A destination is safe when it is https, carries no credentials, and its host is one of the
 * brand's registered domains or a subdomain of one. Anything else would be an open redirect.
 */
export async function assertBrandDestination(deps: Deps, brandId: string, raw: string, field: string): Promise<string> {
  const bad = (message: string) => new AppError("validation_failed", message, [{ path: field, message }]);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad("Not a valid URL");
  }
  if (url.protocol !== "https:") throw bad("Destinations must use https://");
  if (url.username || url.password) throw bad("Destinations cannot carry credentials");
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const pg = await deps.pg();
  const domains = await pg.select({ domain: brandDomains.domain }).from(brandDomains).where(eq(brandDomains.brandId, brandId));
  if (!domains.some((d) => host === d.domain || host.endsWith(`.${d.domain}`))) {
    throw bad(`${host} is not one of this brand's registered domains`);
  }
  url.hash = "";
  return url.toString();
}
