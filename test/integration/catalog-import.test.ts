import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import shopifyCsv from "../fixtures/shopify-products.csv?raw";
import { d1Client } from "../../workers/db/d1/client";
import { catalogImports } from "../../workers/db/d1/schema";
import { IMPORT_BATCH_ROWS, runImport } from "../../workers/catalog/import/run-import";
import { readConfig } from "../../workers/lib/config";
import { createApiKey, createBrand, createCategory, importCatalog, signIn } from "../factories";
import { api, problem, uniqueEmail } from "./helpers";

const company = (name: string) => ({ name, website: "https://example.com", industry: "fashion", companySize: "11-50", country: "GB" });

async function brandWithCatalog(label: string) {
  const owner = (await signIn(api, uniqueEmail(label))).cookie;
  const brand = await createBrand(api, owner, company(`${label} brand`));
  const key = (await createApiKey(api, owner, brand.id)).secret;
  const auth = { authorization: `Bearer ${key}` };
  await createCategory(api, owner, { name: "Dresses" });
  await createCategory(api, owner, { name: "Accessories" });
  return { owner, brand, auth };
}

type Product = { handle: string; title: string; status: string; options: { name: string; values: string[] }[]; variants: { sku: string | null; priceMinor: number; compareAtMinor: number | null; inventory: number; options: string[] }[]; media: { url: string; alt: string }[]; descriptionHtml: string; seoTitle: string | null; categoryId: string | null };
const products = async (auth: Record<string, string>) => ((await (await api("/api/v1/catalog/products?limit=200", { headers: auth })).json()) as { items: Product[] }).items;

const TANDEM_HEADER = "handle,title,description_html,vendor,category,tags,status,option1_name,option1_value,sku,price,compare_at_price,inventory,weight_grams";

describe("catalog import: Shopify's product CSV", () => {
  let ctx: Awaited<ReturnType<typeof brandWithCatalog>>;
  beforeAll(async () => {
    ctx = await brandWithCatalog("shopify");
  });

  it("imports products, variants, options, images and SEO as Shopify exports them", async () => {
    const job = await importCatalog(api, ctx.auth, shopifyCsv, "format=shopify&currency=GBP");
    expect(job).toMatchObject({ status: "completed", rows: 6, processed: 6, created: 6, updated: 0, skipped: 0, errors: [] });
    const items = await products(ctx.auth);
    const dress = items.find((p) => p.handle === "linen-wrap-dress")!;
    expect(dress).toMatchObject({ title: "Linen Wrap Dress", status: "active", seoTitle: "Linen Wrap Dress | Maison Demo" });
    expect(dress.descriptionHtml).toContain('Relaxed, "forgiving" fit');
    expect(dress.options).toEqual([{ name: "Size", values: ["XS", "S", "M"] }, { name: "Colour", values: ["Sand", "Olive"] }]);
    expect(dress.variants.map((v) => [v.sku, v.priceMinor, v.compareAtMinor, v.inventory, v.options])).toEqual([
      ["LWD-XS-SAND", 12900, 15900, 12, ["XS", "Sand"]],
      ["LWD-S-SAND", 12900, 15900, 20, ["S", "Sand"]],
      ["LWD-M-OLIVE", 12900, null, 0, ["M", "Olive"]],
    ]);
    expect(dress.media.map((m) => m.alt)).toEqual(["Linen wrap dress in sand", "Back view"]);
    const scarf = items.find((p) => p.handle === "silk-scarf")!;
    expect(scarf).toMatchObject({ status: "draft", options: [] });
    expect(scarf.variants[0]).toMatchObject({ sku: "SCARF-01", options: [] });
    // SKU-less variants are matched by their options.
    expect(items.find((p) => p.handle === "gift-card")!.variants.map((v) => [v.sku, v.options, v.priceMinor])).toEqual([[null, ["$25"], 2500], [null, ["$50"], 5000]]);
  });

  it("importing the same file again creates nothing", async () => {
    const before = await products(ctx.auth);
    const job = await importCatalog(api, ctx.auth, shopifyCsv, "format=shopify&currency=GBP");
    expect(job).toMatchObject({ status: "completed", rows: 6, created: 0, updated: 6, skipped: 0 });
    const after = await products(ctx.auth);
    expect(after.length).toBe(before.length);
    expect(after.flatMap((p) => p.variants).length).toBe(before.flatMap((p) => p.variants).length);
    expect(after.flatMap((p) => p.media).length).toBe(before.flatMap((p) => p.media).length);
  });
});

