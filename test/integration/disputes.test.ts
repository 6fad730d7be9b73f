import { describe, expect, it } from "vitest";
import { RECONCILE_CRON } from "../../workers/billing/reconcile";
import type { ScoringInput } from "../../workers/fraud/score-click";
import { api, postJson, problem } from "./helpers";
import { balances, billingSetup, campaignWithLink } from "./billing-setup";
import { clickEvent, deliver, launchedAgo, query, runScheduled } from "./pg-helpers";

/** Traffic disputes (ADR 016): re-scored with the current scorer, credited by reversal entries. */

const MIN = 60_000;
const HOUR = 60 * MIN;
const SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

const person = (i: number): ScoringInput => ({ ua: SAFARI, acceptLanguage: ["en-GB", "en-US,en;q=0.9", "fr-FR,fr;q=0.9"][i % 3]!, secChUa: null, secFetchMode: "navigate", accept: HTML, method: "GET", identity: { visitor: `human-${i}`, ipKey: `ip-h${i}`, subnet: `81.${i}.7` } });
/** A script in Chrome's clothing: no client hints, accepts anything. The live scorer of the day let it through. */
const script = (i: number): ScoringInput => ({ ua: CHROME, acceptLanguage: "en-US", secChUa: null, secFetchMode: null, accept: "*/*", method: "GET", identity: { visitor: `bot-${i}`, ipKey: `ip-b${i}`, subnet: `90.${i}.3` } });

