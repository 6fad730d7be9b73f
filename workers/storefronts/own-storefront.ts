import { and, desc, eq } from "drizzle-orm";
import { creators, storefronts, storefrontVersions } from "../db/d1/schema";
import { verifiedDomains } from "../brands/domains";
import type { Deps } from "../lib/context";
import { AppError, type FieldError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";
import { mintLink } from "../links/mint-link";
import { sanitizeHtml } from "../catalog/sanitize-html";
import { StorefrontDoc, referencedProducts } from "./blocks";
import { pickableProducts } from "./pickable-products";
import { docFromTemplate, type TemplateId } from "./templates";

type Creator = typeof creators.$inferSelect;
type Row = typeof storefronts.$inferSelect;

export function storefrontRecord(s: Row, handle: string) {
  return {
    id: s.id,
    handle,
    template: s.template,
    draft: s.draft as StorefrontDoc,
    draftRevision: s.draftRevision,
    publishedVersion: s.publishedVersion,
    publishedAt: s.publishedAt,
    live: s.published !== null,
    hasUnpublishedChanges: s.published === null || JSON.stringify(s.published) !== JSON.stringify(s.draft),
    updatedAt: s.updatedAt,
  };
}

async function row(deps: Deps, creator: Creator) {
  return (await deps.db.select().from(storefronts).where(eq(storefronts.creatorId, creator.id)).get()) ?? null;
}

async function mustRow(deps: Deps, creator: Creator) {
  const r = await row(deps, creator);
  if (!r) throw new AppError("not_found", "You have no storefront yet; start one from a template.");
  return r;
}

export async function getMyStorefront(deps: Deps, creator: Creator) {
  const r = await row(deps, creator);
  return r ? storefrontRecord(r, creator.handle) : null;
}

/** Starts (or, with `replace`, restarts) the draft from a template, filled with the creator's own details and products. */
export async function startFromTemplate(deps: Deps, creator: Creator, template: TemplateId, replace: boolean) {
  const existing = await row(deps, creator);
  if (existing && !replace) throw new AppError("conflict", "You already have a storefront. Pass replace=true to start the draft again from this template.");
  const picks = await pickableProducts(deps, creator.id);
  const doc = docFromTemplate(template, { displayName: creator.displayName, handle: creator.handle, bio: creator.bio, productIds: picks.map((p) => p.id) });
  const now = deps.now();
  if (existing) {
    await deps.db.update(storefronts).set({ template, draft: doc, draftRevision: existing.draftRevision + 1, updatedAt: now }).where(eq(storefronts.id, existing.id));
  } else {
    await deps.db.insert(storefronts).values({ id: newId("storefront"), creatorId: creator.id, template, draft: doc, draftRevision: 1, publishedVersion: null, published: null, publishedAt: null, createdAt: now, updatedAt: now });
  }
  return storefrontRecord(await mustRow(deps, creator), creator.handle);
}

/** Sanitises creator HTML and checks every product reference is one the creator may show. */
async function clean(deps: Deps, creator: Creator, doc: StorefrontDoc, prefix: string): Promise<StorefrontDoc> {
  const allowed = new Map((await pickableProducts(deps, creator.id)).map((p) => [p.id, p]));
  const brandIds = new Set([...allowed.values()].map((p) => p.brandId));
  const errors: FieldError[] = [];
  const blocks = doc.blocks.map((b, i) => {
    const at = `${prefix}.blocks.${i}.props`;
    if (b.type === "text") return { ...b, props: { ...b.props, html: sanitizeHtml(b.props.html) } };
    if (b.type === "productGrid") b.props.productIds.forEach((id, j) => allowed.has(id) || errors.push({ path: `${at}.productIds.${j}`, message: "Not a product you can show (join the brand's campaign first)" }));
    if (b.type === "featuredProduct" && !allowed.has(b.props.productId)) errors.push({ path: `${at}.productId`, message: b.props.productId ? "Not a product you can show (join the brand's campaign first)" : "Pick a product" });
    if (b.type === "collection" && !brandIds.has(b.props.brandId)) errors.push({ path: `${at}.brandId`, message: "Not a brand whose campaign you have joined" });
    return b;
  });
  const ids = new Set<string>();
  doc.blocks.forEach((b, i) => (ids.has(b.id) ? errors.push({ path: `${prefix}.blocks.${i}.id`, message: "Two blocks share this id" }) : ids.add(b.id)));
  if (errors.length) throw new AppError("validation_failed", "Some blocks need attention.", errors);
  return { ...doc, blocks };
}

export async function saveDraft(deps: Deps, creator: Creator, input: { doc: StorefrontDoc; revision: number }) {
  const current = await mustRow(deps, creator);
  const doc = await clean(deps, creator, input.doc, "body.doc");
  const res = await deps.db
    .update(storefronts)
    .set({ draft: doc, draftRevision: current.draftRevision + 1, updatedAt: deps.now() })
    .where(and(eq(storefronts.id, current.id), eq(storefronts.draftRevision, input.revision)))
    .returning({ id: storefronts.id });
  if (!res.length) throw new AppError("conflict", "This draft changed in another tab or device; reload to get the latest before saving.", [{ path: "body.revision", message: `The draft is at revision ${current.draftRevision}` }]);
  return storefrontRecord(await mustRow(deps, creator), creator.handle);
}

/**
 * Publishes the draft as a new version: product links are minted first (one per product, on the
 * campaign that pays for it, to the brand's product page), then the version and the live copy
 * are written in one batch. Returns a D1 bookmark so the creator's next read sees this write.
 */
export async function publish(deps: Deps, creator: Creator, note: string, linkOrigin: string) {
  const current = await mustRow(deps, creator);
  const doc = await clean(deps, creator, StorefrontDoc.parse(current.draft) as StorefrontDoc, "draft");
  await mintProductLinks(deps, creator, doc, linkOrigin);
  return writeVersion(deps, creator, current, doc, note || "Published");
}

async function writeVersion(deps: Deps, creator: Creator, current: Row, doc: StorefrontDoc, note: string) {
  const last = await deps.db.select({ version: storefrontVersions.version }).from(storefrontVersions).where(eq(storefrontVersions.storefrontId, current.id)).orderBy(desc(storefrontVersions.version)).limit(1).get();
  const version = (last?.version ?? 0) + 1;
  const now = deps.now();
  await deps.db.batch([
    deps.db.insert(storefrontVersions).values({ id: newId("storefrontVersion"), storefrontId: current.id, version, doc, note: note.slice(0, 200), publishedAt: now }),
    deps.db.update(storefronts).set({ publishedVersion: version, published: doc, publishedAt: now, updatedAt: now }).where(eq(storefronts.id, current.id)),
  ]);
  return storefrontRecord(await mustRow(deps, creator), creator.handle);
}

async function mintProductLinks(deps: Deps, creator: Creator, doc: StorefrontDoc, linkOrigin: string) {
  const ids = new Set(referencedProducts(doc));
  if (!ids.size) return;
  const picks = (await pickableProducts(deps, creator.id)).filter((p) => ids.has(p.id));
  for (const p of picks) {
    // The brand's first verified domain hosts its product pages; a brand with none has no link yet.
    const [domain] = await verifiedDomains(deps, p.brandId);
    if (!domain) continue;
    // The creator joined this campaign: minting acts for the brand, as accepting the campaign does.
    const onBehalfOfBrand: BrandTenant = { brandId: p.brandId, role: "admin", via: "apiKey" };
    await mintLink(deps, onBehalfOfBrand, { campaignId: p.campaignId, creatorId: creator.id, productId: p.id, destination: `https://${domain.domain}/products/${p.handle}` }, linkOrigin);
  }
}

export async function unpublish(deps: Deps, creator: Creator) {
  const current = await mustRow(deps, creator);
  await deps.db.update(storefronts).set({ published: null, publishedVersion: null, updatedAt: deps.now() }).where(eq(storefronts.id, current.id));
  return storefrontRecord(await mustRow(deps, creator), creator.handle);
}

export async function listVersions(deps: Deps, creator: Creator) {
  const current = await mustRow(deps, creator);
  const rows = await deps.db
    .select({ version: storefrontVersions.version, note: storefrontVersions.note, publishedAt: storefrontVersions.publishedAt })
    .from(storefrontVersions)
    .where(eq(storefrontVersions.storefrontId, current.id))
    .orderBy(desc(storefrontVersions.version))
    .limit(50);
  return rows.map((r) => ({ ...r, live: r.version === current.publishedVersion }));
}

/** Rolls back by publishing an earlier version's document again (history stays linear) and making it the draft. */
export async function rollBack(deps: Deps, creator: Creator, version: number) {
  const current = await mustRow(deps, creator);
  const old = await deps.db.select().from(storefrontVersions).where(and(eq(storefrontVersions.storefrontId, current.id), eq(storefrontVersions.version, version))).get();
  if (!old) throw new AppError("not_found", `No version ${version} of your storefront.`);
  const doc = old.doc as StorefrontDoc;
  await deps.db.update(storefronts).set({ draft: doc, draftRevision: current.draftRevision + 1 }).where(eq(storefronts.id, current.id));
  return writeVersion(deps, creator, { ...current, draftRevision: current.draftRevision + 1 }, doc, `Rolled back to version ${version}`);
}