describe("catalog import: refusals, row errors, dry run", () => {
  let ctx: Awaited<ReturnType<typeof brandWithCatalog>>;
  beforeAll(async () => {
    ctx = await brandWithCatalog("import-rules");
  });

  it("refuses a file without the required columns at once, naming them", async () => {
    const res = await api("/api/v1/catalog/imports?format=shopify", { method: "POST", headers: { "content-type": "text/csv", ...ctx.auth }, body: "Handle,Name\nx,y\n" });
    expect(res.status).toBe(422);
    expect((await problem(res)).errors!.map((e) => e.path)).toEqual(["body.columns.Title", "body.columns.Variant Price"]);
    const empty = await api("/api/v1/catalog/imports?format=tandem", { method: "POST", headers: { "content-type": "text/csv", ...ctx.auth }, body: "" });
    expect(empty.status).toBe(422);
    const badQuery = await api("/api/v1/catalog/imports?format=woo", { method: "POST", headers: { "content-type": "text/csv", ...ctx.auth }, body: "a" });
    expect((await problem(badQuery)).errors?.[0]?.path).toBe("query.format");
  });

  it("refuses a file with broken quoting whole, with the line", async () => {
    const csv = `${TANDEM_HEADER}\nok-one,One,,,,,active,,,O-1,10.00,,1,0\nbroken,"Broken title,,,,,active,,,B-1,10.00,,1,0\nok-two,Two,,,,,active,,,O-2,10.00,,1,0\n`;
    const job = await importCatalog(api, ctx.auth, csv, "format=tandem");
    expect(job.status).toBe("failed");
    expect(job.errors[0]).toMatchObject({ line: 3, column: "*" });
    expect(job.failure).toMatch(/not valid CSV/);
    expect((await products(ctx.auth)).map((p) => p.handle)).not.toContain("ok-one");
  });

  const withErrors = [
    TANDEM_HEADER,
    "good-one,Good one,<p>fine</p>,,Dresses,,active,,,G-1,10.00,,5,100",
    "neg-price,Negative,,,Dresses,,active,,,N-1,-5.00,,5,100",
    "lost,Lost,,,Shoes,,active,,,L-1,10.00,,5,100",
    "good-two,Good two,,,,,active,Size,S,G2-S,12.50,15.00,5,100",
    "good-two,,,,,,,,M,G2-M,12.50,abc,5,100",
  ].join("\n");

  it("row errors commit nothing and name line and column", async () => {
    const job = await importCatalog(api, ctx.auth, withErrors, "format=tandem");
    expect(job.status).toBe("failed");
    expect(job.errors).toEqual([
      { line: 3, column: "price", message: "Cannot be negative" },
      { line: 4, column: "category", message: 'No category "Shoes" in this catalog' },
      { line: 6, column: "compare_at_price", message: "Not an amount in USD" },
    ]);
    expect(job.created + job.updated).toBe(0);
    expect(await products(ctx.auth)).toEqual([]);
  });

  it("a dry run reports what would happen and writes nothing", async () => {
    const job = await importCatalog(api, ctx.auth, withErrors, "format=tandem&dryRun=true&skipInvalid=true");
    expect(job).toMatchObject({ status: "completed", rows: 5, created: 2, updated: 0, skipped: 3, errorCount: 3 });
    expect(await products(ctx.auth)).toEqual([]);
  });

  it("skipInvalid=true imports the good rows and reports the rest", async () => {
    const job = await importCatalog(api, ctx.auth, withErrors, "format=tandem&skipInvalid=true");
    expect(job).toMatchObject({ status: "completed", rows: 5, created: 2, skipped: 3, errorCount: 3 });
    expect(job.errors.map((e) => e.line)).toEqual([3, 4, 6]);
    const items = await products(ctx.auth);
    expect(items.map((p) => p.handle).sort()).toEqual(["good-one", "good-two"]);
    expect(items.find((p) => p.handle === "good-two")!.variants.map((v) => v.sku)).toEqual(["G2-S"]);
  });

  it("another brand cannot read the import", async () => {
    const job = await importCatalog(api, ctx.auth, withErrors, "format=tandem&dryRun=true");
    const other = await brandWithCatalog("import-other");
    expect((await api(`/api/v1/catalog/imports/${job.id}`, { headers: other.auth })).status).toBe(404);
  });
});

