import { and, eq } from "drizzle-orm";
import { inList } from "../../db/d1/in-list";
import { catalogImports, categories, media, products, variants, type ImportError, type ProductOption } from "../../db/d1/schema";
import type { Deps } from "../../lib/context";
import { newId } from "../../lib/ids";
import { effectiveAttributes, parseAttributeCell, validateAttributes, type AttributeDef, type AttributeValue } from "../attributes";
import { optionKey } from "../products";
import { sanitizeHtml } from "../sanitize-html";
import { csvRows, MalformedCsv } from "./csv-records";
import { rowReader, type ImportFormat, type ImportRow } from "./formats";

export interface ImportDeps extends Deps {
  bucket: R2Bucket;
}

/** Rows per batch: parsed, validated and written together (one D1 batch), then dropped. */
export const IMPORT_BATCH_ROWS = 500;
const MAX_STORED_ERRORS = 1000;

type Job = typeof catalogImports.$inferSelect;
type Tally = { rows: number; created: number; updated: number; skipped: number; errors: ImportError[]; errorCount: number };

/**
 * Runs a queued import: pass 1 streams the file and validates every row (a malformed file or, unless
 * `skipInvalid`, any row error ends it with nothing written); pass 2 streams it again and upserts by
 * handle and SKU in batches. A redelivered message restarts the job; upserts make that harmless.
 */
export async function runImport(deps: ImportDeps, importId: string, hooks: { onBatch?: (rows: number) => void } = {}) {
  const job = await deps.db.select().from(catalogImports).where(eq(catalogImports.id, importId)).get();
  if (!job || job.status === "completed" || job.status === "failed") return;
  await deps.db
    .update(catalogImports)
    .set({ status: "running", startedAt: deps.now(), rows: 0, processed: 0, created: 0, updated: 0, skipped: 0, errors: [], errorCount: 0 })
    .where(eq(catalogImports.id, importId));
  try {
    const check = await scan(deps, job, false, hooks);
    const refused = check.errorCount > 0 && !job.skipInvalid;
    if (job.dryRun || refused) {
      await finish(
        deps,
        job,
        refused ? "failed" : "completed",
        refused ? { ...check, created: 0, updated: 0 } : check,
        refused ? `${check.errorCount} row error(s); nothing was imported. Fix them, or import with skipInvalid=true to leave those rows out.` : null
      );
      return;
    }
    const done = await scan(deps, job, true, hooks);
    await finish(deps, job, "completed", done, null);
  } catch (e) {
    if (e instanceof MalformedCsv) {
      await finish(
        deps,
        job,
        "failed",
        { rows: 0, created: 0, updated: 0, skipped: 0, errors: [{ line: e.line, column: "*", message: e.message }], errorCount: 1 },
        `The file is not valid CSV (line ${e.line}: ${e.message}); nothing was imported.`
      );
      return;
    }
    // Anything else (a database hiccup) is retried by the queue, so the file must stay.
    throw e;
  }
}

/** Records the outcome; the file is only needed while its job runs (a dry run is re-uploaded to import for real). */
async function finish(deps: ImportDeps, job: Job, status: "completed" | "failed", t: Tally, failure: string | null) {
  await deps.bucket.delete(job.fileKey).catch(() => undefined);
  await deps.db
    .update(catalogImports)
    .set({ status, rows: t.rows, processed: t.rows, created: t.created, updated: t.updated, skipped: t.skipped, errors: t.errors, errorCount: t.errorCount, failure, finishedAt: deps.now() })
    .where(eq(catalogImports.id, job.id));
}

interface Known {
  optionNames: string[];
  categoryId: string | null;
}

