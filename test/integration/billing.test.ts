import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { bpsOf, priceEvent } from "../../workers/billing/price-event";
import { newId } from "../../workers/lib/ids";
import { createCampaign, createCreator, mintLink, signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";
import { balances, billingSetup as setup, campaignWithLink, type BillingSetup as Setup } from "./billing-setup";
import { clickEvent, deliver, eventually, launchedAgo, query } from "./pg-helpers";

describe("pricing", () => {
  it("rounds basis points half up in integer arithmetic", () => {
    expect(bpsOf(999, 1250)).toBe(125); // 124.875
    expect(bpsOf(1000, 2000)).toBe(200);
    expect(bpsOf(3, 5000)).toBe(2); // 1.5
    expect(bpsOf(9_007_199_254, 10_000)).toBe(9_007_199_254);
  });
  it("bills only the events each model pays for", () => {
    const c = { status: "active", pricingModel: "cpcall", rateMinor: 500, minCallSeconds: 60 } as never;
    const call = (d: number) => ({ type: "call", props: { durationSeconds: d } }) as never;
    expect(priceEvent(c, call(59))).toEqual({ billable: false, reason: "call_too_short" });
    expect(priceEvent(c, call(60))).toEqual({ billable: true, costMinor: 500 });
    expect(priceEvent({ ...(c as object), pricingModel: "cpc" } as never, { type: "click", props: { fraud: true } } as never)).toEqual({ billable: false, reason: "invalid_traffic" });
  });
});

describe("billing through the ledger", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup("bill");
  });

  it("concurrent consumers never overspend a budget, and the campaign pauses itself", async () => {
    const { campaignId, linkId, code } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 30, totalBudgetMinor: 1_000 });
    const base = { brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId };
    const clicks = Array.from({ length: 100 }, () => clickEvent(base));
    // Eight consumers at once, each with its own slice, and every slice delivered twice.
    const slices = Array.from({ length: 8 }, (_, i) => clicks.filter((_, j) => j % 8 === i));
    await Promise.all([...slices, ...slices].map((slice) => deliver(slice)));

    const [spend] = await query<{ spent_minor: string; charges: number }>("select spent_minor::text, charges from campaign_spend where campaign_id = $1", [campaignId]);
    expect(Number(spend!.spent_minor)).toBe(990); // 33 × 30; a 34th would overspend 1,000
    expect(spend!.charges).toBe(33);
    const [entries] = await query<{ n: number }>("select count(*)::int as n from ledger_entries where campaign_id = $1", [campaignId]);
    expect(entries!.n).toBe(33);
    // This campaign's entries (the reconciliation test breaks one of its own on purpose).
    const unbalanced = await query("select l.entry_id from ledger_lines l join ledger_entries e on e.id = l.entry_id where e.campaign_id = $1 group by l.entry_id having sum(l.amount_minor) <> 0", [campaignId]);
    expect(unbalanced).toEqual([]);
    expect(await balances(campaignId)).toEqual([
      { kind: "campaign_budget", balance: "-990" },
      { kind: "creator_pending", balance: String(990 - 33 * 6) },
      { kind: "platform_fee", balance: String(33 * 6) },
    ]);
    const refused = await query<{ billing: string; n: number }>("select billing, count(*)::int as n from events where campaign_id = $1 group by billing order by billing", [campaignId]);
    expect(refused).toEqual([{ billing: "charged", n: 33 }, { billing: "total_budget_exhausted", n: 67 }]);

    const campaign = (await (await api(`/api/v1/campaigns/${campaignId}`, { headers: { cookie: s.owner } })).json()) as { status: string; pausedReason: string };
    expect(campaign).toMatchObject({ status: "paused", pausedReason: "budget" });
    const edge = await env.DB.prepare("select status from campaign_edges where campaign_id = ?").bind(campaignId).first<{ status: string }>();
    expect(edge!.status).toBe("paused");
    const res = await api(`/l/${code}`, { redirect: "manual" });
    expect(new URL(res.headers.get("location")!).pathname).toBe("/"); // the fallback
  });

  it("respects the daily budget", async () => {
    const { campaignId, linkId } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 100, totalBudgetMinor: 10_000, dailyBudgetMinor: 250 });
    const base = { brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId };
    await deliver(Array.from({ length: 5 }, () => clickEvent(base)));
    const rows = await query<{ billing: string; n: number }>("select billing, count(*)::int as n from events where campaign_id = $1 group by billing order by billing", [campaignId]);
    expect(rows).toEqual([{ billing: "charged", n: 2 }, { billing: "daily_budget_exhausted", n: 3 }]);
    const campaign = (await (await api(`/api/v1/campaigns/${campaignId}`, { headers: { cookie: s.owner } })).json()) as { status: string };
    expect(campaign.status).toBe("active");
  });

  it("never bills invalid clicks, and redelivery changes nothing", async () => {
    const { campaignId, linkId } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 40, totalBudgetMinor: 100_000 });
    const base = { brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId };
    const batch = [clickEvent(base), clickEvent({ ...base, props: { fraud: true, score: 0.95, reasons: ["headless_client"], unique: true } })];
    const ids = batch.map((e) => `m-${e.id}`);
    await deliver(batch, ids);
    const snap = async () => ({ b: await balances(campaignId), s: await query("select spent_minor::text, charges from campaign_spend where campaign_id = $1", [campaignId]) });
    const once = await snap();
    expect(once.b).toEqual([{ kind: "campaign_budget", balance: "-40" }, { kind: "creator_pending", balance: "32" }, { kind: "platform_fee", balance: "8" }]);
    for (let i = 0; i < 3; i++) await deliver(batch, ids);
    expect(await snap()).toEqual(once);
  });

  it("attributes a sale to its click, bills CPP once per Idempotency-Key, and reverses it on refund", async () => {
    const { campaignId, linkId, code } = await campaignWithLink(s, { pricingModel: "cpp", cppMode: "percent", rateBps: 1250, totalBudgetMinor: 100_000 });
    const click = clickEvent({ brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId });
    await deliver([click]);
    const auth = { authorization: `Bearer ${s.key}` };
    const sale = { type: "sale", clickId: click.clickId, orderId: `ord-${Date.now()}`, amountMinor: 8_999, currency: "GBP" };

    const noKey = await postJson("/api/v1/conversions", sale, auth);
    expect(noKey.status).toBe(422);
    expect((await problem(noKey)).errors?.[0]?.path).toBe("header.idempotency-key");

    const first = await postJson("/api/v1/conversions", sale, { ...auth, "idempotency-key": `sale-${sale.orderId}` });
    expect(first.status).toBe(202);
    const accepted = (await first.json()) as { eventId: string; attribution: { campaignId: string; linkId: string; creatorId: string } };
    expect(accepted.attribution).toMatchObject({ campaignId, linkId, creatorId: s.creatorId });
    const replay = await postJson("/api/v1/conversions", sale, { ...auth, "idempotency-key": `sale-${sale.orderId}` });
    expect(((await replay.json()) as { eventId: string }).eventId).toBe(accepted.eventId);
    const clash = await postJson("/api/v1/conversions", { ...sale, amountMinor: 1 }, { ...auth, "idempotency-key": `sale-${sale.orderId}` });
    expect(clash.status).toBe(409);

    const charged = await eventually(() => balances(campaignId), (b) => b.length === 3);
    const cost = bpsOf(8_999, 1250); // 1,125
    expect(charged).toEqual([
      { kind: "campaign_budget", balance: String(-cost) },
      { kind: "creator_pending", balance: String(cost - bpsOf(cost, 2000)) },
      { kind: "platform_fee", balance: String(bpsOf(cost, 2000)) },
    ]);
    const stats = await eventually(async () => (await (await api(`/api/v1/links/${code}/stats`, { headers: auth })).json()) as { conversions: number }, (x) => x.conversions === 1);
    expect(stats.conversions).toBe(1);

    const refund = await postJson("/api/v1/conversions", { type: "refund", orderId: sale.orderId, amountMinor: 8_999, currency: "GBP" }, { ...auth, "idempotency-key": `refund-${sale.orderId}` });
    expect(refund.status).toBe(202);
    const after = await eventually(() => balances(campaignId), (b) => b.every((x) => x.balance === "0"));
    expect(after.map((b) => b.balance)).toEqual(["0", "0", "0"]);
  });

  it("refuses conversions for invalid, unknown, foreign or expired clicks", async () => {
    const { campaignId, linkId } = await campaignWithLink(s, { pricingModel: "cpp", cppMode: "flat", rateMinor: 500, totalBudgetMinor: 100_000, attributionWindowDays: 7 });
    const base = { brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId };
    const bot = clickEvent({ ...base, props: { fraud: true, score: 1, reasons: ["bot_user_agent"], unique: true } });
    const old = clickEvent({ ...base, at: Date.now() - 8 * 86_400_000 });
    const fine = clickEvent(base);
    await deliver([bot, old, fine]);
    const auth = { authorization: `Bearer ${s.key}` };
    const sale = (clickId: string | null) => ({ type: "sale", clickId, orderId: newId("event"), amountMinor: 1000, currency: "GBP" });
    for (const [clickId, message] of [[bot.clickId, /invalid traffic/], [old.clickId, /attribution window/], ["clk_unknown", /No click/]] as const) {
      const res = await postJson("/api/v1/conversions", sale(clickId), { ...auth, "idempotency-key": `${clickId}-${Math.random()}` });
      expect(res.status).toBe(422);
      expect((await problem(res)).detail).toMatch(message);
    }
    // Another brand's key cannot credit this brand's click.
    const rival = await setup("rival");
    const foreign = await postJson("/api/v1/conversions", sale(fine.clickId), { authorization: `Bearer ${rival.key}`, "idempotency-key": `foreign-${Math.random()}` });
    expect(foreign.status).toBe(422);
    // A person's session cannot report conversions; only the brand's key.
    expect((await postJson("/api/v1/conversions", sale(fine.clickId), { cookie: s.owner, "idempotency-key": "session" })).status).toBe(403);
  });
});

