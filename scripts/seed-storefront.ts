import { createCategory, importCatalog, type Fetcher } from "../test/factories";
import { productImage } from "./lib/product-image";

/** The demo brand's catalog (Tandem CSV format) and how each product is photographed. */
const CATALOG = [
  { handle: "glow-serum", title: "Glow Serum", category: "Serums", price: ["30 ml", "32.00", "", "GS-30"], more: [["50 ml", "48.00", "56.00", "GS-50"]], body: "<p>A lightweight niacinamide and peptide serum for skin that looks rested by morning.</p><ul><li>5% niacinamide</li><li>Fragrance free</li></ul>", look: { backdrop: "#ead9c6", product: "#c98a5a", cap: "#2b2622", shape: "bottle" } },
  { handle: "night-repair-mask", title: "Night Repair Mask", category: "Masks", price: ["50 ml", "38.00", "", "NRM-50"], more: [], body: "<p>An overnight mask with ceramides and squalane. Wake up to calm, cushioned skin.</p>", look: { backdrop: "#d8dde8", product: "#3d4a6b", cap: "#c9b27c", shape: "jar" } },
  { handle: "cloud-cleanser", title: "Cloud Cleanser", category: "Cleansers", price: ["150 ml", "22.00", "", "CC-150"], more: [], body: "<p>A milky gel cleanser that lifts sunscreen without the tight feeling.</p>", look: { backdrop: "#e4ecea", product: "#f3f1ea", cap: "#8fb3a9", shape: "tube" } },
  { handle: "barrier-cream", title: "Barrier Cream", category: "Moisturisers", price: ["50 ml", "29.00", "34.00", "BC-50"], more: [], body: "<p>Rich but never greasy: oat lipids and shea for dry, reactive skin.</p>", look: { backdrop: "#efe3d3", product: "#fbf6ee", cap: "#b78a5b", shape: "jar" } },
  { handle: "vitamin-c-drops", title: "Vitamin C Drops", category: "Serums", price: ["30 ml", "35.00", "", "VC-30"], more: [], body: "<p>Stable vitamin C with ferulic acid for brightness you can see in two weeks.</p>", look: { backdrop: "#f3e2c7", product: "#e39b32", cap: "#f6f1e7", shape: "bottle" } },
  { handle: "lip-balm-trio", title: "Lip Balm Trio", category: "Lip care", price: ["Trio", "16.00", "", "LBT-3"], more: [], body: "<p>Three tinted balms: bare, rose and berry.</p>", look: { backdrop: "#f1dcdc", product: "#b8576a", cap: "#f4e9e6", shape: "tube" } },
] as const;

function catalogCsv() {
  const rows = ["handle,title,description_html,vendor,category,tags,status,option1_name,option1_value,sku,price,compare_at_price,inventory,weight_grams"];
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  for (const p of CATALOG) {
    const [size, price, compare, sku] = p.price;
    rows.push([p.handle, q(p.title), q(p.body), "Lumen Skincare", q(p.category), q("skincare"), "active", "Size", q(size), sku, price, compare, "120", "180"].join(","));
    for (const [s, pr, c, k] of p.more) rows.push([p.handle, "", "", "", "", "", "", "", q(s), k, pr, c, "80", "240"].join(","));
  }
  return rows.join("\n") + "\n";
}

type Product = { id: string; handle: string; media: unknown[] };