async function scan(deps: ImportDeps, job: Job, write: boolean, hooks: { onBatch?: (rows: number) => void }): Promise<Tally> {
  const obj = await deps.bucket.get(job.fileKey);
  if (!obj) throw new MalformedCsv(1, "The uploaded file is gone; upload it again");
  const tally: Tally = { rows: 0, created: 0, updated: 0, skipped: 0, errors: [], errorCount: 0 };
  const categoryRef = await categoryResolver(deps, job.brandId);
  const defsCache = new Map<string, AttributeDef[]>();
  const defsOf = async (categoryId: string) => {
    if (!defsCache.has(categoryId)) defsCache.set(categoryId, await effectiveAttributes(deps, job.brandId, categoryId));
    return defsCache.get(categoryId)!;
  };
  // What the file has said so far: bounded by the number of products and SKUs, never by rows.
  const known = new Map<string, Known>();
  const skuHandle = new Map<string, string>();
  const badProducts = new Set<string>();
  let reader: ReturnType<typeof rowReader> | null = null;

  for await (const parsed of csvRows(obj.body, IMPORT_BATCH_ROWS)) {
    if (!reader) {
      reader = rowReader(job.format as ImportFormat, parsed[0]!.fields, job.currency);
      if ("missing" in reader) throw new MalformedCsv(1, `Missing required column(s): ${reader.missing!.join(", ")}`);
      continue;
    }
    const rows = parsed.map((p) => reader!.read!(p.line, p.fields));
    const existing = await lookupExisting(deps, job.brandId, rows);

    const typed = new Map<number, Record<string, AttributeValue>>();
    for (const row of rows) {
      if (row.errors.length) continue;
      const fail = (column: string, message: string) => row.errors.push({ line: row.line, column, message });
      if (row.product) {
        const categoryId = row.product.category ? categoryRef(row.product.category) : null;
        if (row.product.category && !categoryId) fail(job.format === "shopify" ? "Type" : "category", `No category "${row.product.category}" in this catalog`);
        const defs = categoryId ? await defsOf(categoryId) : [];
        const values: Record<string, AttributeValue> = {};
        for (const [key, raw] of Object.entries(row.product.attributes)) {
          const def = defs.find((d) => d.key === key);
          if (!def) fail(`attr.${key}`, categoryId ? "Not an attribute of this category" : "Set a category to use attributes");
          else {
            const r = parseAttributeCell(def, raw);
            if ("error" in r) fail(`attr.${key}`, r.error);
            else values[key] = r.value;
          }
        }
        for (const e of validateAttributes(defs, values, "attr")) if (!row.errors.some((x) => x.column === e.path)) fail(e.path, e.message);
        typed.set(row.line, values);
        const prior = existing.products.get(row.handle);
        if (!known.has(row.handle) || row.product.optionNames.length)
          known.set(row.handle, { optionNames: row.product.optionNames.length ? row.product.optionNames : prior?.options.map((o) => o.name) ?? [], categoryId });
        if (row.errors.length) badProducts.add(row.handle);
        else badProducts.delete(row.handle);
      } else if (!known.has(row.handle)) {
        const prior = existing.products.get(row.handle);
        if (prior) known.set(row.handle, { optionNames: prior.options.map((o) => o.name), categoryId: prior.categoryId });
        else fail(job.format === "shopify" ? "Title" : "title", "The first row of a product needs its title");
      }
      if (row.variant && known.has(row.handle)) {
        const names = known.get(row.handle)!.optionNames;
        if (row.variant.options.length !== names.length)
          fail(
            job.format === "shopify" ? "Option1 Value" : "option1_value",
            names.length ? `Give a value for each option (${names.join(", ")})` : "This product has no options: leave option values blank"
          );
        const sku = row.variant.sku;
        if (sku) {
          const owner = skuHandle.get(sku) ?? existing.skuOwner.get(sku);
          if (owner && owner !== row.handle) fail(job.format === "shopify" ? "Variant SKU" : "sku", `SKU already used by product "${owner}"`);
          else skuHandle.set(sku, row.handle);
        }
      }
    }

    const valid: ImportRow[] = [];
    for (const row of rows) {
      tally.rows++;
      if (row.errors.length || badProducts.has(row.handle)) {
        tally.skipped++;
        tally.errorCount += row.errors.length;
        for (const e of row.errors) if (tally.errors.length < MAX_STORED_ERRORS) tally.errors.push(e);
      } else valid.push(row);
    }
    const counts = write ? await writeBatch(deps, job, valid, existing, known, typed) : countBatch(valid, existing);
    tally.created += counts.created;
    tally.updated += counts.updated;
    hooks.onBatch?.(rows.length);
    // Let the isolate serve other requests (progress polls among them) between batches.
    await new Promise((r) => setTimeout(r, 0));
    await deps.db
      .update(catalogImports)
      .set(write ? { processed: tally.rows, created: tally.created, updated: tally.updated, skipped: tally.skipped } : { rows: tally.rows, errorCount: tally.errorCount })
      .where(eq(catalogImports.id, job.id));
  }
  if (!reader) throw new MalformedCsv(1, "The file is empty");
  return tally;
}

