import { beforeAll, describe, expect, it } from "vitest";
import { transition } from "../../workers/marketplace/collaboration-state";
import { createBrand, createCampaign, createCreator, fundWallet, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";
import { clickEvent, deliver } from "./pg-helpers";

describe("collaboration state machine", () => {
  it("allows only the defined moves", () => {
    expect(transition(null, "accept")).toBe("accepted");
    expect(transition("invited", "accept")).toBe("accepted");
    expect(transition("applied", "decline")).toBe("declined");
    expect(transition("accepted", "remove")).toBe("removed");
    for (const [from, action] of [["accepted", "accept"], ["declined", "accept"], ["removed", "accept"], [null, "decline"], ["accepted", "invite"], ["declined", "remove"]] as const) {
      expect(() => transition(from, action), `${from} → ${action}`).toThrow(/Cannot/);
    }
  });
});

describe("creator marketplace", () => {
  let owner: string, domain: string, brandId: string, openId: string, closedId: string, cheapId: string;
  let creatorA: { cookie: string; id: string }, creatorB: { cookie: string; id: string };

  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("mk-owner"))).cookie;
    domain = `mk-${Math.random().toString(36).slice(2, 8)}.example`;
    brandId = (await createBrand(api, owner, { name: "Market Brand", website: `https://${domain}`, industry: "beauty", companySize: "1-10", country: "GB" })).id;
    const common = { currency: "GBP", totalBudgetMinor: 100_000, fallbackUrl: `https://${domain}/` };
    openId = (await createCampaign(api, owner, { ...common, name: "Open serum", pricingModel: "cpc", rateMinor: 60, openToMarketplace: true, niches: ["beauty"], brief: "Show the serum in your morning routine.", landingUrls: [`https://${domain}/serum`, `https://${domain}/mask`] })).id;
    cheapId = (await createCampaign(api, owner, { ...common, name: "Open candles", pricingModel: "cpp", cppMode: "percent", rateBps: 800, openToMarketplace: true, niches: ["home"], landingUrls: [`https://${domain}/candles`] })).id;
    closedId = (await createCampaign(api, owner, { ...common, name: "Invite only", pricingModel: "cpc", rateMinor: 90, landingUrls: [`https://${domain}/vip`] })).id;
    for (const label of ["a", "b"]) {
      const s = await signIn(api, uniqueEmail(`mk-creator-${label}`));
      const c = await createCreator(api, s.cookie, { handle: `mk${label}_${Date.now().toString(36)}`, displayName: label.toUpperCase(), niches: ["beauty"] });
      if (label === "a") creatorA = { cookie: s.cookie, id: c.id };
      else creatorB = { cookie: s.cookie, id: c.id };
    }
  });

  const list = async (query = "", cookie = creatorA.cookie) => ((await (await api(`/api/v1/marketplace/campaigns${query}`, { headers: { cookie } })).json()) as { items: { id: string; collaboration: string | null }[] }).items.filter((i) => [openId, cheapId, closedId].includes(i.id));

  it("lists open, launched campaigns only, with working filters", async () => {
    expect((await list()).map((c) => c.id).sort()).toEqual([openId, cheapId].sort());
    expect((await list("?niche=home")).map((c) => c.id)).toEqual([cheapId]);
    expect((await list("?pricingModel=cpc")).map((c) => c.id)).toEqual([openId]);
    expect((await list("?industry=tech")).map((c) => c.id)).toEqual([]);
    expect((await api("/api/v1/marketplace/campaigns?pricingModel=barter", { headers: { cookie: creatorA.cookie } })).status).toBe(422);
    expect((await api("/api/v1/marketplace/campaigns", { headers: { cookie: owner } })).status).toBe(403);
  });

  it("accepting mints one scoped link per page, idempotently", async () => {
    const res = await postJson(`/api/v1/campaigns/${openId}/accept`, {}, { cookie: creatorA.cookie });
    expect(res.status).toBe(200);
    const { links } = (await res.json()) as { links: { code: string; url: string; destination: string }[] };
    expect(links.map((l) => new URL(l.destination).pathname).sort()).toEqual(["/mask", "/serum"]);
    for (const l of links) expect(l.url).toMatch(/\/l\/[0-9A-Za-z]{8}$/);
    const again = (await (await postJson(`/api/v1/campaigns/${openId}/accept`, {}, { cookie: creatorA.cookie })).json()) as { links: { code: string }[] };
    expect(again.links.map((l) => l.code).sort()).toEqual(links.map((l) => l.code).sort());
    expect((await list()).find((c) => c.id === openId)!.collaboration).toBe("accepted");
  });

  it("an invitation-only campaign cannot be joined uninvited", async () => {
    const res = await postJson(`/api/v1/campaigns/${closedId}/accept`, {}, { cookie: creatorA.cookie });
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe("not_found");
  });

  it("a creator sees only their own earnings, matching the ledger", async () => {
    await postJson(`/api/v1/campaigns/${openId}/accept`, {}, { cookie: creatorB.cookie });
    const linkOf = async (cookie: string) => ((await (await api("/api/v1/earnings", { headers: { cookie } })).json()) as { campaigns: { campaignId: string; links: { code: string }[] }[] }).campaigns.find((c) => c.campaignId === openId)!.links[0]!.code;
    const idOf = async (code: string) => ((await (await api(`/api/v1/links/${code}`, { headers: { cookie: owner } })).json()) as { id: string }).id;
    const linkA = await idOf(await linkOf(creatorA.cookie));
    await deliver(Array.from({ length: 3 }, () => clickEvent({ brandId, campaignId: openId, linkId: linkA, creatorId: creatorA.id })));
    const a = (await (await api("/api/v1/earnings", { headers: { cookie: creatorA.cookie } })).json()) as { pending: { currency: string; amountMinor: number }[]; campaigns: { campaignId: string; earnedMinor: number; validClicks: number; epcMinor: number }[] };
    expect(a.pending).toEqual([{ currency: "GBP", amountMinor: 3 * (60 - 12) }]);
    expect(a.campaigns.find((c) => c.campaignId === openId)).toMatchObject({ earnedMinor: 144, validClicks: 3, epcMinor: 48 });
    const b = (await (await api("/api/v1/earnings", { headers: { cookie: creatorB.cookie } })).json()) as { pending: unknown[]; campaigns: { earnedMinor: number; links: { code: string }[] }[] };
    expect(b.pending).toEqual([]);
    expect(b.campaigns.every((c) => c.earnedMinor === 0)).toBe(true);
    expect(JSON.stringify(b)).not.toContain(await linkOf(creatorA.cookie));
  });
});

