import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createBrand, createCampaign, createCreator, createProduct, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";
import { eventually, query } from "./pg-helpers";
import { StorefrontDoc } from "../../workers/storefronts/blocks";
import { docFromTemplate, TEMPLATE_IDS } from "../../workers/storefronts/templates";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";

type Doc = { title: string; description: string; theme: Record<string, string>; blocks: { id: string; type: string; props: Record<string, unknown> }[] };
type Storefront = { id: string; draft: Doc; draftRevision: number; publishedVersion: number | null; live: boolean; hasUnpublishedChanges: boolean; bookmark?: string | null };

const put = (path: string, body: unknown, cookie: string) => postJson(path, body, { cookie }, "PUT");

describe("storefront templates", () => {
  it.each(TEMPLATE_IDS)("the %s template is a valid storefront, with and without products to show", (id) => {
    for (const productIds of [[], ["prd_a", "prd_b", "prd_c"]]) {
      const doc = docFromTemplate(id, { displayName: "Ada Lovelace", handle: "ada", bio: "", productIds });
      const parsed = StorefrontDoc.safeParse(doc);
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
    }
  });
});

describe("storefronts: templates, drafts, publish, versions", () => {
  let owner: string, domain: string, creator: { cookie: string; id: string; handle: string }, rival: { cookie: string; id: string; handle: string };
  let picked: { id: string; handle: string }, notJoined: { id: string }, notJoinedBrandId: string;

  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("sf-owner"))).cookie;
    domain = `sf-${Math.random().toString(36).slice(2, 8)}.example`;
    await createBrand(api, owner, { name: "Storefront Brand", website: `https://${domain}`, industry: "fashion", companySize: "1-10", country: "GB" });
    picked = await createProduct(api, owner, { handle: "linen-dress", title: "Linen dress", status: "active", currency: "GBP", variants: [{ priceMinor: 12900 }] });
    const campaign = await createCampaign(api, owner, { name: "Linen season", currency: "GBP", totalBudgetMinor: 100_000, fallbackUrl: `https://${domain}/`, pricingModel: "cpc", rateMinor: 50, openToMarketplace: true, niches: ["fashion"], landingUrls: [`https://${domain}/linen`] });
    const otherOwner = (await signIn(api, uniqueEmail("sf-other-brand"))).cookie;
    notJoinedBrandId = (await createBrand(api, otherOwner, { name: "Not Joined", website: "https://notjoined.example", industry: "fashion", companySize: "1-10", country: "GB" })).id;
    notJoined = await createProduct(api, otherOwner, { handle: "secret", title: "Secret", status: "active", variants: [{ priceMinor: 100 }] });
    for (const label of ["main", "rival"]) {
      const s = await signIn(api, uniqueEmail(`sf-${label}`));
      const handle = `sf${label}_${Date.now().toString(36)}`.slice(0, 30);
      const c = await createCreator(api, s.cookie, { handle, displayName: label === "main" ? "Mia Main" : "Rita Rival", niches: ["fashion"] });
      if (label === "main") creator = { cookie: s.cookie, id: c.id, handle };
      else rival = { cookie: s.cookie, id: c.id, handle };
    }
    expect((await postJson(`/api/v1/campaigns/${campaign.id}/accept`, {}, { cookie: creator.cookie })).status).toBe(200);
  });

  it("lists templates and starts a fashion storefront filled with the creator's picks", async () => {
    const t = (await (await api("/api/v1/storefronts/templates")).json()) as { items: { id: string }[] };
    expect(t.items.map((x) => x.id)).toEqual(["fashion", "services", "realEstate", "linkInBio"]);
    expect(((await (await api("/api/v1/storefronts/mine", { headers: { cookie: creator.cookie } })).json()) as { storefront: null }).storefront).toBeNull();
    const res = await postJson("/api/v1/storefronts/mine", { template: "fashion" }, { cookie: creator.cookie });
    expect(res.status).toBe(201);
    const sf = (await res.json()) as Storefront;
    expect(sf.draft.blocks.map((b) => b.type)).toEqual(["hero", "productGrid", "featuredProduct", "links", "communityInvite"]);
    expect(sf.draft.blocks[1]!.props.productIds).toEqual([picked.id]);
    expect(sf).toMatchObject({ live: false, publishedVersion: null });
    expect((await postJson("/api/v1/storefronts/mine", { template: "services" }, { cookie: creator.cookie })).status).toBe(409);
  });

  it("validates every block, sanitises text, refuses products the creator may not show and stale revisions", async () => {
    const sf = ((await (await api("/api/v1/storefronts/mine", { headers: { cookie: creator.cookie } })).json()) as { storefront: Storefront }).storefront;
    const bad = structuredClone(sf.draft);
    bad.blocks[0]!.props.heading = "";
    bad.blocks.push({ id: "vid000001", type: "video", props: { url: "https://evil.example/watch" } });
    bad.theme.accent = "red";
    const invalid = await put("/api/v1/storefronts/mine/draft", { doc: bad, revision: sf.draftRevision }, creator.cookie);
    expect(invalid.status).toBe(422);
    expect((await problem(invalid)).errors!.map((e) => e.path).sort()).toEqual(["body.doc.blocks.0.props.heading", "body.doc.blocks.5.props.url", "body.doc.theme.accent"]);

    const foreign = structuredClone(sf.draft);
    (foreign.blocks[1]!.props.productIds as string[]).push(notJoined.id);
    const refused = await put("/api/v1/storefronts/mine/draft", { doc: foreign, revision: sf.draftRevision }, creator.cookie);
    expect((await problem(refused)).errors).toEqual([{ path: "body.doc.blocks.1.props.productIds.1", message: "Not a product you can show (join the brand's campaign first)" }]);

    const good = structuredClone(sf.draft);
    good.blocks.push({ id: "txt000001", type: "text", props: { heading: "About", html: `<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">me</a></p>` } });
    const saved = await put("/api/v1/storefronts/mine/draft", { doc: good, revision: sf.draftRevision }, creator.cookie);
    expect(saved.status).toBe(200);
    const after = (await saved.json()) as Storefront;
    expect(after.draftRevision).toBe(sf.draftRevision + 1);
    expect(after.draft.blocks.at(-1)!.props.html).toBe('<p>Hi <a rel="nofollow noopener" target="_blank" href>me</a></p>');
    const stale = await put("/api/v1/storefronts/mine/draft", { doc: good, revision: sf.draftRevision }, creator.cookie);
    expect(stale.status).toBe(409);
  });

  it("publishes versions, rolls back and unpublishes; the product link goes through the affiliate redirect", async () => {
    const first = await postJson("/api/v1/storefronts/mine/publish", { note: "First look" }, { cookie: creator.cookie });
    expect(first.status).toBe(200);
    const v1 = (await first.json()) as Storefront;
    expect(v1).toMatchObject({ live: true, publishedVersion: 1, hasUnpublishedChanges: false });
    expect(typeof v1.bookmark).toBe("string");

    const go = await api(`/api/v1/storefronts/${creator.handle}/go/${picked.handle}?utm_source=ig`, { redirect: "manual", headers: { "user-agent": IPHONE } });
    expect(go.status).toBe(302);
    const to = new URL(go.headers.get("location")!);
    expect(to.pathname).toMatch(/^\/l\/[0-9A-Za-z]{8}$/);
    const code = to.pathname.split("/")[2]!;
    const link = (await (await api(`/api/v1/links/${code}`, { headers: { cookie: creator.cookie } })).json()) as { destination: string; productId: string };
    expect(link).toMatchObject({ productId: picked.id, destination: `https://${domain}/products/linen-dress` });
    const pixel = await api(`/api/v1/storefronts/${creator.handle}/px?p=${encodeURIComponent("/@" + creator.handle + "?utm_source=tiktok")}`, { headers: { "user-agent": IPHONE } });
    expect(pixel.headers.get("content-type")).toBe("image/gif");
    await api(`/api/v1/storefronts/${creator.handle}/px`, { headers: { "user-agent": "curl/8.0" } });
    type Row = { type: string; brand_id: string | null; link_id: string | null; utm: Record<string, string>; props: Record<string, string> };
    const rows = await eventually(() => query<Row>("select type, brand_id, link_id, utm, props from events where creator_id = $1 and type in ('product.click', 'storefront.view') order by type", [creator.id]), (r) => r.length >= 2);
    expect(rows).toMatchObject([
      { type: "product.click", link_id: expect.stringMatching(/^lnk_/), utm: { utm_source: "ig" }, props: { productId: picked.id } },
      { type: "storefront.view", brand_id: null, link_id: null, utm: { utm_source: "tiktok" }, props: { path: `/@${creator.handle}` } },
    ]);
    type Stats = { views: number; visitors: number; productClicks: number; series: { day: string; views: number; clicks: number }[]; topProducts: { title: string; clicks: number }[] };
    const stats = (await (await api("/api/v1/storefronts/mine/stats", { headers: { cookie: creator.cookie } })).json()) as Stats;
    expect(stats).toMatchObject({ views: 1, visitors: 1, productClicks: 1, topProducts: [{ title: "Linen dress", clicks: 1 }] });
    expect(stats.series).toHaveLength(7);
    expect(stats.series.at(-1)).toMatchObject({ day: new Date().toISOString().slice(0, 10), views: 1, clicks: 1 });
    const theirs = (await (await api("/api/v1/storefronts/mine/stats?days=30", { headers: { cookie: rival.cookie } })).json()) as Stats;
    expect(theirs).toMatchObject({ views: 0, productClicks: 0, topProducts: [] });
    expect((await api("/api/v1/storefronts/mine/stats?days=0", { headers: { cookie: creator.cookie } })).status).toBe(422);
    // A product that is not on the storefront has no storefront link.
    const nowhere = await api(`/api/v1/storefronts/${creator.handle}/go/secret`, { redirect: "manual" });
    expect(new URL(nowhere.headers.get("location")!).pathname).toBe(`/@${creator.handle}`);

    const sf = ((await (await api("/api/v1/storefronts/mine", { headers: { cookie: creator.cookie } })).json()) as { storefront: Storefront }).storefront;
    const edited = structuredClone(sf.draft);
    edited.blocks[0]!.props.heading = "Version two";
    await put("/api/v1/storefronts/mine/draft", { doc: edited, revision: sf.draftRevision }, creator.cookie);
    expect(((await (await api("/api/v1/storefronts/mine", { headers: { cookie: creator.cookie } })).json()) as { storefront: Storefront }).storefront.hasUnpublishedChanges).toBe(true);
    await postJson("/api/v1/storefronts/mine/publish", {}, { cookie: creator.cookie });
    const back = (await (await postJson("/api/v1/storefronts/mine/rollback", { version: 1 }, { cookie: creator.cookie })).json()) as Storefront;
    expect(back.publishedVersion).toBe(3);
    expect(back.draft.blocks[0]!.props.heading).not.toBe("Version two");
    const versions = (await (await api("/api/v1/storefronts/mine/versions", { headers: { cookie: creator.cookie } })).json()) as { items: { version: number; note: string; live: boolean }[] };
    expect(versions.items.map((v) => [v.version, v.note, v.live])).toEqual([[3, "Rolled back to version 1", true], [2, "Published", false], [1, "First look", false]]);
    expect((await postJson("/api/v1/storefronts/mine/rollback", { version: 9 }, { cookie: creator.cookie })).status).toBe(404);
    const off = (await (await postJson("/api/v1/storefronts/mine/unpublish", {}, { cookie: creator.cookie })).json()) as Storefront;
    expect(off).toMatchObject({ live: false, publishedVersion: null });
    await postJson("/api/v1/storefronts/mine/publish", {}, { cookie: creator.cookie });
  });

  it("another creator sees and changes only their own storefront, and cannot show products of brands they have not joined", async () => {
    expect(((await (await api("/api/v1/storefronts/mine", { headers: { cookie: rival.cookie } })).json()) as { storefront: null }).storefront).toBeNull();
    const started = (await (await postJson("/api/v1/storefronts/mine", { template: "linkInBio" }, { cookie: rival.cookie })).json()) as Storefront;
    expect(started.id).not.toBe((await (await api("/api/v1/storefronts/mine", { headers: { cookie: creator.cookie } })).json() as { storefront: Storefront }).storefront.id);
    expect(started.draft.blocks.map((b) => b.type)).toEqual(["hero", "links"]);
    const steal = structuredClone(started.draft);
    steal.blocks.push({ id: "grid00001", type: "productGrid", props: { productIds: [picked.id] } });
    expect((await put("/api/v1/storefronts/mine/draft", { doc: steal, revision: started.draftRevision }, rival.cookie)).status).toBe(422);
    expect(((await (await api("/api/v1/storefronts/mine/products", { headers: { cookie: rival.cookie } })).json()) as { items: unknown[] }).items).toEqual([]);
    // A brand person without a creator profile has no storefront to edit.
    expect((await api("/api/v1/storefronts/mine", { headers: { cookie: owner } })).status).toBe(403);
  });

  it("Buy follows only a link minted for the product's own brand", async () => {
    // A link of another brand for (this creator, this product), as minting allowed before it checked the brand.
    await env.DB.prepare("delete from links where creator_id = ? and product_id = ?").bind(creator.id, picked.id).run();
    await env.DB.prepare("insert into links (id, code, brand_id, campaign_id, creator_id, product_id, target_key, destination, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(`lnk_x${creator.id}`, `X${Date.now().toString(36)}`.slice(0, 10), notJoinedBrandId, "cmp_other", creator.id, picked.id, `product:${picked.id}`, "https://notjoined.example/", Date.now())
      .run();
    const go = await api(`/api/v1/storefronts/${creator.handle}/go/${picked.handle}`, { redirect: "manual", headers: { "user-agent": IPHONE } });
    expect(go.status).toBe(302);
    expect(new URL(go.headers.get("location")!).pathname).toBe(`/@${creator.handle}/p/${picked.handle}`);
    // Publishing again mints the product's own brand's link, and Buy uses it.
    await postJson("/api/v1/storefronts/mine/publish", {}, { cookie: creator.cookie });
    const again = new URL((await api(`/api/v1/storefronts/${creator.handle}/go/${picked.handle}`, { redirect: "manual", headers: { "user-agent": IPHONE } })).headers.get("location")!);
    expect(again.pathname).toMatch(/^\/l\/[0-9A-Za-z]{8}$/);
    const link = (await (await api(`/api/v1/links/${again.pathname.split("/")[2]}`, { headers: { cookie: owner } })).json()) as { productId: string; destination: string };
    expect(link).toMatchObject({ productId: picked.id, destination: `https://${domain}/products/linen-dress` });
  });

  it("takes messages only through a live contact block and shows them to their creator alone", async () => {
    const msg = { name: "Ana", email: "ana@example.com", message: "Do you ship to Lisbon?" };
    expect((await postJson(`/api/v1/storefronts/${creator.handle}/messages`, msg)).status).toBe(404);
    const sf = ((await (await api("/api/v1/storefronts/mine", { headers: { cookie: creator.cookie } })).json()) as { storefront: Storefront }).storefront;
    const doc = structuredClone(sf.draft);
    doc.blocks.push({ id: "form00001", type: "contactForm", props: { kind: "booking" } });
    await put("/api/v1/storefronts/mine/draft", { doc, revision: sf.draftRevision }, creator.cookie);
    await postJson("/api/v1/storefronts/mine/publish", {}, { cookie: creator.cookie });
    const bad = await postJson(`/api/v1/storefronts/${creator.handle}/messages`, { ...msg, email: "nope" });
    expect((await problem(bad)).errors?.[0]?.path).toBe("body.email");
    expect((await postJson(`/api/v1/storefronts/${creator.handle}/messages`, msg)).status).toBe(201);
    const mine = (await (await api("/api/v1/storefronts/mine/messages", { headers: { cookie: creator.cookie } })).json()) as { items: { name: string; kind: string }[] };
    expect(mine.items).toMatchObject([{ name: "Ana", kind: "booking" }]);
    const theirs = (await (await api("/api/v1/storefronts/mine/messages", { headers: { cookie: rival.cookie } })).json()) as { items: unknown[] };
    expect(theirs.items).toEqual([]);
  });
});
