import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TrackedEvent } from "../../workers/events/envelope";
import { newId } from "../../workers/lib/ids";
import { counterName } from "../../workers/links/count-click";
import { createBrand, createCampaign, createCreator, mintLink, signIn } from "../factories";
import { api, gateway, uniqueEmail } from "./helpers";
import { deliver, eventually, query } from "./pg-helpers";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
/** A tap on the link, with the headers a phone's browser sends on a navigation. */
const visit = (code: string, headers: Record<string, string> = {}, method = "GET") =>
  gateway(new Request(`http://localhost:8787/l/${code}`, { method, redirect: "manual", headers: { "user-agent": IPHONE, accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "sec-fetch-mode": "navigate", "accept-language": "en-GB", ...headers } }));

describe("clicks → LinkCounter → events queue → Postgres", () => {
  let owner: string, code: string, linkId: string, brandId: string, campaignId: string, creatorId: string, creatorCookie: string;

  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("ev-owner"))).cookie;
    const domain = `ev-${Math.random().toString(36).slice(2, 8)}.example`;
    brandId = (await createBrand(api, owner, { name: "Event Co", website: `https://${domain}`, industry: "tech", companySize: "1-10", country: "GB" })).id;
    const cr = await signIn(api, uniqueEmail("ev-creator"));
    creatorCookie = cr.cookie;
    creatorId = (await createCreator(api, cr.cookie, { handle: `ev_${Date.now().toString(36)}`, displayName: "Ev", niches: ["tech"] })).id;
    campaignId = (await createCampaign(api, owner, { name: "Events", pricingModel: "cpc", rateMinor: 30, currency: "GBP", totalBudgetMinor: 100_000, fallbackUrl: `https://${domain}/` })).id;
    code = (await mintLink(api, owner, { campaignId, creatorId, destination: `https://${domain}/p` })).code;
    linkId = ((await (await api(`/api/v1/links/${code}`, { headers: { cookie: owner } })).json()) as { id: string }).id;
  });

  afterEach(() => vi.restoreAllMocks());

  it("counts real clicks, audits bots, and never counts HEAD or link previews", async () => {
    for (let i = 0; i < 3; i++) expect((await visit(code, { "cf-connecting-ip": `81.2.69.${10 + i}` })).status).toBe(302);
    expect((await visit(code, { "cf-connecting-ip": "81.2.69.99", "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" })).status).toBe(302);
    expect((await visit(code, { "cf-connecting-ip": "81.2.69.98" }, "HEAD")).status).toBe(302);
    expect((await visit(code, { "cf-connecting-ip": "81.2.69.97", "user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" })).status).toBe(302);

    const stats = await eventually(
      async () => (await (await api(`/api/v1/links/${code}/stats`, { headers: { cookie: owner } })).json()) as { clicks: number },
      (s) => s.clicks >= 4,
    );
    expect(stats).toEqual({ clicks: 4, validClicks: 3, invalidClicks: 1, uniqueClicks: 3, conversions: 0 });
    const audit = await query<{ reasons: string[]; fraud: boolean }>("select reasons, fraud from events where link_id = $1 and fraud", [linkId]);
    expect(audit).toEqual([{ reasons: ["bot_user_agent"], fraud: true }]);
    // The link's creator sees the same numbers; another brand does not see the link at all.
    expect(await (await api(`/api/v1/links/${code}/stats`, { headers: { cookie: creatorCookie } })).json()).toEqual(stats);
    const rival = (await signIn(api, uniqueEmail("ev-rival"))).cookie;
    expect((await api(`/api/v1/links/${code}/stats`, { headers: { cookie: rival } })).status).toBe(404);
  });

  it("still redirects when the LinkCounter cannot be reached", async () => {
    vi.spyOn(env.LINK_COUNTER, "get").mockImplementation(() => {
      throw new Error("durable object unavailable");
    });
    const res = await visit(code, { "cf-connecting-ip": "81.2.69.50" });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!).searchParams.get("tclid")).toMatch(/^clk_/);
  });

  it("keeps clicks buffered while the queue is failing, and sends them once it recovers", async () => {
    const stub = env.LINK_COUNTER.get(env.LINK_COUNTER.idFromName(counterName(`lnk_queue_down_${Date.now()}`)));
    let failing = true;
    await runInDurableObject(stub, (instance: unknown) => {
      const events = (instance as { env: Env }).env.EVENTS;
      const real = events.sendBatch.bind(events);
      vi.spyOn(events, "sendBatch").mockImplementation(async (...args) => {
        if (failing) throw new Error("queue unavailable");
        return real(...args);
      });
    });
    const clickId = newId("click");
    await stub.record({ linkId: "lnk_queue_down", brandId, campaignId, creatorId, utm: {}, clickId, ts: Date.now(), ua: IPHONE, ip: "81.2.69.7", asn: 7922, country: "GB", referer: null, method: "GET", acceptLanguage: "en-GB" });
    expect(await runDurableObjectAlarm(stub)).toBe(true); // the flush fails and reschedules itself
    expect(await stub.pending()).toBe(1);
    failing = false;
    expect(await runDurableObjectAlarm(stub)).toBe(true); // the retry it scheduled

    expect(await stub.pending()).toBe(0);
    const rows = await eventually(() => query("select id from events where click_id = $1", [clickId]), (r) => r.length === 1);
    expect(rows).toHaveLength(1);
  });

  it("an evicted LinkCounter loses no buffered click", async () => {
    const id = env.LINK_COUNTER.idFromName(counterName(`lnk_evict_${Date.now()}`));
    const stub = env.LINK_COUNTER.get(id);
    const clickIds = [newId("click"), newId("click")];
    const base = { linkId: "lnk_evict", brandId, campaignId, creatorId, utm: {}, ua: IPHONE, ip: "81.2.69.1", asn: 7922, country: "GB", referer: null, method: "GET", acceptLanguage: "en-GB" };
    for (const clickId of clickIds) await stub.record({ ...base, clickId, ts: Date.now() });
    await abortAllDurableObjects();
    const again = env.LINK_COUNTER.get(id);
    const pendingAfterEviction = await again.pending();
    // The alarm may already have flushed; either way nothing is lost.
    expect(pendingAfterEviction === 2 || pendingAfterEviction === 0).toBe(true);
    if (pendingAfterEviction) expect(await runDurableObjectAlarm(again)).toBe(true);
    expect(await again.pending()).toBe(0);
    const rows = await eventually(
      () => query<{ click_id: string }>("select click_id from events where click_id = any($1)", [clickIds]),
      (r) => r.length === 2,
    );
    expect(rows.map((r) => r.click_id).sort()).toEqual([...clickIds].sort());
  });
});