describe("traffic disputes", () => {
  it("re-scores the window, credits back the charges now judged invalid, balances the ledger, and the creator sees it", async () => {
    const s = await billingSetup("dispute");
    const { campaignId, base } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 20, totalBudgetMinor: 100_000 });
    await launchedAgo(campaignId, 5 * HOUR);
    const t0 = Date.now() - 3 * HOUR;
    const humans = Array.from({ length: 12 }, (_, i) => clickEvent({ ...base, visitorHash: `h${i}`, at: t0 + i * 4 * MIN, props: { fraud: false, score: 0, reasons: [], unique: true, country: "GB", asn: 2856, referer: "https://l.instagram.com/", scoring: person(i) } }));
    const bots = Array.from({ length: 8 }, (_, i) => clickEvent({ ...base, visitorHash: `b${i}`, at: t0 + 2 * MIN + i * 5 * MIN, props: { fraud: false, score: 0, reasons: [], unique: true, country: "US", asn: 7922, referer: null, scoring: script(i) } }));
    await deliver([...humans, ...bots]);
    expect((await query<{ n: number }>("select count(*)::int as n from events where campaign_id = $1 and billing = 'charged'", [campaignId]))[0]!.n).toBe(20);

    const window = { creatorId: s.creatorId, from: new Date(t0 - MIN).toISOString(), to: new Date(t0 + HOUR + 30 * MIN).toISOString(), reason: "Traffic from scripts, not people" };
    const res = await postJson(`/api/v1/campaigns/${campaignId}/disputes`, window, { cookie: s.owner });
    expect(res.status).toBe(201);
    const dispute = (await res.json()) as { id: string; creditedMinor: number; outcome: { clicks: number; rescored: number; invalidBefore: number; invalidNow: number; chargesCredited: number; reasons: { reason: string }[] } };
    expect(dispute.outcome).toMatchObject({ clicks: 20, rescored: 20, invalidBefore: 0, invalidNow: 8, chargesCredited: 8 });
    expect(dispute.outcome.reasons.map((r) => r.reason)).toContain("header_mismatch");
    expect(dispute.creditedMinor).toBe(160);

    // Credited by new entries; the charges themselves are untouched.
    const entries = await query<{ kind: string; n: number; cost: string }>("select kind, count(*)::int as n, sum(cost_minor)::text as cost from ledger_entries where campaign_id = $1 group by kind order by kind", [campaignId]);
    expect(entries).toEqual([{ kind: "charge", n: 20, cost: "400" }, { kind: "dispute_credit", n: 8, cost: "-160" }]);
    const [unbalanced] = await query<{ n: number }>("select count(*)::int as n from (select entry_id from ledger_lines l join ledger_entries e on e.id = l.entry_id where e.campaign_id = $1 group by entry_id having sum(amount_minor) <> 0) x", [campaignId]);
    expect(unbalanced!.n).toBe(0);
    const b = Object.fromEntries((await balances(campaignId)).map((r) => [r.kind, Number(r.balance)]));
    expect(b.campaign_budget).toBe(-240);
    expect(b.creator_pending! + b.platform_fee!).toBe(240);
    const [spend] = await query<{ spent: string }>("select spent_minor::text as spent from campaign_spend where campaign_id = $1", [campaignId]);
    expect(Number(spend!.spent)).toBe(240);

    // A second dispute over the same window credits nothing twice; the books still reconcile.
    const again = (await (await postJson(`/api/v1/campaigns/${campaignId}/disputes`, window, { cookie: s.owner })).json()) as { creditedMinor: number; outcome: { chargesCredited: number } };
    expect(again).toMatchObject({ creditedMinor: 0, outcome: { chargesCredited: 0 } });
    await runScheduled(RECONCILE_CRON);
    expect(await query("select kind from campaign_alerts where campaign_id = $1 and kind = 'reconciliation_drift'", [campaignId])).toEqual([]);

    // The brand lists its disputes; the creator sees the outcome with their earnings.
    const listed = (await (await api(`/api/v1/campaigns/${campaignId}/disputes`, { headers: { cookie: s.owner } })).json()) as { disputes: { id: string; creatorHandle: string | null }[] };
    expect(listed.disputes.map((d) => d.id)).toContain(dispute.id);
    expect(listed.disputes[0]!.creatorHandle).toMatch(/^dispute_/);
    const earnings = (await (await api("/api/v1/earnings", { headers: { cookie: s.creatorCookie } })).json()) as { disputes: { id: string; creditedMinor: number; reason: string }[] };
    expect(earnings.disputes.find((d) => d.id === dispute.id)).toMatchObject({ creditedMinor: 160, reason: "Traffic from scripts, not people" });
  });

  it("refuses bad windows and strangers with a problem naming the field", async () => {
    const s = await billingSetup("disputebad");
    const { campaignId } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 20, totalBudgetMinor: 10_000 });
    const now = Date.now();
    const backwards = await postJson(`/api/v1/campaigns/${campaignId}/disputes`, { creatorId: s.creatorId, from: new Date(now - HOUR).toISOString(), to: new Date(now - 2 * HOUR).toISOString(), reason: "bad" }, { cookie: s.owner });
    expect(backwards.status).toBe(422);
    expect((await problem(backwards)).errors?.map((e) => e.path)).toEqual(["body.to"]);
    const noTraffic = await postJson(`/api/v1/campaigns/${campaignId}/disputes`, { creatorId: "crt_nobody", from: new Date(now - 2 * HOUR).toISOString(), to: new Date(now).toISOString(), reason: "who?" }, { cookie: s.owner });
    expect((await problem(noTraffic)).errors?.map((e) => e.path)).toEqual(["body.creatorId"]);
    const missing = await postJson(`/api/v1/campaigns/${campaignId}/disputes`, { creatorId: s.creatorId, from: "yesterday", reason: "x" }, { cookie: s.owner });
    expect(missing.status).toBe(422);
    const other = await billingSetup("disputeother");
    const stranger = await postJson(`/api/v1/campaigns/${campaignId}/disputes`, { creatorId: s.creatorId, from: new Date(now - HOUR).toISOString(), to: new Date(now).toISOString(), reason: "not mine" }, { cookie: other.owner });
    expect(stranger.status).toBe(404);
    expect(await query("select id from traffic_disputes where campaign_id = $1", [campaignId])).toEqual([]);
  });
});
