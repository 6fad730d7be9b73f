import { beforeAll, describe, expect, it, vi } from "vitest";
import { RECONCILE_CRON } from "../../workers/billing/reconcile";
import { dayIn } from "../../workers/billing/spend-day";
import { signIn } from "../factories";
import { api, postJson, problem, uniqueEmail } from "./helpers";
import { billingSetup as setup, campaignWithLink as anyCampaignWithLink, type BillingSetup as Setup } from "./billing-setup";
import { clickEvent, deliver, eventually, launchedAgo, query, runScheduled } from "./pg-helpers";

/** The billing rules of ADR 015, each tried as someone gaming it would. */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A CPC campaign at 10 a click unless the body says otherwise. */
const campaignWithLink = (s: Setup, body: Record<string, unknown>) => anyCampaignWithLink(s, { name: "Rules", pricingModel: "cpc", rateMinor: 10, totalBudgetMinor: 100_000, ...body });

const billingOf = (campaignId: string) =>
  query<{ billing: string; n: number }>("select billing, count(*)::int as n from events where campaign_id = $1 group by billing order by billing", [campaignId]);
const spent = async (campaignId: string) => Number((await query<{ s: string }>("select coalesce(sum(cost_minor), 0)::text as s from ledger_entries where campaign_id = $1", [campaignId]))[0]!.s);

