import { beforeAll, describe, expect, it } from "vitest";
import { createBrand, createCategory, createProduct, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";

const company = (name: string) => ({ name, website: "https://example.com", industry: "fashion", companySize: "11-50", country: "GB" });
const patch = (path: string, body: unknown, cookie: string) => postJson(path, body, { cookie }, "PATCH");
const variant = (priceMinor: number, extra: Record<string, unknown> = {}) => ({ priceMinor, ...extra });

describe("catalog: categories, inherited attributes, products", () => {
  let owner: string;
  let clothing: { id: string };
  let dresses: { id: string };

  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("catalog"))).cookie;
    await createBrand(api, owner, company("Catalog Co"));
    clothing = await createCategory(api, owner, { name: "Clothing" });
    dresses = await createCategory(api, owner, { name: "Dresses", parentId: clothing.id });
    expect((await postJson(`/api/v1/catalog/categories/${clothing.id}/attributes`, { key: "material", label: "Material", type: "enum", options: ["cotton", "linen", "silk"], required: true }, { cookie: owner })).status).toBe(201);
    expect((await postJson(`/api/v1/catalog/categories/${dresses.id}/attributes`, { key: "length", label: "Length", type: "unit", options: ["cm", "in"] }, { cookie: owner })).status).toBe(201);
  });

  it("a subcategory inherits its parent's attributes, marked as inherited", async () => {
    const res = await api(`/api/v1/catalog/categories/${dresses.id}/attributes`, { headers: { cookie: owner } });
    const { items } = (await res.json()) as { items: { key: string; inherited: boolean; categoryId: string }[] };
    expect(items.map((a) => [a.key, a.inherited])).toEqual([["material", true], ["length", false]]);
  });

  it("validates a product's attributes against the inherited definitions, naming each field", async () => {
    const base = { title: "Wrap dress", categoryId: dresses.id, variants: [variant(8900)] };
    const missing = await postJson("/api/v1/catalog/products", { ...base, handle: "wrap-dress", attributes: { length: { value: 110, unit: "cm" } } }, { cookie: owner });
    expect(missing.status).toBe(422);
    expect((await problem(missing)).errors).toEqual([{ path: "body.attributes.material", message: "Material is required in this category" }]);

    const wrong = await postJson("/api/v1/catalog/products", { ...base, handle: "wrap-dress", attributes: { material: "wool", length: { value: 110, unit: "mm" }, colour: "red" } }, { cookie: owner });
    const paths = (await problem(wrong)).errors!.map((e) => e.path).sort();
    expect(paths).toEqual(["body.attributes.colour", "body.attributes.length", "body.attributes.material"]);

    const ok = await postJson("/api/v1/catalog/products", { ...base, handle: "wrap-dress", attributes: { material: "linen", length: { value: 110, unit: "cm" } } }, { cookie: owner });
    expect(ok.status).toBe(201);
    // The parent's products need only the parent's attributes.
    const shirt = await postJson("/api/v1/catalog/products", { title: "Shirt", handle: "shirt", categoryId: clothing.id, attributes: { material: "cotton" }, variants: [variant(3900)] }, { cookie: owner });
    expect(shirt.status).toBe(201);
  });

  it("refuses a subcategory redefining an inherited key, a cycle, and a required attribute existing products lack", async () => {
    const redefine = await postJson(`/api/v1/catalog/categories/${dresses.id}/attributes`, { key: "material", label: "Fabric", type: "text" }, { cookie: owner });
    expect(redefine.status).toBe(409);
    expect((await problem(redefine)).errors?.[0]?.path).toBe("body.key");
    const cycle = await patch(`/api/v1/catalog/categories/${clothing.id}`, { parentId: dresses.id }, owner);
    expect(cycle.status).toBe(422);
    expect((await problem(cycle)).errors?.[0]?.path).toBe("body.parentId");
    const required = await postJson(`/api/v1/catalog/categories/${clothing.id}/attributes`, { key: "fit", label: "Fit", type: "text", required: true }, { cookie: owner });
    expect(required.status).toBe(409);
  });

  it("moves a category only where its products stay valid, and keeps sibling order", async () => {
    const sale = await createCategory(api, owner, { name: "Sale" });
    // Dresses' products need `material`, which only Clothing defines: moving under Sale would break them.
    const move = await patch(`/api/v1/catalog/categories/${dresses.id}`, { parentId: sale.id }, owner);
    expect(move.status).toBe(409);
    const a = await createCategory(api, owner, { name: "Tops", parentId: clothing.id });
    const reorder = await patch(`/api/v1/catalog/categories/${a.id}`, { position: 0 }, owner);
    expect(reorder.status).toBe(200);
    const { items } = (await (await api("/api/v1/catalog/categories", { headers: { cookie: owner } })).json()) as { items: { name: string; path: string[]; parentId: string | null }[] };
    expect(items.map((c) => c.path.join(" > "))).toEqual(["Clothing", "Clothing > Tops", "Clothing > Dresses", "Sale"]);
  });

  it("checks variants against the product's options and keeps variant ids across edits", async () => {
    const body = {
      handle: "tee",
      title: "Tee",
      categoryId: clothing.id,
      attributes: { material: "cotton" },
      options: [{ name: "Size", values: ["S", "M"] }],
      variants: [variant(2500, { sku: "TEE-S", options: ["S"] }), variant(2500, { sku: "TEE-S", options: ["XL"] })],
    };
    const bad = await postJson("/api/v1/catalog/products", body, { cookie: owner });
    expect((await problem(bad)).errors!.map((e) => e.path).sort()).toEqual(["body.variants.1.options.0", "body.variants.1.sku"]);
    const created = await createProduct(api, owner, { ...body, variants: [variant(2500, { sku: "TEE-S", options: ["S"] }), variant(2700, { sku: "TEE-M", options: ["M"], compareAtMinor: 3000 })] });
    const edited = await patch(`/api/v1/catalog/products/${created.id}`, { variants: [variant(2600, { sku: "TEE-M", options: ["M"] }), variant(2400, { sku: "TEE-S", options: ["S"] })] }, owner);
    expect(edited.status, await edited.clone().text()).toBe(200);
    const after = (await edited.json()) as typeof created;
    expect(after.variants.map((v) => [v.sku, v.priceMinor])).toEqual([["TEE-M", 2600], ["TEE-S", 2400]]);
    expect(after.variants.find((v) => v.sku === "TEE-S")!.id).toBe(created.variants.find((v) => v.sku === "TEE-S")!.id);
    const clash = await postJson("/api/v1/catalog/products", { ...body, handle: "tee-2", variants: [variant(100, { sku: "TEE-M", options: ["M"] })] }, { cookie: owner });
    expect(clash.status).toBe(409);
  });
});