describe("the view pixel (CPV)", () => {
  it("counts one view per visitor per item per hour from browsers only, and bills each once", async () => {
    const s = await setup("cpv");
    const { campaignId, code } = await campaignWithLink(s, { pricingModel: "cpv", rateMinor: 5, totalBudgetMinor: 10_000 });
    const issued = (await (await postJson(`/api/v1/links/${code}/view-tokens`, { items: ["serum", "mask"] }, { cookie: s.owner })).json()) as { tokens: { item: string; token: string }[] };
    const token = Object.fromEntries(issued.tokens.map((t) => [t.item, t.token]));
    const px = (item: string, ip: string, ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile/15E148 Safari/604.1") =>
      api(`/api/v1/px?l=${code}&t=${encodeURIComponent(token[item]!)}`, { headers: { "user-agent": ua, "cf-connecting-ip": ip, "accept-language": "en-GB", referer: `https://${s.domain}/blog` } });
    const first = await px("serum", "81.2.69.1");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/gif");
    await px("serum", "81.2.69.1"); // same visitor, same item, same hour
    await px("mask", "81.2.69.1"); // another item
    await px("serum", "81.2.69.2"); // another visitor
    await px("serum", "81.2.69.3", "Googlebot/2.1 (+http://www.google.com/bot.html)");
    await px("serum", "81.2.69.4", "Slackbot-LinkExpanding 1.0");
    expect((await api(`/api/v1/px?l=${code}&t=`)).status).toBe(422);

    const views = await eventually(
      async () => (await query<{ views: number }>("select coalesce(sum(views), 0)::int as views from link_minutes where campaign_id = $1", [campaignId]))[0]!.views,
      (v) => v >= 3,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect((await query<{ views: number }>("select coalesce(sum(views), 0)::int as views from link_minutes where campaign_id = $1", [campaignId]))[0]!.views).toBe(3);
    expect(views).toBe(3);
    expect(await balances(campaignId)).toEqual([
      { kind: "campaign_budget", balance: "-15" },
      { kind: "creator_pending", balance: "12" },
      { kind: "platform_fee", balance: "3" },
    ]);
  });
});

describe("promo codes and targeting", () => {
  it("credits a conversion reported with a link's promo code, and keeps codes unique per brand", async () => {
    const s = await setup("promo");
    const campaign = await createCampaign(api, s.owner, { name: "Promo", currency: "GBP", fallbackUrl: `https://${s.domain}/`, pricingModel: "cpp", cppMode: "flat", rateMinor: 250, totalBudgetMinor: 10_000 });
    const res = await postJson("/api/v1/links", { campaignId: campaign.id, creatorId: s.creatorId, destination: `https://${s.domain}/p`, promoCode: "glow10" }, { cookie: s.owner });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { promoCode: string }).promoCode).toBe("GLOW10");
    const dup = await postJson("/api/v1/links", { campaignId: campaign.id, creatorId: s.creatorId, destination: `https://${s.domain}/other`, promoCode: "GLOW10" }, { cookie: s.owner });
    expect(dup.status).toBe(409);
    expect((await problem(dup)).errors?.[0]?.path).toBe("body.promoCode");

    const auth = { authorization: `Bearer ${s.key}` };
    const both = await postJson("/api/v1/conversions", { type: "sale", clickId: "clk_x", promoCode: "GLOW10", orderId: "o1", amountMinor: 5000, currency: "GBP" }, { ...auth, "idempotency-key": "both" });
    expect(both.status).toBe(422);
    const ok = await postJson("/api/v1/conversions", { type: "sale", promoCode: "glow10", orderId: `o-${Date.now()}`, amountMinor: 5000, currency: "GBP" }, { ...auth, "idempotency-key": `promo-${Date.now()}` });
    expect(ok.status).toBe(202);
    const charged = await eventually(() => balances(campaign.id), (b) => b.length === 3);
    expect(charged[0]).toEqual({ kind: "campaign_budget", balance: "-250" });
  });

  it("does not bill clicks from outside the campaign's target countries", async () => {
    const s = await setup("geo");
    const { campaignId, linkId } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 20, totalBudgetMinor: 10_000, targetCountries: ["GB", "IE"] });
    const base = { brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId };
    const props = (country: string) => ({ fraud: false, score: 0, reasons: [], unique: true, country });
    await deliver([clickEvent({ ...base, props: props("GB") }), clickEvent({ ...base, props: props("US") })]);
    const rows = await query<{ billing: string }>("select billing from events where campaign_id = $1 order by billing", [campaignId]);
    expect(rows.map((r) => r.billing)).toEqual(["charged", "outside_targeting"]);
  });
});

