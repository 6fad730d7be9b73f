import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CommunityRoom } from "../../durable-objects/community-room";
import type { LinkCounter } from "../../durable-objects/link-counter";
import type { TrackedEvent } from "../../workers/events/envelope";
import { newId } from "../../workers/lib/ids";
import { counterName } from "../../workers/links/count-click";
import { createBrand, createCampaign, createCreator, mintLink, signIn } from "../factories";
import { api, uniqueEmail } from "./helpers";
import { eventually, query, runScheduled } from "./pg-helpers";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const KB = 1000;

/** Runs the object's alarm until it stops rescheduling itself (or `max` times). */
async function drainAlarms(stub: DurableObjectStub, max = 40) {
  let runs = 0;
  while (runs < max && (await runDurableObjectAlarm(stub))) runs++;
  return runs;
}

/** Every console.error line that parses as JSON (the objects' structured alerts). */
function errorLines(spy: { mock: { calls: unknown[][] } }) {
  return spy.mock.calls.flatMap((args) => {
    try {
      return [JSON.parse(String(args[0])) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

afterEach(() => vi.restoreAllMocks());

describe("LinkCounter outbox: batches by bytes, dead-letters what cannot be sent", () => {
  let brandId: string, campaignId: string, creatorId: string;

  beforeAll(async () => {
    const owner = (await signIn(api, uniqueEmail("ob-owner"))).cookie;
    const domain = `ob-${Math.random().toString(36).slice(2, 8)}.example`;
    brandId = (await createBrand(api, owner, { name: "Outbox Co", website: `https://${domain}`, industry: "tech", companySize: "1-10", country: "GB" })).id;
    const cr = await signIn(api, uniqueEmail("ob-creator"));
    creatorId = (await createCreator(api, cr.cookie, { handle: `ob_${Date.now().toString(36)}`, displayName: "Ob", niches: ["tech"] })).id;
    campaignId = (await createCampaign(api, owner, { name: "Outbox", pricingModel: "cpc", rateMinor: 1, currency: "GBP", totalBudgetMinor: 100_000, fallbackUrl: `https://${domain}/` })).id;
    await mintLink(api, owner, { campaignId, creatorId, destination: `https://${domain}/p` });
  });

  const counter = (label: string) => env.LINK_COUNTER.get(env.LINK_COUNTER.idFromName(counterName(`lnk_${label}_${Date.now()}_${Math.random().toString(36).slice(2, 6)}`)));
  const click = (linkId: string, referer: string | null, ip = "81.2.69.7") => ({
    linkId,
    brandId,
    campaignId,
    creatorId,
    utm: {},
    clickId: newId("click"),
    ts: Date.now(),
    ua: IPHONE,
    ip,
    asn: 7922,
    country: "GB",
    referer,
    method: "GET",
    acceptLanguage: "en-GB",
  });
  const clicksArrived = (clickIds: string[]) =>
    eventually(
      () => query<{ click_id: string }>("select click_id from events where click_id = any($1)", [clickIds]),
      (r) => r.length === clickIds.length,
    );

  it("a click too big for one queue message is dead-lettered at once, with an alert, and later clicks still flow", async () => {
    const stub = counter("huge");
    const errors = vi.spyOn(console, "error");
    const huge = click("lnk_huge", `https://ref.example/${"x".repeat(140 * KB)}`);
    const fine = [click("lnk_huge", null, "81.2.69.8"), click("lnk_huge", null, "81.2.69.9")];
    await stub.record(huge);
    for (const c of fine) await stub.record(c);
    await drainAlarms(stub);

    expect(await stub.pending()).toBe(0);
    const dead = await stub.deadLetters();
    expect(dead.count).toBe(1);
    expect(dead.rows[0]).toMatchObject({ attempts: 0, error: expect.stringMatching(/too large/) });
    const alert = errorLines(errors).find((l) => l.msg === "outbox row dead-lettered");
    expect(alert).toMatchObject({ level: "error", object: "LinkCounter", rowId: dead.rows[0]!.id, error: expect.stringMatching(/too large/) });
    expect((await clicksArrived(fine.map((c) => c.clickId))).length).toBe(2);
    expect(await query("select 1 from events where click_id = $1", [huge.clickId])).toEqual([]);
  });

  it("splits a backlog whose total is over the sendBatch byte limit, so every click arrives", async () => {
    const stub = counter("bulky");
    // Each click fits in one message (~100 KB), three together do not fit in one batch (256 KB).
    const bulky = [0, 1, 2].map((i) => click("lnk_bulky", `https://ref.example/${"y".repeat(100 * KB)}`, `81.2.69.${20 + i}`));
    for (const c of bulky) await stub.record(c);
    await drainAlarms(stub);
    expect(await stub.pending()).toBe(0);
    expect((await stub.deadLetters()).count).toBe(0);
    expect((await clicksArrived(bulky.map((c) => c.clickId))).length).toBe(3);
  });

  it("a row the queue keeps refusing is dead-lettered after its tries, and never holds back the rows behind it", async () => {
    const stub = counter("poison");
    const poison = click("lnk_poison", "https://ref.example/poison", "81.2.69.30");
    const fine = [click("lnk_poison", null, "81.2.69.31"), click("lnk_poison", null, "81.2.69.32")];
    await runInDurableObject(stub, (instance: LinkCounter) => {
      const events = (instance as unknown as { env: Env }).env.EVENTS;
      const real = events.sendBatch.bind(events);
      vi.spyOn(events, "sendBatch").mockImplementation(async (messages, options) => {
        const list = [...messages];
        if (list.some((m) => (m.body as TrackedEvent).clickId === poison.clickId)) throw new Error("queue refused this message");
        return real(list, options);
      });
    });
    await stub.record(poison);
    for (const c of fine) await stub.record(c);
    await drainAlarms(stub);

    expect((await clicksArrived(fine.map((c) => c.clickId))).length).toBe(2);
    expect(await stub.pending()).toBe(0);
    const dead = await stub.deadLetters();
    expect(dead.count).toBe(1);
    expect(dead.rows[0]).toMatchObject({ error: expect.stringMatching(/refused this message/) });
    expect(dead.rows[0]!.attempts).toBeGreaterThan(1);
  });

  it("a short queue outage dead-letters nothing: the backlog waits and is sent once the queue is back", async () => {
    const stub = counter("outage");
    let failing = true;
    await runInDurableObject(stub, (instance: LinkCounter) => {
      const events = (instance as unknown as { env: Env }).env.EVENTS;
      const real = events.sendBatch.bind(events);
      vi.spyOn(events, "sendBatch").mockImplementation(async (messages, options) => {
        if (failing) throw new Error("queue unavailable");
        return real(messages, options);
      });
    });
    const clicks = [0, 1, 2].map((i) => click("lnk_outage", null, `81.2.69.${40 + i}`));
    for (const c of clicks) await stub.record(c);
    for (let i = 0; i < 5; i++) expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.pending()).toBe(3);
    expect((await stub.deadLetters()).count).toBe(0);
    failing = false;
    await drainAlarms(stub);
    expect(await stub.pending()).toBe(0);
    expect((await clicksArrived(clicks.map((c) => c.clickId))).length).toBe(3);
  });
});

describe("CommunityRoom outbox: batches by bytes, dead-letters what cannot be sent", () => {
  const room = (roomId: string) => env.COMMUNITY_ROOM.get(env.COMMUNITY_ROOM.idFromName(roomId));
  /** A valid event of any size, as whatever the room is given might produce. */
  const padded = (bytes: number): TrackedEvent => ({
    id: newId("event"),
    type: "storefront.view",
    at: Date.now(),
    brandId: null,
    campaignId: null,
    linkId: null,
    creatorId: null,
    clickId: null,
    visitorHash: null,
    props: { path: `/${"z".repeat(bytes)}` },
    utm: {},
  });

  it("an oversized row is dead-lettered, a backlog over the batch limit is split, and the room's own events arrive", async () => {
    const roomId = `room_outbox_${Date.now().toString(36)}`;
    const ctx = { roomId, communityId: "com_outbox", communitySlug: "outbox", creatorId: null };
    const stub = room(roomId);
    const errors = vi.spyOn(console, "error");
    const huge = padded(140 * KB);
    const bulky = [padded(100 * KB), padded(100 * KB), padded(100 * KB)];
    const dropId = `drp_${Date.now().toString(36).padStart(26, "0")}`;
    await stub.createDrop(ctx, { id: dropId, title: "Outbox drop", description: "", productId: null, productUrl: null, perk: "Sticker", quantity: 5, releaseAt: Date.now() - 1000 });
    await runInDurableObject(stub, (_o: CommunityRoom, state) => {
      for (const e of [huge, ...bulky]) state.storage.sql.exec("INSERT INTO outbox (id, body) VALUES (?, ?)", e.id, JSON.stringify(e));
    });
    const claim = await stub.claimDrop(ctx, dropId, "usr_outbox_claimer");
    expect(claim.ok).toBe(true);
    await drainAlarms(stub);

    // The claim's own send runs after the call returns (waitUntil); wait for it to finish.
    const counts = await eventually(() => stub.counts(), (c) => c.outbox === 0);
    expect(counts.outbox).toBe(0);
    expect(counts.deadLetters).toBe(1);
    const dead = await stub.deadLetters();
    expect(dead.rows.map((r) => r.id)).toEqual([huge.id]);
    expect(errorLines(errors).find((l) => l.msg === "outbox row dead-lettered")).toMatchObject({ object: "CommunityRoom", objectName: roomId, rowId: huge.id });
    const arrived = await eventually(
      () => query<{ id: string }>("select id from events where id = any($1)", [bulky.map((e) => e.id)]),
      (r) => r.length === 3,
    );
    expect(arrived).toHaveLength(3);
    const claimed = await eventually(
      () => query("select 1 from events where type = 'community' and props->>'kind' = 'drop.claimed' and props->>'dropId' = $1", [dropId]),
      (r) => r.length === 1,
    );
    expect(claimed).toHaveLength(1);
  });
});

describe("the D1 event outbox, drained by the cron", () => {
  type Parked = { id: string; body: string; state: string; attempts: number; last_error: string | null };
  const parkedFor = async (marker: string) =>
    (await env.DB.prepare("select id, body, state, attempts, last_error from event_outbox where body like ? order by rowid").bind(`%${marker}%`).all<Parked>()).results;
  const event = (creatorId: string, pad = 0): TrackedEvent => ({
    id: newId("event"),
    type: "storefront.view",
    at: Date.now(),
    brandId: null,
    campaignId: null,
    linkId: null,
    creatorId,
    clickId: null,
    visitorHash: null,
    props: { path: `/@x${"p".repeat(pad)}` },
    utm: {},
  });
  const park = async (e: TrackedEvent) => {
    await env.DB.prepare("insert into event_outbox (id, body, created_at) values (?, ?, ?)").bind(e.id, JSON.stringify(e), Date.now()).run();
  };
  const arrivedFor = (creatorId: string) => query<{ id: string }>("select id from events where creator_id = $1 order by id", [creatorId]);

  it("a storefront view whose send fails is parked in the outbox and arrives, with its own id, after the next drain", async () => {
    const s = await signIn(api, uniqueEmail("ob-sf"));
    const handle = `obsf_${Date.now().toString(36)}`;
    const creator = await createCreator(api, s.cookie, { handle, displayName: "Sia Store", niches: ["fashion"] });
    const down = () => Promise.reject(new Error("queue unavailable"));
    const send = vi.spyOn(env.EVENTS, "send").mockImplementation(down);
    const sendBatch = vi.spyOn(env.EVENTS, "sendBatch").mockImplementation(down);
    let parked: Parked[];
    try {
      const pixel = await api(`/api/v1/storefronts/${handle}/px?p=${encodeURIComponent(`/@${handle}`)}`, { headers: { "user-agent": IPHONE } });
      expect(pixel.status).toBe(200);
      parked = await eventually(() => parkedFor(creator.id), (r) => r.length === 1);
    } finally {
      send.mockRestore();
      sendBatch.mockRestore();
    }
    expect(parked).toEqual([expect.objectContaining({ state: "pending" })]);
    expect(await arrivedFor(creator.id)).toEqual([]);

    await runScheduled();
    const arrived = await eventually(() => arrivedFor(creator.id), (r) => r.length === 1);
    expect(arrived).toEqual([{ id: parked[0]!.id }]);
    expect(await parkedFor(creator.id)).toEqual([]);
  });

  it("the drain marks a row too big to send dead at once, with an alert, and sends the rows behind it", async () => {
    const creatorId = `cr_obdead_${Date.now().toString(36)}`;
    const errors = vi.spyOn(console, "error");
    const huge = event(creatorId, 140 * KB);
    const fine = [event(creatorId), event(creatorId)];
    for (const e of [huge, ...fine]) await park(e);
    await runScheduled();

    expect(await parkedFor(creatorId)).toEqual([expect.objectContaining({ id: huge.id, state: "dead", last_error: expect.stringMatching(/too large/) })]);
    expect(errorLines(errors).find((l) => l.msg === "outbox row dead-lettered" && l.rowId === huge.id)).toMatchObject({ level: "error", object: "event_outbox", error: expect.stringMatching(/too large/) });
    const arrived = await eventually(() => arrivedFor(creatorId), (r) => r.length === 2);
    expect(arrived.map((r) => r.id)).toEqual(fine.map((e) => e.id).sort());
  });

  it("the drain counts a try for each refusal, marks the row dead after its tries, and never holds back the others", async () => {
    const creatorId = `cr_obpoison_${Date.now().toString(36)}`;
    const poison = event(creatorId);
    const fine = [event(creatorId), event(creatorId)];
    for (const e of [poison, ...fine]) await park(e);
    const real = env.EVENTS.sendBatch.bind(env.EVENTS);
    vi.spyOn(env.EVENTS, "sendBatch").mockImplementation(async (messages, options) => {
      const list = [...messages];
      if (list.some((m) => (m.body as TrackedEvent).id === poison.id)) throw new Error("queue refused this message");
      return real(list, options);
    });
    expect(await arrivedFor(creatorId)).toEqual([]); // nothing is sent before the drain runs
    let runs = 0;
    while (runs < 30 && (await parkedFor(creatorId)).some((r) => r.state === "pending")) {
      await runScheduled();
      runs++;
    }
    const rows = await parkedFor(creatorId);
    expect(rows).toEqual([expect.objectContaining({ id: poison.id, state: "dead", last_error: expect.stringMatching(/refused this message/) })]);
    expect(rows[0]!.attempts).toBeGreaterThan(1);
    expect((await eventually(() => arrivedFor(creatorId), (r) => r.length === 2)).map((r) => r.id)).toEqual(fine.map((e) => e.id).sort());
  });
});
