import { and, desc, eq } from "drizzle-orm";
import { catalogImports } from "../../db/d1/schema";
import type { Deps } from "../../lib/context";
import { BODY_LIMITS } from "../../lib/body-limit";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { BrandTenant } from "../../lib/tenancy";
import { csvRecords, MalformedCsv, parseRecords } from "./csv-records";
import { rowReader, type ImportFormat } from "./formats";
import { storeUpload } from "./store-upload";

export const MAX_IMPORT_BYTES = BODY_LIMITS.csvImport.maxBytes;

export interface ImportMessage {
  id: string;
  importId: string;
}

export interface StartImportDeps extends Deps {
  bucket: R2Bucket;
  queue: Queue<ImportMessage>;
}

type Job = typeof catalogImports.$inferSelect;

export function importRecord(j: Job) {
  return {
    id: j.id,
    format: j.format,
    status: j.status,
    dryRun: j.dryRun,
    skipInvalid: j.skipInvalid,
    rows: j.rows,
    processed: j.processed,
    created: j.created,
    updated: j.updated,
    skipped: j.skipped,
    errors: j.errors,
    errorCount: j.errorCount,
    failure: j.failure,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
  };
}

/**
 * Streams the upload into R2 (never whole in memory; reading stops at `maxBytes`, whatever the
 * Content-Length said), checks the header so a file without the required columns is refused at
 * once, and queues the job. A refused upload leaves no file and no job.
 */
export async function startImport(
  deps: StartImportDeps,
  tenant: BrandTenant,
  opts: { format: ImportFormat; dryRun: boolean; skipInvalid: boolean; currency: string },
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number = MAX_IMPORT_BYTES,
) {
  const empty = () => new AppError("validation_failed", "Send the CSV file as the request body.", [{ path: "body", message: "Empty file" }]);
  if (!body) throw empty();
  const id = newId("catalogImport");
  const fileKey = `imports/${tenant.brandId}/${id}.csv`;
  const bytes = await storeUpload(deps.bucket, fileKey, body, maxBytes, "text/csv");
  try {
    if (bytes === 0) throw empty();
    await checkHeader(deps.bucket, fileKey, opts.format, opts.currency);
  } catch (e) {
    await deps.bucket.delete(fileKey);
    throw e;
  }
  const job: Job = {
    id,
    brandId: tenant.brandId,
    format: opts.format,
    status: "queued",
    dryRun: opts.dryRun,
    skipInvalid: opts.skipInvalid,
    currency: opts.currency,
    fileKey,
    fileBytes: bytes,
    rows: 0,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    errors: [],
    errorCount: 0,
    failure: null,
    createdAt: deps.now(),
    startedAt: null,
    finishedAt: null,
  };
  await deps.db.insert(catalogImports).values(job);
  await deps.queue.send({ id: newId("event"), importId: id });
  return importRecord(job);
}

async function checkHeader(bucket: R2Bucket, key: string, format: ImportFormat, currency: string) {
  const head = await bucket.get(key, { range: { offset: 0, length: 256 * 1024 } });
  let header: string[] | null = null;
  try {
    for await (const rec of csvRecords(head!.body)) {
      header = parseRecords([rec])[0]!.fields;
      break;
    }
  } catch (e) {
    // A quote left open in the first 256 KB may just be cut off by the range; the full pass decides.
    if (!(e instanceof MalformedCsv)) throw e;
  }
  if (!header) throw new AppError("validation_failed", "The file has no header row.", [{ path: "body", message: "Empty file" }]);
  const reader = rowReader(format, header, currency);
  if ("missing" in reader && reader.missing) {
    throw new AppError(
      "validation_failed",
      `This is not a ${format === "shopify" ? "Shopify product" : "Tandem catalog"} CSV: required column(s) missing.`,
      reader.missing.map((c) => ({ path: `body.columns.${c}`, message: `Missing column "${c}"` })),
    );
  }
}

export async function getImport(deps: Deps, tenant: BrandTenant, id: string) {
  const j = await deps.db.select().from(catalogImports).where(and(eq(catalogImports.id, id), eq(catalogImports.brandId, tenant.brandId))).get();
  if (!j) throw new AppError("not_found", `No import ${id} in this catalog.`);
  return importRecord(j);
}

export async function listImports(deps: Deps, tenant: BrandTenant) {
  const rows = await deps.db.select().from(catalogImports).where(eq(catalogImports.brandId, tenant.brandId)).orderBy(desc(catalogImports.createdAt)).limit(20);
  return rows.map(importRecord);
}
