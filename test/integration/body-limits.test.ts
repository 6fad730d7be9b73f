import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startImport, type ImportMessage } from "../../workers/catalog/import/start-import";
import { d1Client } from "../../workers/db/d1/client";
import { catalogImports } from "../../workers/db/d1/schema";
import { readConfig } from "../../workers/lib/config";
import { BODY_LIMITS } from "../../workers/lib/body-limit";
import { AppError } from "../../workers/lib/errors";
import { createApiKey, createBrand, createCreator, createProduct, signIn } from "../factories";
import { api, problem, uniqueEmail } from "./helpers";

const MB = 1024 * 1024;
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwyhDABf8gX7f2ux8wAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
const company = (name: string) => ({ name, website: "https://example.com", industry: "fashion", companySize: "11-50", country: "GB" });

/**
 * A body of `total` bytes handed out in 64 KB chunks on demand, with no length known up front
 * (a chunked upload). `pulled()` says how much the gateway actually read.
 */
function source(total: number, first: Uint8Array = new Uint8Array(0)) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (sent >= total) return ctrl.close();
      const n = Math.min(64 * 1024, total - sent);
      const chunk = new Uint8Array(n).fill(0x61);
      if (sent === 0) chunk.set(first.subarray(0, n));
      sent += n;
      ctrl.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

async function expectTooLarge(res: Response, limit: number) {
  expect(res.status).toBe(413);
  const p = await problem(res);
  expect(p.code).toBe("payload_too_large");
  expect(p.errors?.[0]?.path).toBe("body");
  expect(p.detail).toContain(`${limit / MB} MB`);
}

describe("request body limits per route class", () => {
  let owner: string, product: { id: string };
  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("limits"))).cookie;
    await createBrand(api, owner, company("Limits Co"));
    product = await createProduct(api, owner, { handle: "limited", title: "Limited", variants: [{ priceMinor: 100 }] });
  });

  it("refuses a JSON body over the JSON limit before validation, whether its length is declared or not", async () => {
    const big = JSON.stringify({ name: "x".repeat(3 * MB) });
    const declared = await api("/api/v1/campaigns", { method: "POST", headers: { cookie: owner, "content-type": "application/json" }, body: big });
    await expectTooLarge(declared, BODY_LIMITS.json.maxBytes);
    const chunked = source(3 * MB, new TextEncoder().encode('{"name":"'));
    const res = await api("/api/v1/campaigns", { method: "POST", headers: { cookie: owner, "content-type": "application/json" }, body: chunked.stream });
    await expectTooLarge(res, BODY_LIMITS.json.maxBytes);
    expect(chunked.pulled()).toBeLessThan(BODY_LIMITS.json.maxBytes + MB);
    // Under the limit, validation still names the fields.
    const small = await api("/api/v1/campaigns", { method: "POST", headers: { cookie: owner, "content-type": "application/json" }, body: JSON.stringify({ name: "x" }) });
    expect(small.status).toBe(422);
  });

  it("stops reading a product image at 10 MB when no length is declared, and stores nothing", async () => {
    const limit = BODY_LIMITS.productImage.maxBytes;
    const body = source(limit + 4 * MB, PNG);
    const res = await api(`/api/v1/catalog/products/${product.id}/media`, { method: "POST", headers: { cookie: owner, "content-type": "image/png" }, body: body.stream });
    await expectTooLarge(res, limit);
    expect(body.pulled()).toBeLessThan(limit + 2 * MB);
    const listed = await env.MEDIA.list({ prefix: "" });
    expect(listed.objects.filter((o) => o.size > limit)).toEqual([]);
    const again = (await (await api(`/api/v1/catalog/products/${product.id}`, { headers: { cookie: owner } })).json()) as { media: unknown[] };
    expect(again.media).toEqual([]);
  });

  it("refuses a declared product image over 10 MB without reading it, and still takes one under it", async () => {
    const big = new Uint8Array(BODY_LIMITS.productImage.maxBytes + 1);
    big.set(PNG);
    await expectTooLarge(await api(`/api/v1/catalog/products/${product.id}/media`, { method: "POST", headers: { cookie: owner, "content-type": "image/png" }, body: big }), BODY_LIMITS.productImage.maxBytes);
    const ok = await api(`/api/v1/catalog/products/${product.id}/media`, { method: "POST", headers: { cookie: owner, "content-type": "image/png" }, body: source(PNG.length, PNG).stream });
    expect(ok.status).toBe(201);
  });

  it("stops reading a room image at 5 MB", async () => {
    const creator = (await signIn(api, uniqueEmail("limits-creator"))).cookie;
    await createCreator(api, creator, { handle: `limits_${Date.now().toString(36)}`, displayName: "Limits", niches: ["beauty"] });
    const created = (await (await api("/api/v1/communities", { method: "POST", headers: { cookie: creator, "content-type": "application/json" }, body: JSON.stringify({ slug: `limits-${Date.now().toString(36)}`, name: "Limits Club" }) })).json()) as { rooms: { id: string }[] };
    const roomId = created.rooms[0]!.id;
    const limit = BODY_LIMITS.roomImage.maxBytes;
    const body = source(limit + 4 * MB, PNG);
    const res = await api(`/api/v1/rooms/${roomId}/media`, { method: "POST", headers: { cookie: creator, "content-type": "image/png" }, body: body.stream });
    await expectTooLarge(res, limit);
    expect(body.pulled()).toBeLessThan(limit + 2 * MB);
    const ok = await api(`/api/v1/rooms/${roomId}/media`, { method: "POST", headers: { cookie: creator, "content-type": "image/png" }, body: PNG });
    expect(ok.status).toBe(201);
  });
});

