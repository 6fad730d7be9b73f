import { beforeAll, describe, expect, it } from "vitest";
import { mergeDestination } from "../../workers/links/merge-destination";
import { createBrand, createCampaign, createCreator, createProduct, fundWallet, signIn } from "../factories";
import { api, gateway, postJson, problem, uniqueEmail } from "./helpers";

const GATEWAY = "http://localhost:8787";
/** The short-link host is the gateway itself. */
const visit = (path: string, method = "GET") => gateway(new Request(`${GATEWAY}${path}`, { method, redirect: "manual" }));

const campaignBody = (domain: string, extra: Record<string, unknown> = {}) => ({
  name: "Spring Glow",
  pricingModel: "cpc",
  rateMinor: 45,
  currency: "GBP",
  totalBudgetMinor: 500_000,
  dailyBudgetMinor: 50_000,
  fallbackUrl: `https://${domain}/shop`,
  ...extra,
});

describe("campaign core, links and the redirect", () => {
  let owner: string, brandId: string, domain: string, creatorId: string, creatorCookie: string, rival: string;
  let campaignId: string;

  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("links-owner"))).cookie;
    domain = `glow-${Math.random().toString(36).slice(2, 8)}.example`;
    brandId = (await createBrand(api, owner, { name: "Glow Labs", website: `https://www.${domain}`, industry: "beauty", companySize: "11-50", country: "GB" })).id;
    const cr = await signIn(api, uniqueEmail("links-creator"));
    creatorCookie = cr.cookie;
    creatorId = (await createCreator(api, cr.cookie, { handle: `glowfan_${Date.now().toString(36)}`, displayName: "Glow Fan", niches: ["beauty"] })).id;
    rival = (await signIn(api, uniqueEmail("links-rival"))).cookie;
    await createBrand(api, rival, { name: "Rival Labs", website: "https://rival-labs.example", industry: "beauty", companySize: "1-10", country: "US" });
    const res = await postJson("/api/v1/campaigns", campaignBody(domain), { cookie: owner });
    expect(res.status).toBe(201);
    const c = (await res.json()) as { id: string; status: string; utm: { campaign: string } };
    expect(c).toMatchObject({ status: "draft", utm: { campaign: "spring-glow" } });
    campaignId = c.id;
    await fundWallet(api, owner, brandId, 1_000_000);
    expect((await postJson(`/api/v1/campaigns/${campaignId}/status`, { action: "launch" }, { cookie: owner })).status).toBe(200);
  });

  const mint = (destination: string, cookie = owner, extra: Record<string, unknown> = {}) =>
    postJson("/api/v1/links", { campaignId, creatorId, destination, ...extra }, { cookie });

  it("registers the brand's website domain and refuses fallbacks elsewhere", async () => {
    const domains = (await (await api(`/api/v1/brands/${brandId}/domains`, { headers: { cookie: owner } })).json()) as { items: { domain: string }[] };
    expect(domains.items.map((d) => d.domain)).toEqual([domain]);
    const res = await postJson("/api/v1/campaigns", campaignBody(domain, { fallbackUrl: "https://elsewhere.example/" }), { cookie: owner });
    expect(res.status).toBe(422);
    expect((await problem(res)).errors?.[0]?.path).toBe("body.fallbackUrl");
  });

  it("asks for exactly the rate each pricing model needs", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ pricingModel: "cpc", rateMinor: undefined }, "body.rateMinor"],
      [{ pricingModel: "cpp", rateMinor: undefined }, "body.cppMode"],
      [{ pricingModel: "cpp", cppMode: "percent", rateMinor: undefined }, "body.rateBps"],
      [{ pricingModel: "cpcall", rateMinor: 900 }, "body.minCallSeconds"],
      [{ dailyBudgetMinor: 600_000 }, "body.dailyBudgetMinor"],
      [{ rateMinor: 4.5 }, "body.rateMinor"],
    ];
    for (const [extra, path] of cases) {
      const res = await postJson("/api/v1/campaigns", campaignBody(domain, extra), { cookie: owner });
      expect(res.status, JSON.stringify(extra)).toBe(422);
      expect((await problem(res)).errors?.map((e) => e.path), JSON.stringify(extra)).toContain(path);
    }
    const cpp = await postJson("/api/v1/campaigns", campaignBody(domain, { pricingModel: "cpp", cppMode: "percent", rateBps: 1250, rateMinor: undefined }), { cookie: owner });
    expect(await cpp.json()).toMatchObject({ pricingModel: "cpp", cppMode: "percent", rateBps: 1250, rateMinor: null });
  });

  it("refuses illegal status transitions", async () => {
    const draft = (await (await postJson("/api/v1/campaigns", campaignBody(domain), { cookie: owner })).json()) as { id: string };
    expect((await postJson(`/api/v1/campaigns/${draft.id}/status`, { action: "resume" }, { cookie: owner })).status).toBe(409);
    expect((await postJson(`/api/v1/campaigns/${draft.id}/status`, { action: "end" }, { cookie: owner })).status).toBe(200);
    expect((await postJson(`/api/v1/campaigns/${draft.id}/status`, { action: "launch" }, { cookie: owner })).status).toBe(409);
    expect((await postJson(`/api/v1/campaigns/${draft.id}`, { name: "Again" }, { cookie: owner }, "PATCH")).status).toBe(409);
  });

  it("mints one unguessable link per triple, idempotently", async () => {
    const first = await mint(`https://www.${domain}/products/serum?variant=30ml`);
    expect(first.status).toBe(201);
    const link = (await first.json()) as { code: string; url: string };
    expect(link.code).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(link.url).toBe(`${GATEWAY}/l/${link.code}`);
    const again = await mint(`https://www.${domain}/products/serum?variant=30ml`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { code: string }).code).toBe(link.code);
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => mint(`https://${domain}/landing`)));
    const codes = new Set(await Promise.all(concurrent.map(async (r) => ((await r.json()) as { code: string }).code)));
    expect(codes.size).toBe(1);
  });

  it("refuses open-redirect destinations at minting", async () => {
    for (const destination of [
      "javascript:alert(1)",
      `http://${domain}/x`,
      "https://evil.example/",
      `https://${domain}.evil.example/`,
      `https://user:pass@${domain}/`,
      `https://${domain}@evil.example/`,
      "data:text/html,<script>alert(1)</script>",
    ]) {
      const res = await mint(destination);
      expect(res.status, destination).toBe(422);
      expect((await problem(res)).errors?.[0]?.path, destination).toBe("body.destination");
    }
  });

  it("links a product only for a campaign of the product's own brand", async () => {
    const serum = await createProduct(api, owner, { handle: "serum", title: "Serum", status: "active", variants: [{ priceMinor: 2500 }] });
    const own = await mint(`https://${domain}/products/serum`, owner, { productId: serum.id });
    expect(own.status).toBe(201);
    expect(((await own.json()) as { productId: string }).productId).toBe(serum.id);
    // Brand B, on its own campaign, naming brand A's product.
    const rivalCampaign = await createCampaign(api, rival, campaignBody("rival-labs.example", { name: "Rival push" }));
    const stolen = await postJson("/api/v1/links", { campaignId: rivalCampaign.id, creatorId, destination: "https://rival-labs.example/serum", productId: serum.id }, { cookie: rival });
    expect(stolen.status).toBe(422);
    expect((await problem(stolen)).errors).toEqual([{ path: "body.productId", message: "Not a product of this campaign's brand" }]);
    const unknown = await mint(`https://${domain}/products/x`, owner, { productId: "prd_nothing" });
    expect((await problem(unknown)).errors?.[0]?.path).toBe("body.productId");
  });

  it("redirects with UTM merged and a fresh click id", async () => {
    const { code } = (await (await mint(`https://www.${domain}/products/serum?variant=30ml&utm_medium=email`)).json()) as { code: string };
    const res = await visit(`/l/${code}?utm_source=instagram&ref=bio&variant=60ml&tclid=forged`);
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const to = new URL(res.headers.get("location")!);
    expect(to.origin + to.pathname).toBe(`https://www.${domain}/products/serum`);
    expect(to.searchParams.get("utm_source")).toBe("instagram"); // the visitor's own
    expect(to.searchParams.get("utm_medium")).toBe("email"); // the destination's
    expect(to.searchParams.get("utm_campaign")).toBe("spring-glow"); // the campaign fills the gap
    expect(to.searchParams.get("ref")).toBe("bio"); // other visitor params kept
    expect(to.searchParams.get("variant")).toBe("30ml"); // the brand's own params are not overridden
    expect(to.searchParams.getAll("tclid")).toHaveLength(1);
    expect(to.searchParams.get("tclid")).toMatch(/^clk_[0-9a-z]{26}$/);
    const second = new URL((await visit(`/l/${code}`)).headers.get("location")!);
    expect(second.searchParams.get("tclid")).not.toBe(to.searchParams.get("tclid"));
    expect((await visit(`/l/${code}`, "HEAD")).status).toBe(302);
  });

  it("sends visitors of a paused, ended or not-yet-started campaign to the fallback, without a click id", async () => {
    const { code } = (await (await mint(`https://www.${domain}/products/mask`)).json()) as { code: string };
    expect(new URL((await visit(`/l/${code}`)).headers.get("location")!).pathname).toBe("/products/mask");
    await postJson(`/api/v1/campaigns/${campaignId}/status`, { action: "pause" }, { cookie: owner });
    const paused = new URL((await visit(`/l/${code}`)).headers.get("location")!);
    expect(paused.origin + paused.pathname).toBe(`https://${domain}/shop`);
    expect(paused.searchParams.has("tclid")).toBe(false);
    await postJson(`/api/v1/campaigns/${campaignId}/status`, { action: "resume" }, { cookie: owner });
    expect(new URL((await visit(`/l/${code}`)).headers.get("location")!).pathname).toBe("/products/mask");
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await postJson(`/api/v1/campaigns/${campaignId}`, { startsAt: future }, { cookie: owner }, "PATCH");
    expect(new URL((await visit(`/l/${code}`)).headers.get("location")!).pathname).toBe("/shop");
    await postJson(`/api/v1/campaigns/${campaignId}`, { startsAt: null }, { cookie: owner }, "PATCH");
    expect(new URL((await visit(`/l/${code}`)).headers.get("location")!).pathname).toBe("/products/mask");
  });

  it("answers an unknown code with a 404 page", async () => {
    for (const path of ["/l/Zz9Zz9Zz", "/l/a", "/l/%3Cscript%3E"]) {
      const res = await visit(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toContain("text/html");
    }
  });

  it("only the brand and the link's creator can see a link; other brands cannot touch the campaign", async () => {
    const { code } = (await (await mint(`https://www.${domain}/products/oil`)).json()) as { code: string };
    expect((await api(`/api/v1/links/${code}`, { headers: { cookie: owner } })).status).toBe(200);
    expect((await api(`/api/v1/links/${code}`, { headers: { cookie: creatorCookie } })).status).toBe(200);
    expect((await api(`/api/v1/links/${code}`, { headers: { cookie: rival } })).status).toBe(404);
    const other = await signIn(api, uniqueEmail("other-creator"));
    await createCreator(api, other.cookie, { handle: `other_${Date.now().toString(36)}`, displayName: "Other", niches: ["tech"] });
    expect((await api(`/api/v1/links/${code}`, { headers: { cookie: other.cookie } })).status).toBe(404);
    expect((await api(`/api/v1/campaigns/${campaignId}`, { headers: { cookie: rival } })).status).toBe(404);
    expect((await postJson(`/api/v1/campaigns/${campaignId}/status`, { action: "pause" }, { cookie: rival })).status).toBe(404);
    expect((await mint(`https://www.${domain}/x`, rival)).status).toBe(404);
    expect((await mint(`https://www.${domain}/x`, creatorCookie)).status).toBe(404);
  });
});

describe("mergeDestination", () => {
  const utm = { source: "tandem", medium: "affiliate", campaign: "spring" };
  it("fills every gap from the campaign when the visitor brings nothing", () => {
    const to = new URL(mergeDestination("https://shop.example/p", new URLSearchParams(), utm, "clk_1"));
    expect(Object.fromEntries(to.searchParams)).toEqual({ utm_source: "tandem", utm_medium: "affiliate", utm_campaign: "spring", tclid: "clk_1" });
  });
  it("keeps repeated visitor parameters and drops fragments of nothing", () => {
    const to = new URL(mergeDestination("https://shop.example/p?a=1", new URLSearchParams("tag=x&tag=y"), utm));
    expect(to.searchParams.getAll("tag")).toEqual(["x", "y"]);
    expect(to.searchParams.get("a")).toBe("1");
    expect(to.searchParams.has("tclid")).toBe(false);
  });
});