type Existing = Awaited<ReturnType<typeof lookupExisting>>;

/** One query each for the batch's products, their variants and images, and SKUs owned elsewhere. */
async function lookupExisting(deps: ImportDeps, brandId: string, rows: ImportRow[]) {
  const handles = [...new Set(rows.map((r) => r.handle).filter(Boolean))];
  const skus = [...new Set(rows.map((r) => r.variant?.sku).filter((s): s is string => !!s))];
  const prods = handles.length
    ? await deps.db
        .select({ id: products.id, handle: products.handle, options: products.options, categoryId: products.categoryId })
        .from(products)
        .where(and(eq(products.brandId, brandId), inList(products.handle, handles)))
    : [];
  const ids = prods.map((p) => p.id);
  const [vars, imgs, skuRows] = await Promise.all([
    ids.length
      ? deps.db
          .select({ id: variants.id, productId: variants.productId, sku: variants.sku, optionKey: variants.optionKey })
          .from(variants)
          .where(and(eq(variants.brandId, brandId), inList(variants.productId, ids)))
      : [],
    ids.length
      ? deps.db
          .select({ id: media.id, productId: media.productId, url: media.url })
          .from(media)
          .where(and(eq(media.brandId, brandId), inList(media.productId, ids)))
      : [],
    skus.length
      ? deps.db
          .select({ sku: variants.sku, handle: products.handle })
          .from(variants)
          .innerJoin(products, eq(products.id, variants.productId))
          .where(and(eq(variants.brandId, brandId), inList(variants.sku, skus)))
      : [],
  ]);
  return {
    products: new Map(prods.map((p) => [p.handle, p])),
    variantBySku: new Map(vars.filter((v) => v.sku).map((v) => [v.sku!, v])),
    variantByCombo: new Map(vars.map((v) => [`${v.productId}|${v.optionKey}`, v])),
    mediaByUrl: new Map(imgs.map((m) => [`${m.productId}|${m.url}`, m])),
    skuOwner: new Map(skuRows.map((s) => [s.sku!, s.handle])),
  };
}

/** Which target each valid row hits: a variant, else an image, else the product itself. */
function classify(row: ImportRow, existing: Existing, productId: string | undefined) {
  if (row.variant) {
    const v = (row.variant.sku && existing.variantBySku.get(row.variant.sku)) || (productId && existing.variantByCombo.get(`${productId}|${optionKey(row.variant.options)}`));
    return v ? { kind: "updated" as const, variantId: v.id } : { kind: "created" as const };
  }
  if (row.image) return productId && existing.mediaByUrl.has(`${productId}|${row.image.url}`) ? { kind: "updated" as const } : { kind: "created" as const };
  return productId ? { kind: "updated" as const } : { kind: "created" as const };
}

