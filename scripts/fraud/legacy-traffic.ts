/**
 * The first labelled click-traffic generator, kept as a second, separately written source for
 * the evaluation's cross-generator check (scripts/fraud/taxonomy.ts is the main one). Seeded, so every run
 * produces the same stream. Humans follow a daily rhythm with repeat visits, double clicks and
 * shared carrier (CGNAT) addresses, plus one viral but genuine spike; bots come as single-IP
 * bursts, IP rotation under one user agent, headless browsers, link-preview fetchers,
 * datacenter traffic and click farms.
 */
import type { Click } from "../../workers/fraud/score-click";
import { mulberry32 as rng } from "./mulberry32";

export type Pattern =
  | "human"
  | "human_repeat"
  | "human_carrier_nat"
  | "human_viral_spike"
  | "bot_single_ip_burst"
  | "bot_ip_rotation"
  | "bot_headless"
  | "bot_preview"
  | "bot_datacenter"
  | "bot_click_farm";

export interface LabelledClick extends Click {
  pattern: Pattern;
  bot: boolean;
}


const UAS: [string, number][] = [
  ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", 14],
  ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1", 8],
  ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22B83 Instagram 352.0.0.31.91 (iPhone15,3; iOS 18_1; en_US; en; scale=3.00; 1290x2796; 651442876)", 9],
  ["Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.86 Mobile Safari/537.36", 9],
  ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Mobile Safari/537.36", 6],
  ["Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.6668.100 Mobile Safari/537.36", 5],
  ["Mozilla/5.0 (Linux; Android 14; 23049PCD8G Build/UKQ1.230917.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.86 Mobile Safari/537.36 musical_ly_2023701030", 6],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", 10],
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", 6],
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", 5],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0", 3],
  ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0", 3],
  ["Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", 3],
  ["Mozilla/5.0 (Linux; Android 12; moto g(60)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.6613.146 Mobile Safari/537.36", 2],
  ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", 1],
];
const COUNTRIES: [string, string[], number][] = [
  ["US", ["en-US,en;q=0.9", "en-US", "es-US,es;q=0.9,en;q=0.8"], 30],
  ["GB", ["en-GB,en;q=0.9", "en-GB,en-US;q=0.9,en;q=0.8"], 14],
  ["IN", ["en-IN,en;q=0.9,hi;q=0.8", "hi-IN,hi;q=0.9,en;q=0.8"], 14],
  ["DE", ["de-DE,de;q=0.9,en;q=0.8"], 8],
  ["FR", ["fr-FR,fr;q=0.9,en;q=0.8"], 6],
  ["BR", ["pt-BR,pt;q=0.9,en;q=0.8"], 7],
  ["CA", ["en-CA,en;q=0.9,fr-CA;q=0.8", "fr-CA,fr;q=0.9"], 5],
  ["AU", ["en-AU,en;q=0.9"], 4],
  ["ES", ["es-ES,es;q=0.9,en;q=0.8"], 4],
  ["MX", ["es-MX,es;q=0.9,en;q=0.8"], 4],
  ["NG", ["en-NG,en;q=0.9"], 2],
  ["JP", ["ja-JP,ja;q=0.9,en;q=0.8"], 2],
];
const REFERERS: [string, number][] = [
  ["https://l.instagram.com/", 30],
  ["", 22],
  ["https://www.tiktok.com/", 18],
  ["https://www.youtube.com/", 12],
  ["https://t.co/", 6],
  ["https://linktr.ee/", 6],
  ["https://www.google.com/", 6],
];
const RESIDENTIAL_ASNS = [7922, 701, 20115, 22773, 7018, 2856, 5089, 5607, 3320, 3215, 12322, 28573, 18881, 55836, 24560, 9829, 1221, 812, 6327, 4713, 17676, 8151, 3352, 6830];
const MOBILE_ASNS = [21928, 22394, 20057, 25135, 12430, 55836, 45609, 26599];
const DC: [number, string][] = [[16509, "3.8"], [14618, "54.85"], [396982, "34.120"], [15169, "35.190"], [8075, "20.42"], [14061, "159.65"], [24940, "95.216"], [16276, "51.38"], [63949, "172.104"], [20473, "45.76"]];
const PREVIEW_UAS = [
  "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
  "Twitterbot/1.0",
  "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
  "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
  "WhatsApp/2.23.20.0",
  "TelegramBot (like TwitterBot)",
];
const HEADLESS_UAS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/129.0.6668.58 Safari/537.36",
  "python-requests/2.32.3",
  "Go-http-client/2.0",
];

