import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ClickInput } from "../../durable-objects/link-counter";
import { chunks } from "../../durable-objects/scoring-store";
import { newId } from "../../workers/lib/ids";
import { counterName } from "../../workers/links/count-click";

/** Scoring windows survive an eviction (durable-objects/scoring-store.ts): detection goes on where it stopped. */

const SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const MIN = 60_000;

const input = (linkId: string, ts: number, over: Partial<ClickInput> = {}): ClickInput => ({
  clickId: newId("click"),
  linkId,
  brandId: "brd_persist",
  campaignId: "cmp_persist",
  creatorId: "crt_persist",
  utm: {},
  ts,
  ip: "81.2.69.160",
  ua: SAFARI,
  asn: 2856,
  country: "GB",
  referer: "https://l.instagram.com/",
  method: "GET",
  acceptLanguage: "en-GB,en;q=0.9",
  secChUa: null,
  secFetchMode: "navigate",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  ...over,
});

describe("scoring state across evictions", () => {
  it("a slow repeat clicker evicted mid-attack is still caught on the next visit, from the journal alone", async () => {
    const linkId = `lnk_slow_${Date.now()}`;
    const id = env.LINK_COUNTER.idFromName(counterName(linkId));
    const t0 = Date.now() - 20 * MIN;
    const first = env.LINK_COUNTER.get(id);
    for (let i = 0; i < 3; i++) expect((await first.record(input(linkId, t0 + i * 70_000))).fraud).toBe(false);
    // Evicted before any alarm ran: nothing was snapshotted, the journal has every click.
    await abortAllDurableObjects();
    const woken = env.LINK_COUNTER.get(id);
    const fourth = await woken.record(input(linkId, t0 + 3 * 70_000));
    expect(fourth).toMatchObject({ fraud: true });
    expect(fourth.reasons).toContain("repeat_clicker");
    // A fresh object, as scoring used to restart, would have let it through.
    const cold = env.LINK_COUNTER.get(env.LINK_COUNTER.idFromName(counterName(`${linkId}_cold`)));
    expect((await cold.record(input(`${linkId}_cold`, t0 + 3 * 70_000))).fraud).toBe(false);
  });

  it("a farm's fingerprint surge goes on being caught after a snapshot and an eviction", async () => {
    const linkId = `lnk_farm_${Date.now()}`;
    const id = env.LINK_COUNTER.idFromName(counterName(linkId));
    const stub = env.LINK_COUNTER.get(id);
    const t0 = Date.now() - 3 * 3_600_000;
    // Two hours of ordinary, varied people: the link's baseline (about one a minute).
    const langs = ["en-GB,en;q=0.9", "en-US,en;q=0.9", "fr-FR,fr;q=0.9", "de-DE,de;q=0.9", "es-ES,es;q=0.9"];
    const refs = ["https://l.instagram.com/", "https://www.tiktok.com/", "", "https://t.co/"];
    for (let m = 0; m < 120; m++) {
      await stub.record(input(linkId, t0 + m * MIN + 7_000, { ip: `81.${m % 200}.${(m * 7) % 250}.${1 + (m % 250)}`, acceptLanguage: langs[m % 5]!, referer: refs[m % 4]!, ua: SAFARI.replace("18_1", `18_${m % 6}`) }));
    }
    // A farm: one exact fingerprint from unrelated addresses, ten a minute.
    const farm = (k: number) => input(linkId, t0 + 120 * MIN + k * 6_000, { ip: `${20 + (k % 180)}.${(k * 37) % 250}.${(k * 11) % 250}.${1 + (k % 250)}`, acceptLanguage: "en-US", referer: null, country: "US", asn: 7922 });
    const early = [];
    for (let k = 0; k < 30; k++) early.push(await stub.record(farm(k)));
    expect(early.slice(-10).every((v) => v.fraud)).toBe(true);
    // The flush alarm snapshots the windows and trims the journal; then the object is evicted.
    await runDurableObjectAlarm(stub);
    await abortAllDurableObjects();
    const woken = env.LINK_COUNTER.get(id);
    const later = [];
    for (let k = 30; k < 40; k++) later.push(await woken.record(farm(k)));
    expect(later.every((v) => v.fraud)).toBe(true);
    expect(later.some((v) => v.reasons.includes("fingerprint_surge") || v.reasons.includes("shared_fingerprint"))).toBe(true);
  });

  it("snapshot pieces never split a character that needs two UTF-16 units", () => {
    const text = `${"a".repeat(512 * 1024 - 1)}😀${"b".repeat(10)}`;
    const parts = chunks(text);
    expect(parts.join("")).toBe(text);
    for (const p of parts) expect(p.charCodeAt(p.length - 1) >= 0xd800 && p.charCodeAt(p.length - 1) <= 0xdbff).toBe(false);
    expect(parts.length).toBe(2);
  });
});