describe("CSV imports stream into R2 and stop at their limit", () => {
  const HEADER = "handle,title,description_html,vendor,category,tags,status,option1_name,option1_value,sku,price,compare_at_price,inventory,weight_grams\n";
  const noop = () => undefined;
  // The queue is recorded, not consumed: these files are about storing, not importing.
  const queued: ImportMessage[] = [];
  const queue = { send: async (m: ImportMessage) => void queued.push(m) } as unknown as Queue<ImportMessage>;
  const deps = () => ({ config: readConfig(env), db: d1Client(env.DB), pg: () => Promise.reject(new Error("no pg")), emailer: { send: noop } as never, now: () => Date.now(), log: { info: noop, warn: noop, error: noop } as never, bucket: env.MEDIA, queue });
  const opts = { format: "tandem" as const, dryRun: true, skipInvalid: true, currency: "USD" };

  it("stops reading a chunked upload at the limit (past R2's first part) and leaves no file and no job", async () => {
    const brandId = `brd_limit${Date.now().toString(36)}`;
    const limit = 12 * MB;
    const body = source(limit + 8 * MB, new TextEncoder().encode(HEADER));
    const err = await startImport(deps(), { brandId, role: "owner", via: "apiKey" }, opts, body.stream, limit).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(queued).toEqual([]);
    expect((err as AppError).code).toBe("payload_too_large");
    expect(body.pulled()).toBeLessThan(limit + MB);
    expect((await env.MEDIA.list({ prefix: `imports/${brandId}/` })).objects).toEqual([]);
    expect(await d1Client(env.DB).select().from(catalogImports).where(eq(catalogImports.brandId, brandId)).all()).toEqual([]);
  });

  it("stores a chunked upload larger than one part whole, byte for byte", async () => {
    const brandId = `brd_parts${Date.now().toString(36)}`;
    const total = 9 * MB + 123;
    const body = source(total, new TextEncoder().encode(`${HEADER}big,Big,"<p>`));
    const job = await startImport(deps(), { brandId, role: "owner", via: "apiKey" }, opts, body.stream, 12 * MB);
    expect(job.status).toBe("queued");
    expect(queued.map((m) => m.importId)).toContain(job.id);
    const stored = (await env.MEDIA.list({ prefix: `imports/${brandId}/` })).objects;
    expect(stored.map((o) => o.size)).toEqual([total]);
    const head = await (await env.MEDIA.get(stored[0]!.key, { range: { offset: 0, length: HEADER.length } }))!.text();
    expect(head).toBe(HEADER);
  });

  it("takes a small chunked CSV through the gateway", async () => {
    const owner = (await signIn(api, uniqueEmail("limits-import"))).cookie;
    const brand = await createBrand(api, owner, company("Import Limits"));
    const auth = { authorization: `Bearer ${(await createApiKey(api, owner, brand.id)).secret}` };
    const csv = new TextEncoder().encode(`${HEADER}one,One,,,,,active,,,O-1,10.00,,1,0\n`);
    const res = await api("/api/v1/catalog/imports?format=tandem&dryRun=true", { method: "POST", headers: { "content-type": "text/csv", ...auth }, body: source(csv.length, csv).stream });
    expect(res.status).toBe(202);
    expect((await res.json()) as { status: string }).toMatchObject({ status: "queued", dryRun: true });
  });
});