describe("catalog: description HTML is sanitised", () => {
  const payloads = [
    `<script>alert(1)</script><p>ok</p>`,
    `<img src=x onerror=alert(1)>`,
    `<a href="javascript:alert(1)">x</a>`,
    `<a href=" JaVaScRiPt:alert(1)">x</a>`,
    `<a href="&#106;avascript:alert(1)">x</a>`,
    `<svg onload=alert(1)><script>alert(1)</script></svg>`,
    `<iframe src="https://evil.example"></iframe>`,
    `<p onmouseover="alert(1)" style="background:url(javascript:alert(1))">hover</p>`,
    `"><script>alert(1)</script>`,
    `<scr<script>ipt>alert(1)</script>`,
    `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
    `<details open ontoggle=alert(1)>`,
    `<a href="data:text/html,<script>alert(1)</script>">d</a>`,
    `<form action="javascript:alert(1)"><button>go</button></form>`,
    `<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">`,
    `<body onload=alert(1)>`,
  ];
  let owner: string;
  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("xss"))).cookie;
    await createBrand(api, owner, company("Sanitised Ltd"));
  });

  it("stores no script, handler, frame or script URL from any payload, and keeps formatting", async () => {
    for (const [i, descriptionHtml] of payloads.entries()) {
      const p = await createProduct(api, owner, { handle: `xss-${i}`, title: "XSS", descriptionHtml, variants: [variant(100)] });
      const stored = ((await (await api(`/api/v1/catalog/products/${p.id}`, { headers: { cookie: owner } })).json()) as { descriptionHtml: string }).descriptionHtml;
      expect(stored, descriptionHtml).not.toMatch(/<script|<iframe|<svg|<img|<object|<embed|<form|<details|<body|<style|<math/i);
      expect(stored, descriptionHtml).not.toMatch(/\son\w+=|javascript:|data:/i);
    }
    const keep = await createProduct(api, owner, { handle: "formatted", title: "F", descriptionHtml: `<p>Soft <strong>linen</strong></p><ul><li>Relaxed</li></ul><a href="https://maison.example/care">Care</a>`, variants: [variant(100)] });
    const stored = ((await (await api(`/api/v1/catalog/products/${keep.id}`, { headers: { cookie: owner } })).json()) as { descriptionHtml: string }).descriptionHtml;
    expect(stored).toBe(`<p>Soft <strong>linen</strong></p><ul><li>Relaxed</li></ul><a rel="nofollow noopener" target="_blank" href="https://maison.example/care">Care</a>`);
  });
});