describe("campaign stats", () => {
  it("match the ledger to the cent, per creator, and only the brand can see them", async () => {
    const s = await setup("stats");
    const cr2 = await signIn(api, uniqueEmail("stats-creator2"));
    const creatorB = (await createCreator(api, cr2.cookie, { handle: `statsb_${Date.now().toString(36)}`, displayName: "B", niches: ["beauty"] })).id;
    const campaign = await createCampaign(api, s.owner, { name: "Stats", currency: "GBP", fallbackUrl: `https://${s.domain}/`, pricingModel: "cpc", rateMinor: 25, totalBudgetMinor: 100_000 });
    const linkA = await mintLink(api, s.owner, { campaignId: campaign.id, creatorId: s.creatorId, destination: `https://${s.domain}/a` });
    const linkB = await mintLink(api, s.owner, { campaignId: campaign.id, creatorId: creatorB, destination: `https://${s.domain}/b` });
    const id = async (code: string) => ((await (await api(`/api/v1/links/${code}`, { headers: { cookie: s.owner } })).json()) as { id: string }).id;
    const a = { brandId: s.brandId, campaignId: campaign.id, linkId: await id(linkA.code), creatorId: s.creatorId };
    const b = { brandId: s.brandId, campaignId: campaign.id, linkId: await id(linkB.code), creatorId: creatorB };
    const bad = { fraud: true, score: 1, reasons: ["datacenter_asn"], unique: true };
    await deliver([
      ...Array.from({ length: 5 }, () => clickEvent(a)),
      ...Array.from({ length: 2 }, () => clickEvent(b)),
      clickEvent({ ...b, props: bad }),
      { ...clickEvent(a), type: "sale", props: { orderId: "o-stats", amountMinor: 10_000, currency: "GBP" } },
    ]);
    const res = await api(`/api/v1/campaigns/${campaign.id}/stats`, { headers: { cookie: s.owner } });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as { spend: number; revenue: number; roi: number; clicks: number; validClicks: number; invalidClicks: number; conversions: number; budget: { spentMinor: number }; byCreator: { creatorId: string; spend: number; validClicks: number; revenue: number }[]; series: unknown[] };
    const [ledger] = await query<{ spent: string }>(
      "select (-sum(l.amount_minor))::text as spent from ledger_lines l join ledger_accounts acc on acc.id = l.account_id join ledger_entries e on e.id = l.entry_id where acc.kind = 'campaign_budget' and acc.owner_id = $1 and e.kind = 'charge'",
      [campaign.id],
    );
    expect(stats.spend).toBe(Number(ledger!.spent));
    expect(stats).toMatchObject({ clicks: 8, validClicks: 7, invalidClicks: 1, conversions: 1, revenue: 10_000, spend: 175, budget: { spentMinor: 175 } });
    expect(stats.roi).toBeCloseTo((10_000 - 175) / 175, 4);
    expect(stats.byCreator).toEqual([
      expect.objectContaining({ creatorId: s.creatorId, spend: 125, validClicks: 5, revenue: 10_000 }),
      expect.objectContaining({ creatorId: creatorB, spend: 50, validClicks: 2, revenue: 0 }),
    ]);
    expect(stats.series.length).toBeGreaterThan(0);

    const rival = await setup("statsrival");
    expect((await api(`/api/v1/campaigns/${campaign.id}/stats`, { headers: { cookie: rival.owner } })).status).toBe(404);
    expect((await api(`/api/v1/campaigns/${campaign.id}/stats`, { headers: { authorization: `Bearer ${rival.key}` } })).status).toBe(404);
    expect((await api(`/api/v1/campaigns/${campaign.id}/stats`, { headers: { cookie: cr2.cookie } })).status).toBe(404);
  });
});