function countBatch(valid: ImportRow[], existing: Existing) {
  let created = 0;
  let updated = 0;
  const seenVariant = new Set<string>();
  for (const row of valid) {
    const pid = existing.products.get(row.handle)?.id;
    const key = row.variant ? `${row.handle}|${row.variant.sku ?? optionKey(row.variant.options)}` : null;
    if (key && seenVariant.has(key)) updated++, void 0;
    else if (classify(row, existing, pid).kind === "created") created++;
    else updated++;
    if (key) seenVariant.add(key);
  }
  return { created, updated };
}

/** Rows per multi-row INSERT: D1 takes at most 100 bound parameters per statement. */
const rowsPerInsert = (columns: number) => Math.floor(100 / columns);

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/**
 * Writes one batch in one D1 batch (a transaction). New products and variants go in multi-row
 * INSERTs; existing ones are updated by id or key. A product's options are final (every value
 * its rows in this batch mention) before its row is written.
 */
async function writeBatch(deps: ImportDeps, job: Job, valid: ImportRow[], existing: Existing, known: Map<string, Known>, typed: Map<number, Record<string, AttributeValue>>) {
  const now = deps.now();
  let created = 0;
  let updated = 0;
  const productIds = new Map<string, string>();
  const options = new Map<string, ProductOption[]>();
  const productRows = new Map<string, { values: typeof products.$inferInsert; isNew: boolean }>();
  const newVariants = new Map<string, typeof variants.$inferInsert>();
  const stmts: { run(): unknown }[] = [];
  const touched = new Set<string>();

  for (const row of valid) {
    const prior = existing.products.get(row.handle);
    let pid = productIds.get(row.handle) ?? prior?.id;
    if (!options.has(row.handle)) options.set(row.handle, structuredClone(prior?.options ?? known.get(row.handle)!.optionNames.map((name) => ({ name, values: [] }))));
    if (row.product) {
      const opts = options.get(row.handle)!;
      const names = row.product.optionNames.length ? row.product.optionNames : opts.map((o) => o.name);
      options.set(row.handle, names.map((name, i) => ({ name, values: opts[i]?.values ?? [] })));
      const isNew = !prior && !productRows.get(row.handle)?.isNew;
      pid ??= newId("product");
      productRows.set(row.handle, {
        isNew: isNew || !!productRows.get(row.handle)?.isNew,
        values: {
          id: pid,
          brandId: job.brandId,
          categoryId: known.get(row.handle)!.categoryId,
          handle: row.handle,
          title: row.product.title,
          descriptionHtml: sanitizeHtml(row.product.descriptionHtml),
          vendor: row.product.vendor,
          tags: row.product.tags,
          status: row.product.status,
          options: [],
          attributes: typed.get(row.line) ?? {},
          currency: job.currency,
          seoTitle: row.product.seoTitle,
          seoDescription: row.product.seoDescription,
          createdAt: now,
          updatedAt: now,
        },
      });
      if (!row.variant && !row.image) isNew ? created++ : updated++;
    }
    productIds.set(row.handle, pid!);
    touched.add(row.handle);
    const opts = options.get(row.handle)!;
    const target = classify(row, existing, prior?.id ?? pid);
    if (row.variant) {
      row.variant.options.forEach((v, i) => {
        if (opts[i] && !opts[i]!.values.includes(v)) opts[i]!.values.push(v);
      });
      const v = row.variant;
      const key = optionKey(v.options);
      const variantId = target.kind === "updated" ? target.variantId! : newId("variant");
      const values = { id: variantId, brandId: job.brandId, productId: pid!, sku: v.sku, option1: v.options[0] ?? null, option2: v.options[1] ?? null, option3: v.options[2] ?? null, optionKey: key, priceMinor: v.priceMinor, compareAtMinor: v.compareAtMinor, inventory: v.inventory, weightGrams: v.weightGrams, position: row.line };
      if (target.kind === "created" || newVariants.has(variantId)) {
        // New in this batch (a repeated row just overwrites it): inserted below, several rows per statement.
        newVariants.set(variantId, { ...values, position: newVariants.get(variantId)?.position ?? row.line });
      } else {
        // An existing variant keeps its place in the product.
        const { id: _i, brandId: _b, position: _p, ...set } = values;
        stmts.push(deps.db.update(variants).set(set).where(and(eq(variants.id, variantId), eq(variants.brandId, job.brandId))));
      }
      // Later rows in this batch for the same variant update it rather than insert a twin.
      existing.variantByCombo.set(`${pid}|${key}`, { id: variantId, productId: pid!, sku: v.sku, optionKey: key });
      if (v.sku) existing.variantBySku.set(v.sku, { id: variantId, productId: pid!, sku: v.sku, optionKey: key });
      target.kind === "created" ? created++ : updated++;
    } else if (row.image) {
      if (target.kind === "created") created++;
      else updated++;
    }
    if (row.image) {
      const values = { id: newId("media"), brandId: job.brandId, productId: pid!, key: null, url: row.image.url, contentType: "image/*", bytes: 0, width: null, height: null, alt: row.image.alt, position: row.image.position, createdAt: now };
      stmts.push(
        deps.db
          .insert(media)
          .values(values)
          .onConflictDoUpdate({ target: [media.productId, media.url], set: { alt: values.alt, position: values.position } }),
      );
      existing.mediaByUrl.set(`${pid}|${row.image.url}`, { id: values.id, productId: pid!, url: row.image.url });
    }
    if (!existing.products.has(row.handle)) existing.products.set(row.handle, { id: pid!, handle: row.handle, options: opts, categoryId: known.get(row.handle)!.categoryId });
  }

  // Products first (variants and images refer to them), with their final options.
  const fresh: (typeof products.$inferInsert)[] = [];
  for (const [handle, p] of productRows) {
    const values = { ...p.values, options: options.get(handle)! };
    if (p.isNew) fresh.push(values);
    else {
      const { id: _i, createdAt: _c, brandId: _b, handle: _h, ...set } = values;
      stmts.unshift(deps.db.update(products).set(set).where(and(eq(products.brandId, job.brandId), eq(products.handle, handle))));
    }
  }
  for (const handle of touched) {
    if (productRows.has(handle)) continue;
    stmts.push(deps.db.update(products).set({ options: options.get(handle)!, updatedAt: now }).where(and(eq(products.brandId, job.brandId), eq(products.handle, handle))));
  }
  const productInserts = chunks(fresh, rowsPerInsert(16)).map((c) => deps.db.insert(products).values(c));
  const variantInserts = chunks([...newVariants.values()], rowsPerInsert(13)).map((c) => deps.db.insert(variants).values(c));
  // New products before anything that refers to them.
  const ordered = [...productInserts, ...stmts, ...variantInserts];
  if (ordered.length) await deps.db.batch(ordered as never);
  return { created, updated };
}

/** Category references in files: a path ("Women > Dresses"), a slug, or a name that is unique in the tree. */
async function categoryResolver(deps: ImportDeps, brandId: string) {
  const rows = await deps.db.select({ id: categories.id, parentId: categories.parentId, name: categories.name, slug: categories.slug }).from(categories).where(eq(categories.brandId, brandId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pathOf = (id: string): string => {
    const c = byId.get(id)!;
    return c.parentId && byId.has(c.parentId) ? `${pathOf(c.parentId)} > ${c.name}` : c.name;
  };
  const refs = new Map<string, string | null>();
  const add = (k: string, id: string) => {
    const key = k
      .trim()
      .toLowerCase()
      .replace(/\s*>\s*/g, " > ");
    refs.set(key, refs.has(key) && refs.get(key) !== id ? null : id);
  };
  for (const r of rows) add(pathOf(r.id), r.id), add(r.slug, r.id), add(r.name, r.id);
  return (ref: string) =>
    refs.get(
      ref
        .trim()
        .toLowerCase()
        .replace(/\s*>\s*/g, " > ")
    ) ?? null;
}