describe("catalog: tenant isolation", () => {
  let ownerA: string, ownerB: string, product: { id: string }, category: { id: string }, brandA: { id: string };
  beforeAll(async () => {
    ownerA = (await signIn(api, uniqueEmail("cat-a"))).cookie;
    ownerB = (await signIn(api, uniqueEmail("cat-b"))).cookie;
    brandA = await createBrand(api, ownerA, company("Alpha"));
    await createBrand(api, ownerB, company("Beta"));
    category = await createCategory(api, ownerA, { name: "Secret" });
    product = await createProduct(api, ownerA, { handle: "secret", title: "Secret", categoryId: category.id, variants: [variant(100, { sku: "SECRET-1" })] });
  });

  it("brand B cannot read, change, delete or use brand A's catalog rows", async () => {
    const h = { cookie: ownerB };
    expect((await api(`/api/v1/catalog/products/${product.id}`, { headers: h })).status).toBe(404);
    expect((await patch(`/api/v1/catalog/products/${product.id}`, { title: "Hijacked" }, ownerB)).status).toBe(404);
    expect((await api(`/api/v1/catalog/products/${product.id}`, { method: "DELETE", headers: h })).status).toBe(404);
    expect((await patch(`/api/v1/catalog/categories/${category.id}`, { name: "Mine" }, ownerB)).status).toBe(404);
    expect((await api(`/api/v1/catalog/categories/${category.id}/attributes`, { headers: h })).status).toBe(404);
    const own = await postJson("/api/v1/catalog/products", { handle: "mine", title: "Mine", categoryId: category.id, variants: [variant(1)] }, h);
    expect((await problem(own)).errors?.[0]?.path).toBe("body.categoryId");
    // Same handle and SKU in another brand are fine: they are per catalog.
    expect((await postJson("/api/v1/catalog/products", { handle: "secret", title: "Ours", variants: [variant(1, { sku: "SECRET-1" })] }, h)).status).toBe(201);
    expect((await api(`/api/v1/catalog/products?brandId=${brandA.id}`, { headers: h })).status).toBe(404);
    const listB = (await (await api("/api/v1/catalog/products", { headers: h })).json()) as { items: { id: string }[] };
    expect(listB.items.map((p) => p.id)).not.toContain(product.id);
    const after = (await (await api(`/api/v1/catalog/products/${product.id}`, { headers: { cookie: ownerA } })).json()) as { title: string };
    expect(after.title).toBe("Secret");
  });
});

describe("catalog: media", () => {
  // A real 2×1 PNG.
  const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwyhDABf8gX7f2ux8wAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
  let owner: string, product: { id: string };
  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("media"))).cookie;
    await createBrand(api, owner, company("Media Co"));
    product = await createProduct(api, owner, { handle: "pictured", title: "Pictured", variants: [variant(100)] });
  });

  it("sniffs the type from the bytes, records the size, and serves it with a long cache", async () => {
    const res = await api(`/api/v1/catalog/products/${product.id}/media?alt=Front`, { method: "POST", headers: { cookie: owner, "content-type": "image/jpeg" }, body: PNG });
    expect(res.status).toBe(201);
    const m = (await res.json()) as { url: string; contentType: string; width: number; height: number; alt: string };
    expect(m).toMatchObject({ contentType: "image/png", width: 2, height: 1, alt: "Front" });
    const served = await api(m.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toContain("immutable");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
  });

  it("refuses what is not an image, and anything over 10 MB", async () => {
    const html = await api(`/api/v1/catalog/products/${product.id}/media`, { method: "POST", headers: { cookie: owner, "content-type": "image/png" }, body: "<html><script>alert(1)</script>" });
    expect(html.status).toBe(422);
    expect((await problem(html)).errors?.[0]?.path).toBe("body");
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const tooBig = await api(`/api/v1/catalog/products/${product.id}/media`, { method: "POST", headers: { cookie: owner, "content-type": "image/png" }, body: big });
    expect(tooBig.status).toBe(413);
  });
});