describe("billing rules", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup("rules");
  });

  it("one visitor's repeat clicks inside the window are duplicates: stored, shown, never billed, whatever the arrival order or redelivery", async () => {
    const { campaignId, base } = await campaignWithLink(s, {});
    await launchedAgo(campaignId, 3 * HOUR);
    const t0 = Date.now() - 2 * HOUR;
    // Visitor A taps ten times within seconds, then again 90 minutes later (a new window); B once.
    const a = Array.from({ length: 10 }, (_, i) => clickEvent({ ...base, visitorHash: "visitor-a", at: t0 + i * 2_000 }));
    const aLater = clickEvent({ ...base, visitorHash: "visitor-a", at: t0 + 90 * MIN });
    const b = clickEvent({ ...base, visitorHash: "visitor-b", at: t0 + 5_000 });
    // Out of order: the later repeats arrive before the first tap, and the whole batch comes three times.
    const batch = [a[9]!, a[4]!, aLater, b, ...a.slice(0, 4), ...a.slice(5, 9)];
    for (let i = 0; i < 3; i++) await deliver(batch, batch.map((e) => `m-${e.id}`));

    expect(await billingOf(campaignId)).toEqual([{ billing: "charged", n: 3 }, { billing: "duplicate", n: 9 }]);
    expect(await spent(campaignId)).toBe(30);
    const [dup] = await query<{ n: number }>("select count(*)::int as n from events where campaign_id = $1 and duplicate and not fraud and billed_minor is null", [campaignId]);
    expect(dup!.n).toBe(9);
    // No two counted clicks of one visitor are closer than the window.
    const counted = await query<{ at: Date }>("select at from events where campaign_id = $1 and visitor_hash = 'visitor-a' and billing = 'charged' order by at", [campaignId]);
    expect(counted).toHaveLength(2);
    expect(new Date(counted[1]!.at).getTime() - new Date(counted[0]!.at).getTime()).toBeGreaterThanOrEqual(HOUR);

    const stats = (await (await api(`/api/v1/campaigns/${campaignId}/stats`, { headers: { cookie: s.owner } })).json()) as Record<string, number> & { byCreator: { duplicateClicks: number; validClicks: number }[] };
    expect({ clicks: stats.clicks, validClicks: stats.validClicks, duplicateClicks: stats.duplicateClicks, invalidClicks: stats.invalidClicks }).toEqual({ clicks: 12, validClicks: 3, duplicateClicks: 9, invalidClicks: 0 });
    expect(stats.byCreator[0]).toMatchObject({ validClicks: 3, duplicateClicks: 9 });
  });

  it("the window is the campaign's setting, within its bounds", async () => {
    const { campaignId, base } = await campaignWithLink(s, { clickDedupSeconds: 600 });
    await launchedAgo(campaignId, HOUR);
    const t0 = Date.now() - 30 * MIN;
    await deliver([0, 5, 11, 12].map((m) => clickEvent({ ...base, visitorHash: "visitor-c", at: t0 + m * MIN })));
    expect(await billingOf(campaignId)).toEqual([{ billing: "charged", n: 2 }, { billing: "duplicate", n: 2 }]);

    const tooShort = await postJson("/api/v1/campaigns", { name: "Short window", currency: "GBP", pricingModel: "cpc", rateMinor: 10, totalBudgetMinor: 1_000, fallbackUrl: `https://${s.domain}/`, clickDedupSeconds: 5 }, { cookie: s.owner });
    expect(tooShort.status).toBe(422);
    expect((await problem(tooShort)).errors?.map((e) => e.path)).toEqual(["body.clickDedupSeconds"]);
    const tooLong = await postJson(`/api/v1/campaigns/${campaignId}`, { clickDedupSeconds: 2 * 86_400 }, { cookie: s.owner }, "PATCH");
    expect(tooLong.status).toBe(422);
    expect((await problem(tooLong)).errors?.map((e) => e.path)).toEqual(["body.clickDedupSeconds"]);
    const ok = await postJson(`/api/v1/campaigns/${campaignId}`, { clickDedupSeconds: 7_200 }, { cookie: s.owner }, "PATCH");
    expect(((await ok.json()) as { clickDedupSeconds: number }).clickDedupSeconds).toBe(7_200);
  });

  it("a daily budget counts the campaign's own day: a late event for another day never reopens today", async () => {
    const zone = "America/New_York";
    const { campaignId, base } = await campaignWithLink(s, { dailyBudgetMinor: 50, timeZone: zone });
    await launchedAgo(campaignId, 3 * DAY);
    const now = Date.now();
    await deliver(Array.from({ length: 6 }, () => clickEvent({ ...base, at: now - 1_000 })));
    expect(await billingOf(campaignId)).toEqual([{ billing: "charged", n: 5 }, { billing: "daily_budget_exhausted", n: 1 }]);

    // A late flush from yesterday (its own day, with its own budget), then today again: still full.
    const yesterday = now - 30 * HOUR;
    await deliver([clickEvent({ ...base, at: yesterday })]);
    await deliver([clickEvent({ ...base, at: now - 500 })]);
    expect(await billingOf(campaignId)).toEqual([{ billing: "charged", n: 6 }, { billing: "daily_budget_exhausted", n: 2 }]);

    // 02:00 UTC is the evening before in New York: it counts against New York's day, not UTC's.
    const utcMidnight = Date.parse(`${new Date(now - DAY).toISOString().slice(0, 10)}T00:00:00Z`);
    await deliver([clickEvent({ ...base, at: utcMidnight + 2 * HOUR })]);
    const days = await query<{ day: string; spent_minor: string }>("select to_char(day, 'YYYY-MM-DD') as day, spent_minor::text from campaign_spend_days where campaign_id = $1 order by day", [campaignId]);
    const expected = new Map<string, number>();
    for (const [at, cost] of [[now, 50], [yesterday, 10], [utcMidnight + 2 * HOUR, 10]] as const) expected.set(dayIn(zone, at), (expected.get(dayIn(zone, at)) ?? 0) + cost);
    expect(Object.fromEntries(days.map((d) => [d.day, Number(d.spent_minor)]))).toEqual(Object.fromEntries(expected));
    expect(dayIn(zone, utcMidnight + 2 * HOUR)).not.toBe(new Date(utcMidnight).toISOString().slice(0, 10));

    const stats = (await (await api(`/api/v1/campaigns/${campaignId}/stats`, { headers: { cookie: s.owner } })).json()) as { budget: { spentTodayMinor: number; spentMinor: number } };
    expect(stats.budget).toMatchObject({ spentTodayMinor: expected.get(dayIn(zone, Date.now())) ?? 0, spentMinor: 70 });
  });

  it("only traffic inside a live period is paid: before launch, while paused and after the end nothing is, however late it arrives", async () => {
    const { campaignId, base } = await campaignWithLink(s, {});
    const status = (action: string) => postJson(`/api/v1/campaigns/${campaignId}/status`, { action }, { cookie: s.owner });
    const tick = () => new Promise((r) => setTimeout(r, 20));
    const [launched] = await query<{ at: Date }>("select at from campaign_status_history where campaign_id = $1 and status = 'active'", [campaignId]);
    const beforeLaunch = clickEvent({ ...base, at: new Date(launched!.at).getTime() - MIN });
    await tick();
    const whileLive = clickEvent({ ...base, at: Date.now() });
    await tick();
    expect((await status("pause")).status).toBe(200);
    await tick();
    // A stale edge cache still sent this visitor through after the pause.
    const whilePaused = clickEvent({ ...base, at: Date.now() });
    await tick();
    expect((await status("resume")).status).toBe(200);
    await tick();
    const afterResume = clickEvent({ ...base, at: Date.now() });
    await tick();
    expect((await status("end")).status).toBe(200);
    await tick();
    const afterEnd = clickEvent({ ...base, at: Date.now() });
    // Everything arrives after the end, in a jumble, twice.
    const batch = [afterEnd, whilePaused, whileLive, beforeLaunch, afterResume];
    await deliver(batch, batch.map((e) => e.id));
    await deliver(batch, batch.map((e) => e.id));
    const notes = await query<{ id: string; billing: string }>("select id, billing from events where campaign_id = $1", [campaignId]);
    const note = Object.fromEntries(notes.map((n) => [n.id, n.billing]));
    expect([beforeLaunch, whileLive, whilePaused, afterResume, afterEnd].map((e) => note[e.id])).toEqual(["campaign_not_live", "charged", "campaign_not_live", "charged", "campaign_not_live"]);
    const history = await query<{ status: string }>("select status from campaign_status_history where campaign_id = $1 order by at, id", [campaignId]);
    expect(history.map((h) => h.status)).toEqual(["draft", "active", "paused", "active", "ended"]);
  });

  it("a conversion in the future, or earlier than its click, is refused naming body.at", async () => {
    const { base } = await campaignWithLink(s, { pricingModel: "cpp", cppMode: "percent", rateBps: 1_000 });
    const click = clickEvent({ ...base, at: Date.now() - 10 * MIN });
    await deliver([click]);
    const auth = { authorization: `Bearer ${s.key}` };
    const sale = (at: string) => ({ type: "sale", clickId: click.clickId, orderId: `o-${Math.random()}`, amountMinor: 5_000, currency: "GBP", at });
    for (const at of [new Date(Date.now() + HOUR).toISOString(), new Date(click.at - MIN).toISOString()]) {
      const res = await postJson("/api/v1/conversions", sale(at), { ...auth, "idempotency-key": `at-${Math.random()}` });
      expect(res.status).toBe(422);
      const p = await problem(res);
      expect(p.errors?.map((e) => e.path)).toEqual(["body.at"]);
    }
    // A store clock a minute fast is within the allowed skew.
    const fast = await postJson("/api/v1/conversions", sale(new Date(Date.now() + MIN).toISOString()), { ...auth, "idempotency-key": `fast-${Math.random()}` });
    expect(fast.status).toBe(202);
  });
});