describe("campaign goal, structured brief and time zone", () => {
  it("are stored, validated and shown to creators", async () => {
    const owner = (await signIn(api, uniqueEmail("brief-owner"))).cookie;
    const domain = `brief-${Math.random().toString(36).slice(2, 8)}.example`;
    const briefBrand = (await createBrand(api, owner, { name: "Brief Co", website: `https://${domain}`, industry: "beauty", companySize: "1-10", country: "GB" })).id;
    await fundWallet(api, owner, briefBrand, 10_000);
    const body = { name: "Briefed", currency: "GBP", pricingModel: "cpc", rateMinor: 20, totalBudgetMinor: 10_000, fallbackUrl: `https://${domain}/`, goal: "traffic", timeZone: "Europe/London", openToMarketplace: true, brief: "Short idea.", briefDetails: { deliverables: "One Reel", usageRights: "90 days organic" }, landingUrls: [`https://${domain}/x`] };
    const bad = await postJson("/api/v1/campaigns", { ...body, timeZone: "Mars/Olympus" }, { cookie: owner });
    expect(bad.status).toBe(422);
    expect((await problem(bad)).errors?.[0]?.path).toBe("body.timeZone");
    const c = (await (await postJson("/api/v1/campaigns", body, { cookie: owner })).json()) as { id: string; goal: string; timeZone: string; briefDetails: Record<string, string> };
    expect(c).toMatchObject({ goal: "traffic", timeZone: "Europe/London", briefDetails: { deliverables: "One Reel", usageRights: "90 days organic" } });
    await postJson(`/api/v1/campaigns/${c.id}/status`, { action: "launch" }, { cookie: owner });
    const s = await signIn(api, uniqueEmail("brief-creator"));
    await createCreator(api, s.cookie, { handle: `brief_${Date.now().toString(36)}`, displayName: "B", niches: ["beauty"] });
    const offers = (await (await api("/api/v1/marketplace/campaigns", { headers: { cookie: s.cookie } })).json()) as { items: { id: string; briefDetails: Record<string, string> }[] };
    expect(offers.items.find((o) => o.id === c.id)!.briefDetails).toEqual({ deliverables: "One Reel", usageRights: "90 days organic" });
  });
});