describe("versioned rates", () => {
  it("an edited rate applies to events after the edit, even when older events are consumed later", async () => {
    const s = await setup("rates");
    const { campaignId, linkId } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 30, totalBudgetMinor: 100_000 });
    const base = { brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId };
    const before = clickEvent({ ...base, at: Date.now() });
    await new Promise((r) => setTimeout(r, 20));
    expect((await postJson(`/api/v1/campaigns/${campaignId}`, { rateMinor: 50 }, { cookie: s.owner }, "PATCH")).status).toBe(200);
    const after = clickEvent({ ...base, at: Date.now() + 10 });
    // The queue delivers the older click after the edit: it is still billed at the old rate.
    await deliver([after, before]);
    const billed = await query<{ id: string; billed_minor: string }>("select id, billed_minor::text from events where campaign_id = $1", [campaignId]);
    expect(Object.fromEntries(billed.map((b) => [b.id, Number(b.billed_minor)]))).toEqual({ [before.id]: 30, [after.id]: 50 });
  });
});

describe("spend velocity guard", () => {
  it("pauses a campaign whose spend jumps far above its own pace, with an alert", async () => {
    const s = await setup("velo");
    const { campaignId, linkId } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 10, totalBudgetMinor: 1_000_000 });
    const base = { brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId };
    await launchedAgo(campaignId, 4 * 3_600_000);
    const now = Date.now();
    // Three hours of steady traffic: one click every three minutes…
    await deliver(Array.from({ length: 60 }, (_, i) => clickEvent({ ...base, at: now - 3 * 3_600_000 + i * 180_000 })));
    let campaign = (await (await api(`/api/v1/campaigns/${campaignId}`, { headers: { cookie: s.owner } })).json()) as { status: string; pausedReason: string | null };
    expect(campaign.status).toBe("active");
    // …then sixty clicks in five minutes.
    await deliver(Array.from({ length: 60 }, (_, i) => clickEvent({ ...base, at: now - 300_000 + i * 5_000 })));
    campaign = (await (await api(`/api/v1/campaigns/${campaignId}`, { headers: { cookie: s.owner } })).json()) as { status: string; pausedReason: string | null };
    expect(campaign).toMatchObject({ status: "paused", pausedReason: "velocity" });
    const stats = (await (await api(`/api/v1/campaigns/${campaignId}/stats`, { headers: { cookie: s.owner } })).json()) as { alerts: { kind: string; message: string }[] };
    expect(stats.alerts[0]).toMatchObject({ kind: "spend_velocity" });
    expect(stats.alerts[0]!.message).toMatch(/Paused automatically/);
  });

  it("leaves steady growth alone", async () => {
    const s = await setup("steady");
    const { campaignId, linkId } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 10, totalBudgetMinor: 1_000_000 });
    const base = { brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId };
    await launchedAgo(campaignId, 3 * 3_600_000);
    const now = Date.now();
    await deliver(Array.from({ length: 120 }, (_, i) => clickEvent({ ...base, at: now - 2 * 3_600_000 + i * 60_000 })));
    const campaign = (await (await api(`/api/v1/campaigns/${campaignId}`, { headers: { cookie: s.owner } })).json()) as { status: string };
    expect(campaign.status).toBe("active");
  });
});