describe("views", () => {
  const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile/15E148 Safari/604.1";
  let s: Setup;
  beforeAll(async () => {
    s = await setup("views");
  });

  const viewsOf = async (campaignId: string) =>
    query<{ billing: string; fraud: boolean; n: number }>("select billing, fraud, count(*)::int as n from events where campaign_id = $1 and type = 'view' group by billing, fraud order by billing", [campaignId]);
  /** Waits until `n` views of the campaign are stored (the queue delivers them), then a little longer for strays. */
  const settle = async (campaignId: string, n: number) => {
    await eventually(async () => (await query<{ n: number }>("select count(*)::int as n from events where campaign_id = $1 and type = 'view'", [campaignId]))[0]!.n, (got) => got >= n);
    await new Promise((r) => setTimeout(r, 1_500));
  };
  const tokensFor = async (code: string, items: string[], cookie = s.owner, ttlSeconds?: number) => {
    const res = await postJson(`/api/v1/links/${code}/view-tokens`, { items, ...(ttlSeconds ? { ttlSeconds } : {}) }, { cookie });
    expect(res.status).toBe(201);
    return ((await res.json()) as { tokens: { item: string; token: string; pixelUrl: string }[] }).tokens;
  };
  const px = (url: string, ip: string, headers: Record<string, string> = {}) =>
    api(url.replace(/^https?:\/\/[^/]+/, ""), { headers: { "user-agent": IPHONE, "cf-connecting-ip": ip, "accept-language": "en-GB", referer: `https://${s.domain}/blog`, ...headers } });

  it("a view counts only for an item token the server signed for this link, unexpired: made-up, tampered, foreign and expired items bill nothing", async () => {
    const { campaignId, code } = await campaignWithLink(s, { pricingModel: "cpv", rateMinor: 5 });
    const other = await campaignWithLink(s, { pricingModel: "cpv", rateMinor: 5, name: "Other" });
    const [good] = await tokensFor(code, ["reel-1"]);
    const [foreign] = await tokensFor(other.code, ["reel-1"]);
    const [exp, item, sig] = [good!.token.split(".")[0]!, "reel-1", good!.token.split(".").at(-1)!];
    const forged = [
      `${exp}.reel-2.${sig}`, // another item under the same signature
      `${(parseInt(exp, 36) + 86_400).toString(36)}.${item}.${sig}`, // a later expiry
      `${exp}.${item}.${"0".repeat(32)}`, // a made-up signature
      foreign!.token, // signed, but for another link
      "reel-1", // the old pixel's bare item
    ];
    for (const [i, t] of forged.entries()) {
      const res = await px(`/api/v1/px?l=${code}&t=${encodeURIComponent(t)}`, `81.2.70.${i + 1}`);
      expect(res.status).toBe(200); // the page still gets its image
      expect(res.headers.get("content-type")).toBe("image/gif");
    }
    await settle(campaignId, 0);
    expect(await viewsOf(campaignId)).toEqual([]);

    // An expired token (signed a minute ago for one minute) is refused too; the genuine one counts.
    const expired = await (await import("../../workers/links/view-token")).issueViewToken("test-secret-for-workerd-tests", code, "reel-1", Date.now() - 1_000);
    await px(`/api/v1/px?l=${code}&t=${encodeURIComponent(expired)}`, "81.2.70.9");
    await px(good!.pixelUrl, "81.2.70.10");
    await settle(campaignId, 1);
    expect(await viewsOf(campaignId)).toEqual([{ billing: "charged", fraud: false, n: 1 }]);

    // Tokens come only from the link's brand or creator, for well-formed items.
    const stranger = (await signIn(api, uniqueEmail("views-stranger"))).cookie;
    expect((await postJson(`/api/v1/links/${code}/view-tokens`, { items: ["x"] }, { cookie: stranger })).status).toBe(404);
    const bad = await postJson(`/api/v1/links/${code}/view-tokens`, { items: ["has space"] }, { cookie: s.owner });
    expect(bad.status).toBe(422);
    expect((await problem(bad)).errors?.map((e) => e.path)).toEqual(["body.items.0"]);
  });

  it("one browser viewing fifty genuine items is capped per day; the rest are stored, not billed", async () => {
    const { campaignId, code } = await campaignWithLink(s, { pricingModel: "cpv", rateMinor: 5 });
    const tokens = await tokensFor(code, Array.from({ length: 50 }, (_, i) => `item-${i}`));
    for (const t of tokens) await px(t.pixelUrl, "81.2.71.1");
    await settle(campaignId, 50);
    expect(await viewsOf(campaignId)).toEqual([
      { billing: "charged", fraud: false, n: 5 },
      { billing: "view_cap_reached", fraud: false, n: 45 },
    ]);
    expect(await spent(campaignId)).toBe(25);
  });

  it("views go through the scorer: one uniform fingerprint from many addresses is invalid, not billed", async () => {
    const { campaignId, code } = await campaignWithLink(s, { pricingModel: "cpv", rateMinor: 5 });
    const [t] = await tokensFor(code, ["reel"]);
    // Twenty addresses in twenty different networks, one header set, within seconds: rotation.
    for (let i = 0; i < 20; i++) await px(t!.pixelUrl, `${20 + i}.${i * 7}.3.${i + 1}`, { "accept-language": "", referer: "" });
    await settle(campaignId, 20);
    const rows = await viewsOf(campaignId);
    const invalid = rows.filter((r) => r.fraud).reduce((n, r) => n + r.n, 0);
    const charged = rows.find((r) => r.billing === "charged")?.n ?? 0;
    expect(invalid).toBeGreaterThanOrEqual(12);
    expect(charged + invalid).toBe(20);
    const flagged = await query<{ reasons: string[] }>("select reasons from events where campaign_id = $1 and type = 'view' and fraud", [campaignId]);
    expect(flagged.flatMap((r) => r.reasons)).toContain("shared_fingerprint");
  });
});

