import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, newLinkState, scoreClick as scoreWithModel, scorer, windowCounts, type Click, type LinkState } from "../../workers/fraud/score-click";
import { generateTraffic } from "../../scripts/fraud/taxonomy";
import { encode } from "../../durable-objects/scoring-store";
import { fingerprintShare } from "../../workers/fraud/baseline";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const T0 = Date.UTC(2026, 10, 20, 12);
let n = 0;
/** The rules alone (the learned model is measured by the eval and the last test). */
const scoreClick = (s: LinkState, c: Click) => scoreWithModel(s, c, { ...DEFAULT_OPTIONS, model: null });
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
    const dc = scoreClick(s, click({ ip: "95.216.1.1", asn: 24940 }));
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
    expect(encode(s)).not.toContain("198.51.100.77");
  });

  it("flags headers that contradict the user agent and requests that are not a tap's navigation", () => {
    const s = newLinkState();
    const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
    const HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    const real = { ua: CHROME, secChUa: '"Chromium";v="142", "Google Chrome";v="142", "Not_A Brand";v="99"', secFetchMode: "navigate", accept: HTML };
    expect(scoreClick(s, click({ ...real, ip: "81.2.69.1" })).reasons).toEqual([]);
    expect(scoreClick(s, click({ ...real, ip: "81.2.70.1", secChUa: null })).reasons).toEqual(["header_mismatch"]);
    expect(scoreClick(s, click({ ...real, ip: "81.2.71.1", secChUa: '"Chromium";v="120", "Google Chrome";v="120"' })).reasons).toEqual(["header_mismatch"]);
    expect(scoreClick(s, click({ ...real, ip: "81.2.72.1", accept: "*/*" })).reasons).toEqual(["header_mismatch"]);
    expect(scoreClick(s, click({ ...real, ip: "81.2.73.1", secFetchMode: "no-cors", accept: "image/avif,image/webp,*/*" })).reasons).toEqual(["header_mismatch", "not_navigation"]);
    // Safari sends no client hints; an in-app browser naming its app is not a preview bot.
    expect(scoreClick(s, click({ ip: "81.2.74.1", secChUa: null, secFetchMode: "navigate", accept: HTML })).reasons).toEqual([]);
    expect(scoreClick(s, click({ ip: "81.2.75.1", ua: `${IPHONE} Snapchat/13.62.0.40 (like Safari/8621.1.15.10.7, panda)` })).reasons).toEqual([]);
  });

  it("flags a slow repeat clicker on the fourth separate visit inside 15 minutes, not a double tap", () => {
    const s = newLinkState();
    const verdicts = [0, 400, 70_000, 140_000, 210_000].map((dt) => scoreClick(s, click({ ts: T0 + dt, ip: "81.2.80.1" })));
    expect(verdicts.map((v) => v.reasons.includes("repeat_clicker"))).toEqual([false, false, false, false, true]);
  });

  it("tells a public cloud's real browsers (enterprise egress) from hosting networks", () => {
    const s = newLinkState();
    expect(scoreClick(s, click({ ip: "3.8.1.1", asn: 16509 })).reasons).toEqual(["cloud_network"]);
    expect(scoreClick(s, click({ ip: "3.8.1.2", asn: 16509 })).fraud).toBe(false);
    expect(scoreClick(s, click({ ip: "3.8.1.3", asn: 16509, acceptLanguage: null })).reasons).toEqual(["datacenter_asn"]);
    expect(scoreClick(s, click({ ip: "95.216.1.1", asn: 24940 })).reasons).toEqual(["datacenter_asn"]);
  });

  it("flags a WebView that names no app and brings no referer, not an app's in-app browser", () => {
    const s = newLinkState();
    const wv = "Mozilla/5.0 (Linux; Android 14; SM-A546B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.135 Mobile Safari/537.36";
    expect(scoreClick(s, click({ ua: wv, ip: "81.2.90.1", referer: null })).reasons).toEqual(["hidden_webview"]);
    expect(scoreClick(s, click({ ua: wv, ip: "81.2.90.2", referer: null })).fraud).toBe(true);
    expect(scoreClick(s, click({ ua: `${wv} Instagram 400.0.0.30.80 Android`, ip: "81.2.90.3", referer: null })).reasons).toEqual([]);
    expect(scoreClick(s, click({ ua: wv, ip: "81.2.90.4", referer: "https://news.example.org/story" })).reasons).toEqual([]);
  });

  it("does not take people behind one carrier address with the same frozen iPhone user agent for one repeat clicker", () => {
    const s = newLinkState();
    const langs = ["en-US", "es-US", "fr-FR", "de-DE", "pt-BR", "it-IT"];
    const verdicts = langs.map((acceptLanguage, i) => scoreClick(s, click({ ts: T0 + i * 60_000, ip: "172.58.1.9", asn: 21928, acceptLanguage })));
    expect(verdicts.every((v) => !v.reasons.includes("repeat_clicker"))).toBe(true);
    const same = langs.map((_, i) => scoreClick(s, click({ ts: T0 + 20 * 60_000 + i * 60_000, ip: "172.58.1.10", asn: 21928 })));
    expect(same.some((v) => v.reasons.includes("repeat_clicker"))).toBe(true);
  });

  it("does not let a surge the rules miss become the link's normal (bounded learning)", () => {
    const s = newLinkState();
    // Two hours of an ordinary US audience, about two people a minute.
    let t = T0;
    for (let i = 0; i < 240; i++, t += 30_000) scoreClick(s, click({ ts: t, ip: `81.${2 + (i % 50)}.${i % 200}.${1 + (i % 250)}`, acceptLanguage: i % 2 ? "en-US" : "en-GB" }));
    // Then half an hour of people from Brazil at ten times the rate, from everywhere, from Instagram.
    const langs = ["pt-BR", "pt-BR,pt;q=0.9", "pt-BR,en;q=0.8", "pt", "en-US", "es-419"];
    for (let i = 0; i < 600; i++, t += 3_000) {
      const ua = IPHONE.replace("18_1", `${16 + (i % 3)}_${i % 7}`).replace("Version/18.1", `Version/${16 + (i % 3)}.${i % 7}`);
      scoreClick(s, click({ ts: t, ip: `177.${i % 250}.${(i * 7) % 250}.${1 + (i % 250)}`, country: "BR", ua, acceptLanguage: langs[i % langs.length] }));
    }
    // Bounded, the surge teaches at most 1.5× the normal rate's worth (about 0.43 of the mass by
    // now, the window's ramp-up included); unbounded it would be 0.73 and Brazil the link's normal.
    expect(fingerprintShare(s.baseline, "BR", 0.05, "country")).toBeLessThan(0.5);
  });

  it("flags a burst from a foreign country packed into one small network, even behind an ordinary source", () => {
    const s = newLinkState();
    let t = T0;
    for (let i = 0; i < 240; i++, t += 30_000) scoreClick(s, click({ ts: t, ip: `81.${2 + (i % 50)}.${i % 200}.${1 + (i % 250)}` }));
    const farm = Array.from({ length: 60 }, (_, i) => scoreClick(s, click({ ts: t + i * 5_000, ip: `113.161.7.${2 + ((i * 37) % 250)}`, country: "VN", ua: `${IPHONE.replace("18_1", `17_${i % 7}`)}`, acceptLanguage: i % 2 ? "vi-VN" : "en-US" })));
    expect(farm.slice(-30).filter((v) => v.reasons.includes("audience_shift")).length).toBeGreaterThan(20);
  });

  it("reaches the measured generalisation on a fresh draw of the taxonomy generator (one day, an unseen seed)", () => {
    const score = scorer();
    let tp = 0, fn = 0, fp = 0, tn = 0, viral = 0;
    for (const c of generateTraffic({ days: 1, seed: 424_242 })) {
      const v = score(c);
      if (c.bot) v.fraud ? tp++ : fn++;
      else v.fraud ? fp++ : tn++;
      if (c.family === "human_viral_spike" && v.fraud) viral++;
    }
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.9);
    expect(fp / (fp + tn)).toBeLessThanOrEqual(0.005);
    expect(viral).toBeLessThanOrEqual(2);
  });
});