/** Seeds the demo brand's catalog and the demo creator's published fashion storefront (idempotent). */
export async function seedStorefront(f: Fetcher, brandCookie: string, brandApiKey: string, creatorCookie: string) {
  const auth = { authorization: `Bearer ${brandApiKey}` };
  const existing = (await (await f("/api/v1/catalog/categories", { headers: auth })).json()) as { items: { name: string; id: string }[] };
  if (!existing.items.length) {
    const skincare = await createCategory(f, brandCookie, { name: "Skincare" });
    for (const name of ["Serums", "Masks", "Cleansers", "Moisturisers"]) await createCategory(f, brandCookie, { name, parentId: skincare.id });
    await createCategory(f, brandCookie, { name: "Lip care" });
  }
  const job = await importCatalog(f, auth, catalogCsv(), "format=tandem&currency=GBP");
  if (job.status !== "completed") throw new Error(`seed catalog import: ${job.status} ${JSON.stringify(job.errors)}`);
  const products = ((await (await f("/api/v1/catalog/products?limit=100", { headers: auth })).json()) as { items: Product[] }).items;
  for (const spec of CATALOG) {
    const p = products.find((x) => x.handle === spec.handle);
    if (!p || p.media.length) continue;
    const res = await f(`/api/v1/catalog/products/${p.id}/media?alt=${encodeURIComponent(spec.title)}`, { method: "POST", headers: { ...auth, "content-type": "image/png" }, body: new Uint8Array(productImage(spec.look as Parameters<typeof productImage>[0])) });
    if (!res.ok) throw new Error(`seed media: ${res.status} ${await res.text()}`);
  }

  const json = (body: unknown, method = "POST") => ({ method, headers: { "content-type": "application/json", cookie: creatorCookie }, body: JSON.stringify(body) });
  let sf = ((await (await f("/api/v1/storefronts/mine", { headers: { cookie: creatorCookie } })).json()) as { storefront: { live: boolean; draftRevision: number; draft: { blocks: { id: string; type: string; props: Record<string, unknown> }[] } } | null }).storefront;
  const glowSerumId = products.find((p) => p.handle === "glow-serum")!.id;
  if (sf?.live) return { glowSerumId };
  if (!sf) {
    const res = await f("/api/v1/storefronts/mine", json({ template: "fashion" }));
    if (!res.ok) throw new Error(`seed storefront: ${res.status} ${await res.text()}`);
    sf = (await res.json()) as NonNullable<typeof sf>;
  }
  const id = (h: string) => products.find((p) => p.handle === h)!.id;
  const doc = structuredClone(sf.draft) as { title: string; description: string; blocks: { id: string; type: string; props: Record<string, unknown> }[] };
  doc.title = "Mia Rivera: my skincare edit";
  doc.description = "The serums, masks and balms I actually finish. Honest picks from a skincare creator.";
  for (const b of doc.blocks) {
    if (b.type === "hero") Object.assign(b.props, { eyebrow: "@mia · skincare & slow beauty", heading: "Skin that looks rested, without a twelve-step routine", subheading: "Everything here lives on my bathroom shelf. I only share what I finish and re-buy." });
    if (b.type === "productGrid") Object.assign(b.props, { heading: "On my shelf right now", productIds: ["glow-serum", "night-repair-mask", "vitamin-c-drops", "barrier-cream", "cloud-cleanser", "lip-balm-trio"].map(id), columns: 3 });
    if (b.type === "featuredProduct") Object.assign(b.props, { productId: id("glow-serum"), blurb: "The serum I get asked about most. Two drops, every morning, under sunscreen." });
    if (b.type === "links") Object.assign(b.props, { heading: "Watch and read", items: [{ label: "My 5-minute morning routine (video)", url: "https://www.youtube.com/@miarivera", highlight: true }, { label: "Skincare notes, every Sunday", url: "https://miarivera.example/newsletter", highlight: false }, { label: "TikTok", url: "https://www.tiktok.com/@miarivera", highlight: false }] });
    if (b.type === "communityInvite") Object.assign(b.props, { heading: "Join the Glow Club", body: "Live Q&As, early drops and members-only codes.", url: "/c/glow-club" });
  }
  const saved = await f("/api/v1/storefronts/mine/draft", json({ doc, revision: sf.draftRevision }, "PUT"));
  if (!saved.ok) throw new Error(`seed storefront draft: ${saved.status} ${await saved.text()}`);
  const published = await f("/api/v1/storefronts/mine/publish", json({ note: "Launch" }));
  if (!published.ok) throw new Error(`seed storefront publish: ${published.status} ${await published.text()}`);
  return { glowSerumId };
}