describe("reconciliation", () => {
  it("the hourly check finds rollups, events and ledger in agreement, and raises one alert when they drift", async () => {
    const s = await setup("recon");
    const { campaignId, base } = await campaignWithLink(s, {});
    await launchedAgo(campaignId, HOUR);
    await deliver([clickEvent({ ...base, at: Date.now() - MIN }), clickEvent({ ...base, at: Date.now() - MIN })]);
    const errors = vi.spyOn(console, "error");
    await runScheduled(RECONCILE_CRON);
    const alertsOf = async () => ((await (await api(`/api/v1/campaigns/${campaignId}/stats`, { headers: { cookie: s.owner } })).json()) as { alerts: { kind: string; message: string }[] }).alerts;
    expect((await alertsOf()).filter((a) => a.kind === "reconciliation_drift")).toEqual([]);
    expect(errors.mock.calls.some(([l]) => String(l).includes(campaignId))).toBe(false);

    // Drift: a rollup counts a click no event backs, and a charge loses its budget line.
    await query("update link_minutes set valid_clicks = valid_clicks + 1 where campaign_id = $1", [campaignId]);
    await query("delete from ledger_lines where entry_id = (select id from ledger_entries where campaign_id = $1 limit 1) and amount_minor < 0", [campaignId]);
    await runScheduled(RECONCILE_CRON);
    await runScheduled(RECONCILE_CRON);
    const drift = (await alertsOf()).filter((a) => a.kind === "reconciliation_drift");
    expect(drift).toHaveLength(1);
    expect(drift[0]!.message).toContain("valid clicks: rollups 3, events 2");
    expect(drift[0]!.message).toContain("budget account: ledger entries 20, ledger lines 10");
    const logged = errors.mock.calls.filter(([l]) => String(l).includes("campaign records disagree") && String(l).includes(campaignId));
    expect(logged).toHaveLength(2);
    errors.mockRestore();
  });
});
