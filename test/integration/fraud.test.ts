import { describe, expect, it } from "vitest";
import { newLinkState, scoreClick, scorer, windowCounts, type Click } from "../../workers/fraud/score-click";
import { generateTraffic } from "../../scripts/fraud/traffic";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const T0 = Date.UTC(2026, 10, 20, 12);
let n = 0;
const click = (over: Partial<Click> = {}): Click => ({
  id: `c${n++}`,
  ts: T0,
  link: "L",
  ip: "81.2.69.160",
  ua: IPHONE,
  asn: 7922,
  country: "US",
  referer: "https://l.instagram.com/",
  method: "GET",
  acceptLanguage: "en-US",
  ...over,
});

describe("scoreClick", () => {
  it("passes an ordinary person and marks their first click of the hour unique", () => {
    const s = newLinkState();
    expect(scoreClick(s, click())).toMatchObject({ fraud: false, score: 0, reasons: [], unique: true });
    const again = scoreClick(s, click({ ts: T0 + 20 * 60_000 }));
    expect(again).toMatchObject({ fraud: false, unique: false });
    expect(scoreClick(s, click({ ts: T0 + 61 * 60_000 + 20 * 60_000 })).unique).toBe(true);
  });

  it("flags HEAD requests, link previews, headless clients, bots and datacenter networks", () => {
    const s = newLinkState();
    expect(scoreClick(s, click({ method: "HEAD" })).reasons).toContain("head_request");
    expect(scoreClick(s, click({ ua: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" })).reasons).toEqual(["link_preview"]);
    expect(scoreClick(s, click({ ua: "WhatsApp/2.23.20.0" })).fraud).toBe(true);
    expect(scoreClick(s, click({ ua: "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/130.0.0.0 Safari/537.36" })).reasons).toEqual(["headless_client"]);
    expect(scoreClick(s, click({ ua: "Googlebot/2.1 (+http://www.google.com/bot.html)" })).reasons).toEqual(["bot_user_agent"]);
    expect(scoreClick(s, click({ ua: "" })).reasons).toEqual(["empty_user_agent"]);
    const dc = scoreClick(s, click({ ip: "3.8.1.1", asn: 16509 }));
    expect(dc).toMatchObject({ fraud: true, reasons: ["datacenter_asn"] });
  });

  it("flags a visitor bursting, but not a double tap", () => {
    const s = newLinkState();
    expect(scoreClick(s, click({ ts: T0 })).fraud).toBe(false);
    expect(scoreClick(s, click({ ts: T0 + 400 })).fraud).toBe(false);
    expect(scoreClick(s, click({ ts: T0 + 2_000 })).fraud).toBe(false);
    const fourth = scoreClick(s, click({ ts: T0 + 3_000 }));
    expect(fourth).toMatchObject({ fraud: true, reasons: ["visitor_burst"] });
  });

  it("flags many addresses sharing one exact fingerprint within a minute", () => {
    const s = newLinkState();
    const verdicts = Array.from({ length: 20 }, (_, i) =>
      scoreClick(s, click({ ts: T0 + i * 2_000, ip: `${70 + i}.${i * 7}.1.${i + 1}`, referer: "", acceptLanguage: "en-US,en;q=0.9" })),
    );
    expect(verdicts.slice(0, 7).every((v) => !v.fraud)).toBe(true);
    expect(verdicts.slice(7).every((v) => v.fraud && v.reasons.includes("shared_fingerprint"))).toBe(true);
  });

  it("flags many addresses from one small network (a click farm), not many people behind one carrier address", () => {
    const farm = newLinkState();
    const farmVerdicts = Array.from({ length: 12 }, (_, i) => scoreClick(farm, click({ ts: T0 + i * 30_000, ip: `203.0.113.${10 + i}`, ua: i % 2 ? IPHONE : "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/130 Mobile Safari/537.36" })));
    expect(farmVerdicts.at(-1)!.reasons).toContain("subnet_farm");
    const nat = newLinkState();
    const uas = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map((x) => `Mozilla/5.0 (Linux; Android 14; ${x}) Chrome/130 Mobile Safari/537.36`);
    const natVerdicts = uas.map((ua, i) => scoreClick(nat, click({ ts: T0 + i * 30_000, ip: "100.64.10.1", ua })));
    expect(natVerdicts.every((v) => !v.fraud && v.unique)).toBe(true);
  });

  it("keeps per-second and per-minute windows and unique visitors per hour", () => {
    const s = newLinkState();
    for (let i = 0; i < 5; i++) scoreClick(s, click({ ts: T0 + i * 200, ip: `81.2.69.${i}` }));
    scoreClick(s, click({ ts: T0 + 30_000, ip: "81.2.69.0" }));
    expect(windowCounts(s, T0 + 30_100)).toMatchObject({ lastSecond: 1, lastMinute: 6, uniqueVisitorsLastHour: 5 });
    expect(windowCounts(s, T0 + 2 * 3_600_000).lastMinute).toBe(0);
  });

  it("never keeps a raw IP address in its state", () => {
    const s = newLinkState();
    scoreClick(s, click({ ip: "198.51.100.77" }));
    const dump = JSON.stringify({ v: [...s.visitors.keys()], f: [...s.fingerprints.values()].map((m) => [...m.keys()]), n: [...s.subnets.values()].map((m) => [...m.keys()]) });
    expect(dump).not.toContain("198.51.100.77");
  });

  it("meets the targets on the labelled generator (two days, another seed), as the eval does", () => {
    const score = scorer();
    let tp = 0, fn = 0, fp = 0, tn = 0, viral = 0;
    for (const c of generateTraffic({ days: 2, seed: 7 })) {
      const v = score(c);
      if (c.bot) v.fraud ? tp++ : fn++;
      else v.fraud ? fp++ : tn++;
      if (c.pattern === "human_viral_spike" && v.fraud) viral++;
    }
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.95);
    expect(fp / (fp + tn)).toBeLessThanOrEqual(0.01);
    expect(viral).toBe(0);
  });
});