describe("schedule time zones", () => {
  it("turn wall-clock times in the brand's zone into instants and back, across DST", async () => {
    const { zonedToUtc, utcToZoned } = await import("../../app/lib/time");
    expect(zonedToUtc("2026-07-01T09:00", "Europe/London")).toBe("2026-07-01T08:00:00.000Z");
    expect(zonedToUtc("2026-12-01T09:00", "Europe/London")).toBe("2026-12-01T09:00:00.000Z");
    expect(zonedToUtc("2026-12-01T09:00", "Asia/Kolkata")).toBe("2026-12-01T03:30:00.000Z");
    expect(zonedToUtc("2026-07-01T09:00", "America/Los_Angeles")).toBe("2026-07-01T16:00:00.000Z");
    expect(utcToZoned("2026-07-01T16:00:00.000Z", "America/Los_Angeles")).toBe("2026-07-01T09:00");
    expect(utcToZoned(null, "UTC")).toBe("");
  });
});

describe("audience targeting", () => {
  it("only creators in the audience range and on the platforms can join uninvited", async () => {
    const owner = (await signIn(api, uniqueEmail("aud-owner"))).cookie;
    const domain = `aud-${Math.random().toString(36).slice(2, 8)}.example`;
    const audienceBrand = (await createBrand(api, owner, { name: "Audience Co", website: `https://${domain}`, industry: "beauty", companySize: "1-10", country: "GB" })).id;
    await fundWallet(api, owner, audienceBrand, 10_000);
    const c = (await (await postJson("/api/v1/campaigns", { name: "Mid-tier TikTok", currency: "GBP", pricingModel: "cpc", rateMinor: 20, totalBudgetMinor: 10_000, fallbackUrl: `https://${domain}/`, openToMarketplace: true, audienceMin: 10_000, audienceMax: 100_000, platforms: ["tiktok"], landingUrls: [`https://${domain}/x`] }, { cookie: owner })).json()) as { id: string };
    await postJson(`/api/v1/campaigns/${c.id}/status`, { action: "launch" }, { cookie: owner });
    expect((await postJson("/api/v1/campaigns", { name: "Bad", currency: "GBP", pricingModel: "cpc", rateMinor: 1, totalBudgetMinor: 10, fallbackUrl: `https://${domain}/`, audienceMin: 10, audienceMax: 5 }, { cookie: owner })).status).toBe(422);

    const make = async (label: string, platform: string, followers: number) => {
      const s = await signIn(api, uniqueEmail(`aud-${label}`));
      const cr = await createCreator(api, s.cookie, { handle: `aud${label}_${Date.now().toString(36)}`, displayName: label, niches: ["beauty"] });
      await postJson(`/api/v1/creators/${cr.id}/social`, { platform, handle: label, followers }, { cookie: s.cookie });
      return s.cookie;
    };
    const fits = await make("fits", "tiktok", 40_000);
    const tooSmall = await make("small", "tiktok", 2_000);
    const wrongPlatform = await make("yt", "youtube", 40_000);
    const offer = async (cookie: string) => ((await (await api("/api/v1/marketplace/campaigns", { headers: { cookie } })).json()) as { items: { id: string; eligible: boolean; reason: string | null }[] }).items.find((i) => i.id === c.id)!;
    expect(await offer(fits)).toMatchObject({ eligible: true, reason: null });
    expect(await offer(tooSmall)).toMatchObject({ eligible: false, reason: "Needs at least 10K followers" });
    expect(await offer(wrongPlatform)).toMatchObject({ eligible: false, reason: "For creators on tiktok" });
    expect((await postJson(`/api/v1/campaigns/${c.id}/accept`, {}, { cookie: tooSmall })).status).toBe(409);
    expect((await postJson(`/api/v1/campaigns/${c.id}/accept`, {}, { cookie: fits })).status).toBe(200);
  });
});
