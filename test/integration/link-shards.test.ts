import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ClickInput, LinkCounter } from "../../durable-objects/link-counter";
import { HOT_CLICKS_PER_SECOND, HOT_SHARDS } from "../../durable-objects/link-shards";
import { newId } from "../../workers/lib/ids";
import { counterName, shardOf } from "../../workers/links/count-click";

/** Hot links spread over shards by visitor; link-wide counts merge the shards' summaries (ADR 016). */

const SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const SHARDS = 4;

const farmClick = (linkId: string, ip: string, ts: number): ClickInput => ({
  clickId: newId("click"),
  linkId,
  brandId: "brd_shards",
  campaignId: "cmp_shards",
  creatorId: "crt_shards",
  utm: {},
  ts,
  ip,
  ua: SAFARI,
  asn: 7922,
  country: "US",
  referer: null,
  method: "GET",
  acceptLanguage: "en-US",
  secChUa: null,
  secFetchMode: "navigate",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
});

/** `perShard` unrelated addresses for each shard (no two in one /24). */
function addresses(perShard: number) {
  const byShard: string[][] = Array.from({ length: SHARDS }, () => []);
  for (let i = 0; byShard.some((a) => a.length < perShard); i++) {
    const ip = `${11 + (i % 200)}.${(i * 53) % 256}.${(i * 29) % 256}.${1 + (i % 250)}`;
    const list = byShard[shardOf(ip, SAFARI, SHARDS)]!;
    if (list.length < perShard) list.push(ip);
  }
  return byShard;
}

const stubOf = (linkId: string, shard: number) => env.LINK_COUNTER.get(env.LINK_COUNTER.idFromName(counterName(linkId, shard)));
const surge = (reasons: string[]) => reasons.includes("fingerprint_surge") || reasons.includes("shared_fingerprint");

async function farm(linkId: string, merge: boolean) {
  expect(await stubOf(linkId, 0).configureShards(SHARDS)).toBe(SHARDS);
  const ips = addresses(5);
  const t0 = Date.now() - 40_000;
  // Four farm visitors per shard: no shard alone sees enough to call it (six visitors of one fingerprint).
  for (let k = 0; k < 4; k++) {
    for (let s = 0; s < SHARDS; s++) {
      const v = await stubOf(linkId, s).record({ ...farmClick(linkId, ips[s]![k]!, t0 + (k * SHARDS + s) * 1_500), shards: SHARDS });
      expect(v.shards).toBe(SHARDS);
      expect(surge(v.reasons)).toBe(false);
    }
  }
  if (merge) for (const s of [1, 2, 3, 0]) expect(await runDurableObjectAlarm(stubOf(linkId, s))).toBe(true);
  // A fifth visitor on the primary: five of its own, eleven or more elsewhere.
  return stubOf(linkId, 0).record(farmClick(linkId, ips[0]![4]!, t0 + 30_000));
}

describe("hot-link shards", () => {
  it("a farm spread over four shards is caught once the shards' summaries merge, and not without", async () => {
    const merged = await farm(`lnk_shard_${Date.now()}`, true);
    expect(surge(merged.reasons)).toBe(true);
    const alone = await farm(`lnk_shard_alone_${Date.now()}`, false);
    expect(surge(alone.reasons)).toBe(false);
  });

  it("the primary's windows count the whole link", async () => {
    const linkId = `lnk_shard_win_${Date.now()}`;
    await farm(linkId, true);
    const w = await stubOf(linkId, 0).windows();
    expect(w.lastMinute).toBe(17);
    expect(w.uniqueVisitorsLastHour).toBe(17);
  });

  it("a link's primary spreads it once its own rate runs hot, and remembers across an eviction", async () => {
    const linkId = `lnk_hot_${Date.now()}`;
    const primary = stubOf(linkId, 0);
    const t0 = Date.now() - 5_000;
    // Ten seconds of clicks at just under the hot rate leave it whole; the rate itself is measured from the click window.
    const rate = (n: number) => runInDurableObject(primary, (o: LinkCounter) => (o as unknown as { shards: { checkHot(n: number): void; count: number } }).shards.checkHot(n));
    await primary.record(farmClick(linkId, "81.2.69.1", t0));
    await rate(HOT_CLICKS_PER_SECOND * 10 - 1);
    expect((await primary.record(farmClick(linkId, "81.2.69.2", t0 + 10))).shards).toBe(1);
    await rate(HOT_CLICKS_PER_SECOND * 10);
    expect((await primary.record(farmClick(linkId, "81.2.69.3", t0 + 20))).shards).toBe(HOT_SHARDS);
    await abortAllDurableObjects();
    expect((await stubOf(linkId, 0).record(farmClick(linkId, "81.2.69.4", t0 + 30))).shards).toBe(HOT_SHARDS);
  });
});