describe("removed creators", () => {
  it("earn nothing from clicks after the brand removes them", async () => {
    const s = await setup("removed");
    const campaign = await createCampaign(api, s.owner, { name: "Removal", currency: "GBP", fallbackUrl: `https://${s.domain}/`, pricingModel: "cpc", rateMinor: 40, totalBudgetMinor: 10_000, openToMarketplace: true, landingUrls: [`https://${s.domain}/p`] });
    const cr = await signIn(api, uniqueEmail("removed-creator2"));
    const creatorId = (await createCreator(api, cr.cookie, { handle: `rm_${Date.now().toString(36)}`, displayName: "R", niches: ["beauty"] })).id;
    const { links } = (await (await postJson(`/api/v1/campaigns/${campaign.id}/accept`, {}, { cookie: cr.cookie })).json()) as { links: { code: string }[] };
    const linkId = ((await (await api(`/api/v1/links/${links[0]!.code}`, { headers: { cookie: s.owner } })).json()) as { id: string }).id;
    const base = { brandId: s.brandId, campaignId: campaign.id, linkId, creatorId };
    await launchedAgo(campaign.id, 60_000);
    await deliver([clickEvent({ ...base, at: Date.now() - 1_000 })]);
    const [collab] = await query<{ id: string }>("select id from collaborations where campaign_id = $1 and creator_id = $2", [campaign.id, creatorId]);
    expect((await postJson(`/api/v1/collaborations/${collab!.id}/remove`, {}, { cookie: s.owner })).status).toBe(200);
    await deliver([clickEvent({ ...base, at: Date.now() + 1_000 })]);
    const rows = await query<{ billing: string }>("select billing from events where campaign_id = $1 order by at", [campaign.id]);
    expect(rows.map((r) => r.billing)).toEqual(["charged", "creator_removed"]);
  });
});