describe("the events consumer", () => {
  const ev = (over: Partial<TrackedEvent> = {}): TrackedEvent => ({
    id: newId("event"),
    type: "click",
    at: Date.now(),
    brandId: "brd_consumer",
    campaignId: "cmp_consumer",
    linkId: `lnk_consumer_${Math.random().toString(36).slice(2)}`,
    creatorId: "cr_consumer",
    clickId: newId("click"),
    visitorHash: "v",
    props: { fraud: false, score: 0, reasons: [], unique: true },
    utm: {},
    ...over,
  });

  const snapshot = async (linkId: string) => ({
    events: await query("select id, fraud, reasons, \"unique\", duplicate, billing from events where link_id = $1 order by id", [linkId]),
    minutes: await query("select link_id, minute, clicks, valid_clicks, invalid_clicks, duplicate_clicks, unique_clicks from link_minutes where link_id = $1", [linkId]),
  });

  it("a batch redelivered three times leaves every table unchanged", async () => {
    const linkId = `lnk_redeliver_${Date.now()}`;
    const bodies = [ev({ linkId }), ev({ linkId, props: { fraud: true, score: 0.95, reasons: ["headless_client"], unique: true } }), ev({ linkId, props: { fraud: false, score: 0, reasons: [], unique: false } })];
    const ids = bodies.map((_, i) => `msg-${linkId}-${i}`);
    const first = await deliver(bodies, ids);
    expect(first.explicitAcks.length).toBe(3);
    const once = await snapshot(linkId);
    // One visitor: the valid repeat is a duplicate (ADR 015), and stays one however often it comes.
    expect(once.minutes).toEqual([expect.objectContaining({ clicks: 3, valid_clicks: 1, invalid_clicks: 1, duplicate_clicks: 1, unique_clicks: 1 })]);
    await deliver(bodies, ids);
    await deliver(bodies, ids);
    await deliver(bodies, ids);
    expect(await snapshot(linkId)).toEqual(once);
  });

  it("concurrent consumers of the same events apply each once", async () => {
    const linkId = `lnk_concurrent_${Date.now()}`;
    const bodies = Array.from({ length: 20 }, () => ev({ linkId }));
    await Promise.all(Array.from({ length: 6 }, () => deliver(bodies)));
    const [row] = await query<{ clicks: number }>("select clicks from link_minutes where link_id = $1", [linkId]);
    expect(row!.clicks).toBe(20);
    const [n] = await query<{ n: number }>("select count(*)::int as n from events where link_id = $1", [linkId]);
    expect(n!.n).toBe(20);
  });

  it("a poison message is kept and acknowledged without blocking the batch", async () => {
    const linkId = `lnk_poison_${Date.now()}`;
    const good = ev({ linkId });
    const result = await deliver([{ nonsense: true }, good, "not even an object"], [`poison-a-${linkId}`, `good-${linkId}`, `poison-b-${linkId}`]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual([`good-${linkId}`, `poison-a-${linkId}`, `poison-b-${linkId}`].sort());
    const rejected = await query<{ message_id: string }>("select message_id from rejected_events where message_id like $1", [`poison-%-${linkId}`]);
    expect(rejected).toHaveLength(2);
    expect(await query("select id from events where id = $1", [good.id])).toHaveLength(1);
  });
});