describe("catalog: pages larger than D1's 100 bound parameters", () => {
  it("lists 150 products with their variants in one page", async () => {
    const ctx = await brandWithCatalog("wide-page");
    const csv = [TANDEM_HEADER, ...Array.from({ length: 150 }, (_, i) => `wide-${i},Wide ${i},,,,,active,,,W-${i},1.00,,1,0`)].join("\n");
    expect((await importCatalog(api, ctx.auth, csv, "format=tandem")).status).toBe("completed");
    const page = (await (await api("/api/v1/catalog/products?limit=200", { headers: ctx.auth })).json()) as { items: Product[] };
    expect(page.items).toHaveLength(150);
    expect(page.items.every((p) => p.variants.length === 1)).toBe(true);
  });
});

describe("catalog import: 100,000 rows", () => {
  it("streams the file in bounded batches and upserts every row", { timeout: 300_000 }, async () => {
    const ctx = await brandWithCatalog("big-import");
    const rows = 100_000;
    const lines = [TANDEM_HEADER];
    for (let i = 0; i < rows; i++) {
      const p = Math.floor(i / 4);
      lines.push(i % 4 === 0 ? `product-${p},Product ${p},"<p>Item ${p}, with a comma</p>",Bulk Co,Dresses,"a,b",active,Size,S${i % 4},SKU-${i},${(i % 900) + 1}.99,,${i % 50},250` : `product-${p},,,,,,,,S${i % 4},SKU-${i},${(i % 900) + 1}.99,,${i % 50},250`);
    }
    const csv = lines.join("\n");
    const me = (await (await api("/api/v1/me", { headers: { cookie: ctx.owner } })).json()) as { brands: { id: string }[] };
    const brandId = me.brands[0]!.id;
    // Run the job in-process (no queue message) to observe its batches.
    const id = `imp_${crypto.randomUUID().replaceAll("-", "").slice(0, 26)}`;
    const fileKey = `imports/${brandId}/${id}.csv`;
    await env.MEDIA.put(fileKey, csv);
    const db = d1Client(env.DB);
    await db.insert(catalogImports).values({ id, brandId, format: "tandem", status: "queued", dryRun: false, skipInvalid: false, currency: "USD", fileKey, fileBytes: csv.length, rows: 0, processed: 0, created: 0, updated: 0, skipped: 0, errors: [], errorCount: 0, failure: null, createdAt: Date.now(), startedAt: null, finishedAt: null });
    const batches: number[] = [];
    const noop = () => undefined;
    const deps = { config: readConfig(env), db, pg: () => Promise.reject(new Error("no pg")), emailer: { send: noop } as never, now: () => Date.now(), log: { info: noop, warn: noop, error: noop } as never, bucket: env.MEDIA };
    await runImport(deps, id, { onBatch: (n) => batches.push(n) });
    const job = await db.select().from(catalogImports).where(eq(catalogImports.id, id)).get();
    expect(job).toMatchObject({ status: "completed", rows, processed: rows, created: rows, updated: 0, skipped: 0, errorCount: 0 });
    expect(Math.max(...batches)).toBeLessThanOrEqual(IMPORT_BATCH_ROWS);
    expect(await env.MEDIA.head(fileKey)).toBeNull(); // the upload is dropped once the job ends
    expect(batches.reduce((a, b) => a + b, 0)).toBe(rows * 2); // validated, then written
    const page = (await (await api("/api/v1/catalog/products?limit=1&q=product-24999", { headers: ctx.auth })).json()) as { items: Product[] };
    expect(page.items[0]!.variants.map((v) => v.sku)).toEqual(["SKU-99996", "SKU-99997", "SKU-99998", "SKU-99999"]);
    expect(page.items[0]!.options).toEqual([{ name: "Size", values: ["S0", "S1", "S2", "S3"] }]);
  });
});