export interface TrafficOptions {
  seed?: number;
  days?: number;
  links?: number;
  start?: number;
}

export function generateLegacyTraffic(opts: TrafficOptions = {}): LabelledClick[] {
  const r = rng(opts.seed ?? 20261125);
  const days = opts.days ?? 3;
  const linkCount = opts.links ?? 6;
  const start = opts.start ?? Date.UTC(2026, 10, 1);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const weighted = <T,>(xs: readonly (readonly [T, ...unknown[]])[], w = (x: readonly unknown[]) => x[x.length - 1] as number) => {
    const total = xs.reduce((s, x) => s + w(x), 0);
    let t = r() * total;
    for (const x of xs) if ((t -= w(x)) <= 0) return x;
    return xs[xs.length - 1]!;
  };
  const poisson = (lambda: number) => {
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss()));
    let k = 0;
    let p = Math.exp(-lambda);
    let s = p;
    const u = r();
    while (u > s) {
      k++;
      p *= lambda / k;
      s += p;
    }
    return k;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());
  // 300 residential /16 blocks, none overlapping the datacenter ones.
  const blocks = Array.from({ length: 300 }, () => `${60 + Math.floor(r() * 150)}.${Math.floor(r() * 256)}`);
  const residentialIp = () => `${pick(blocks)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`;
  // Carrier NAT: 24 public addresses, two per /24, each shared by many people.
  const carrierIps = Array.from({ length: 12 }, () => `${100 + Math.floor(r() * 20)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`).flatMap((p) => [`${p}.${10 + Math.floor(r() * 100)}`, `${p}.${120 + Math.floor(r() * 100)}`]);

  const out: LabelledClick[] = [];
  let n = 0;
  const push = (c: Omit<LabelledClick, "id">) => out.push({ ...c, id: `e${(n++).toString(36)}` });

  const person = () => {
    const [country, langs] = weighted(COUNTRIES) as (typeof COUNTRIES)[number];
    const carrier = r() < 0.15;
    return {
      ip: carrier ? pick(carrierIps) : residentialIp(),
      asn: carrier ? pick(MOBILE_ASNS) : pick(RESIDENTIAL_ASNS),
      ua: (weighted(UAS) as (typeof UAS)[number])[0],
      country,
      acceptLanguage: pick(langs),
      referer: (weighted(REFERERS) as (typeof REFERERS)[number])[0],
      carrier,
    };
  };

  const humanVisit = (link: string, ts: number, pattern: "human" | "human_viral_spike") => {
    const p = person();
    const base = { link, ip: p.ip, ua: p.ua, asn: p.asn, country: p.country, referer: p.referer, acceptLanguage: p.acceptLanguage, method: "GET", bot: false };
    push({ ...base, ts, pattern: pattern === "human" && p.carrier ? "human_carrier_nat" : pattern });
    if (r() < 0.03) push({ ...base, ts: ts + 300 + Math.floor(r() * 1500), pattern: "human_repeat" }); // a double tap
    if (r() < 0.1) push({ ...base, ts: ts + 60_000 + Math.floor(r() * 50 * 60_000), referer: "", pattern: "human_repeat" }); // comes back later
  };

  // Humans: each link has its own volume; the rate follows the day (quiet at 4am, busy at 8pm UTC).
  const links = Array.from({ length: linkCount }, (_, i) => ({ id: `L${i + 1}`, perDay: 600 + Math.floor(r() * 2400) }));
  for (let m = 0; m < days * 24 * 60; m++) {
    const ts0 = start + m * 60_000;
    const hour = (m / 60) % 24;
    const rhythm = 1 + 0.85 * Math.sin(((hour - 14) / 24) * 2 * Math.PI);
    for (const link of links) {
      const k = poisson((link.perDay / 1440) * rhythm);
      for (let i = 0; i < k; i++) humanVisit(link.id, ts0 + Math.floor(r() * 60_000), "human");
    }
  }
  // A viral but genuine spike: link L3, day 2, 18:00 UTC, ~150 people a minute for 45 minutes.
  const spikeAt = start + 24 * 3600_000 + 18 * 3600_000;
  for (let m = 0; m < 45; m++) {
    const k = poisson(150 * (m < 5 ? (m + 1) / 5 : 1));
    for (let i = 0; i < k; i++) humanVisit("L3", spikeAt + m * 60_000 + Math.floor(r() * 60_000), "human_viral_spike");
  }

  const randomTime = () => start + Math.floor(r() * (days * 24 * 3600_000 - 3600_000));
  const botBase = { method: "GET", bot: true as const };

  // Single-IP bursts: one address hammering a link, 120 clicks in about a minute.
  for (let e = 0; e < 6; e++) {
    const t = randomTime();
    const p = person();
    for (let i = 0; i < 120; i++) push({ ...botBase, link: `L${1 + (e % linkCount)}`, ts: t + Math.floor(i * 500 + r() * 400), ip: p.ip, ua: p.ua, asn: p.asn, country: p.country, referer: "", acceptLanguage: p.acceptLanguage, pattern: "bot_single_ip_burst" });
  }
  // IP rotation: 300 residential proxies in 3 minutes, one browser identity.
  for (let e = 0; e < 4; e++) {
    const t = randomTime();
    const ua = (weighted(UAS) as (typeof UAS)[number])[0];
    for (let i = 0; i < 300; i++) push({ ...botBase, link: `L${1 + ((e + 2) % linkCount)}`, ts: t + Math.floor(r() * 180_000), ip: residentialIp(), ua, asn: pick(RESIDENTIAL_ASNS), country: "US", referer: "", acceptLanguage: "en-US,en;q=0.9", pattern: "bot_ip_rotation" });
  }
  // Headless browsers and scripts from residential addresses, spread over hours.
  for (let i = 0; i < 400; i++) {
    const p = person();
    push({ ...botBase, link: pick(links).id, ts: randomTime(), ip: p.ip, ua: pick(HEADLESS_UAS), asn: p.asn, country: p.country, referer: "", acceptLanguage: r() < 0.5 ? "" : p.acceptLanguage, pattern: "bot_headless" });
  }
  // Link previews (chat apps unfurling the link), a third of them as HEAD.
  for (let i = 0; i < 600; i++) {
    const [asn, prefix] = pick(DC);
    push({ ...botBase, link: pick(links).id, ts: randomTime(), ip: `${prefix}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`, ua: pick(PREVIEW_UAS), asn, country: "US", referer: "", acceptLanguage: "", method: r() < 0.33 ? "HEAD" : "GET", pattern: "bot_preview" });
  }
  // Datacenter traffic with ordinary browser user agents.
  for (let i = 0; i < 800; i++) {
    const [asn, prefix] = pick(DC);
    const p = person();
    push({ ...botBase, link: pick(links).id, ts: randomTime(), ip: `${prefix}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`, ua: p.ua, asn, country: p.country, referer: p.referer, acceptLanguage: p.acceptLanguage, pattern: "bot_datacenter" });
  }
  // Click farms: real phones, varied browsers, from two small networks, 450 clicks in 25 minutes.
  for (let e = 0; e < 4; e++) {
    const t = randomTime();
    const nets = [`${180 + e}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`, `${190 + e}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`];
    const ips = nets.flatMap((net) => Array.from({ length: 15 }, () => `${net}.${1 + Math.floor(r() * 254)}`));
    const phones = ips.map((ip) => ({ ip, ua: (weighted(UAS) as (typeof UAS)[number])[0] }));
    for (let i = 0; i < 450; i++) {
      const phone = pick(phones);
      push({ ...botBase, link: `L${1 + ((e + 4) % linkCount)}`, ts: t + Math.floor(r() * 25 * 60_000), ip: phone.ip, ua: phone.ua, asn: 45609, country: "VN", referer: "", acceptLanguage: "vi-VN,vi;q=0.9", pattern: "bot_click_farm" });
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}
