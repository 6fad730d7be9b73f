import { and, eq, isNotNull } from "drizzle-orm";
import { brandDomains } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { lookupTxt } from "./lookup-txt";

type DomainRow = typeof brandDomains.$inferSelect;

/** Where and what the brand publishes to prove it owns a domain. */
export const verificationRecord = (d: Pick<DomainRow, "domain" | "verificationToken">) => ({ type: "TXT" as const, name: `_tandem.${d.domain}`, value: `tandem-verify=${d.verificationToken}` });

const record = (d: DomainRow) => ({
  id: d.id,
  domain: d.domain,
  verified: d.verifiedAt !== null,
  verifiedAt: d.verifiedAt?.toISOString() ?? null,
  verification: verificationRecord(d),
  createdAt: d.createdAt.toISOString(),
});

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
 * Proves the brand owns a domain: its TXT record `tandem-verify=<token>` at `_tandem.<domain>`,
 * looked up over DNS-over-HTTPS. Found: the domain is verified (idempotent). Not found: 422
 * saying what to publish; the resolver down: 503, nothing changes.
 */
export async function verifyDomain(deps: Deps, tenant: BrandTenant, domainId: string) {
  const pg = await deps.pg();
  const [row] = await pg.select().from(brandDomains).where(and(eq(brandDomains.id, domainId), eq(brandDomains.brandId, tenant.brandId)));
  if (!row) throw new AppError("not_found", `No domain ${domainId} for this brand.`);
  if (row.verifiedAt) return record(row);
  const want = verificationRecord(row);
  const found = await lookupTxt(deps.config.dohUrl, want.name);
  if (!found.some((v) => v.trim() === want.value)) {
    const seen = found.length ? `found ${found.map((v) => JSON.stringify(v)).join(", ")}` : "found no TXT record";
    throw new AppError("validation_failed", `${want.name} does not have the TXT record ${want.value} yet (${seen}). DNS changes can take a few minutes to appear.`, [
      { path: "domain", message: `Add the TXT record ${want.value} at ${want.name}` },
    ]);
  }
  const [done] = await pg.update(brandDomains).set({ verifiedAt: new Date(deps.now()) }).where(eq(brandDomains.id, row.id)).returning();
  return record(done!);
}

/** The brand's verified domains, oldest first: where its links may send visitors. */
export async function verifiedDomains(deps: Deps, brandId: string) {
  const pg = await deps.pg();
  return pg.select({ domain: brandDomains.domain }).from(brandDomains).where(and(eq(brandDomains.brandId, brandId), isNotNull(brandDomains.verifiedAt))).orderBy(brandDomains.createdAt);
}

/**
 * A destination is safe when it is https, carries no credentials, and its host is one of the
 * brand's verified domains or a subdomain of one. Anything else would be an open redirect.
 * `allowUnverified` admits a registered domain still awaiting its DNS proof: for drafts, which
 * send no visitor anywhere until `assertCampaignDestinationsVerified` lets them launch.
 */
export async function assertBrandDestination(deps: Deps, brandId: string, raw: string, field: string, opts: { allowUnverified?: boolean } = {}): Promise<string> {
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
  const domains = await pg.select({ domain: brandDomains.domain, verifiedAt: brandDomains.verifiedAt }).from(brandDomains).where(eq(brandDomains.brandId, brandId));
  const matching = domains.filter((d) => host === d.domain || host.endsWith(`.${d.domain}`));
  if (!matching.length) throw bad(`${host} is not one of this brand's registered domains`);
  // Registering a domain is a claim; only the DNS proof lets links send visitors there.
  // A draft may name a domain whose proof is still on its way; launching checks again.
  if (!opts.allowUnverified && !matching.some((d) => d.verifiedAt)) throw bad(`${matching[0]!.domain} is not verified yet: add its TXT record in brand settings, then verify`);
  url.hash = "";
  return url.toString();
}

/**
 * Before a campaign may send visitors anywhere (launch, resume, a minted link): its fallback and
 * landing pages must all be on verified domains. Names each page that is not, with where to fix it.
 */
export async function assertCampaignDestinationsVerified(deps: Deps, brandId: string, c: { fallbackUrl: string; landingUrls: string[] }, pathPrefix = "") {
  const verified = (await verifiedDomains(deps, brandId)).map((d) => d.domain);
  const pages = [{ url: c.fallbackUrl, path: `${pathPrefix}fallbackUrl` }, ...c.landingUrls.map((url, i) => ({ url, path: `${pathPrefix}landingUrls.${i}` }))];
  const unverified = pages.flatMap(({ url, path }) => {
    const host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
    return verified.some((d) => host === d || host.endsWith(`.${d}`)) ? [] : [{ host, path }];
  });
  if (unverified.length) {
    const hosts = [...new Set(unverified.map((u) => u.host))].join(", ");
    const errors = unverified.map(({ host, path }) => ({ path, message: `${host} is not verified yet: add its TXT record in brand settings, then verify` }));
    throw new AppError("domain_unverified", `Verify ${hosts} in Settings → Domains first: links only send visitors to domains the brand has proved it owns.`, errors);
  }
}
