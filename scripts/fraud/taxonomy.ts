/**
 * Seeded, labelled click traffic for affiliate links, organised by the IAB/MRC invalid-traffic
 * taxonomy (MRC "Invalid Traffic Detection and Filtration Guidelines"). A creator posts a tracked
 * link on Instagram, TikTok, YouTube, X or a link-in-bio page; people (and things that are not
 * people) request it; our redirect server sees one HTTP request per click. Every click carries the
 * request as the server would see it plus the ground truth: a family and its taxonomy class.
 *
 * Taxonomy
 * - human: valid traffic from real people.
 * - GIVT (general invalid traffic): caught by routine filtration: known data-centre addresses,
 *   declared crawlers, non-browser clients, link-preview and prefetch fetches.
 * - SIVT (sophisticated invalid traffic): built to pass for human and only caught by corroborating
 *   several signals: proxies, farms, hijacked devices, incentivised clicks, spoofed browsers.
 *
 * Families (one episode = one independently randomised incident; parameters change with the seed)
 * - human_organic: people tapping a link, with a daily rhythm in the audience's time zone and each
 *   link's own volume, countries, referers and devices.
 * - human_viral_spike: a genuine viral moment: one link at 20-50x its normal rate for hours, often
 *   from a new referer source.
 * - human_carrier_nat: many different phones behind a few mobile-carrier CGNAT addresses.
 * - human_webview: in-app webviews that send no Accept-Language and usually no referer.
 * - human_office_vpn: employees behind a corporate ZTNA/VPN egress on a cloud ASN, office hours.
 * - human_returning: people coming back over several days from the same address and browser.
 * - human_double_tap: a person tapping twice or three times, 200-1500 ms apart.
 * - human_private_relay: Safari users behind iCloud Private Relay (CDN ASNs, shared egress IPs).
 * - givt_datacenter: browser-looking requests from cloud and hosting ASNs.
 * - givt_crawler: declared search, SEO and AI crawlers from their own ranges.
 * - givt_non_browser: HTTP libraries, command-line tools and headless Chrome.
 * - givt_prefetch_preview: chat/social link unfurlers (incl. Mastodon fan-out) and browser prefetches.
 * - sivt_residential_proxy: one or a few browser identities rotating over residential addresses.
 * - sivt_click_farm: many real phones on a few /24s of one foreign ASN, hundreds of clicks in minutes.
 * - sivt_distributed_farm: unrelated residential addresses, one identical header fingerprint, 5-20x rate.
 * - sivt_hijacked_device: malware on home devices: background fetches or hidden webviews, at night.
 * - sivt_slow_repeat: one visitor re-clicking every 40-120 s for 20-60 minutes.
 * - sivt_fast_repeat: one address hammering a link, several per second to one every few seconds.
 * - sivt_incentivised: paid humans from offerwalls: a burst of new visitors from unexpected countries.
 * - sivt_spoofed_browser: scripts claiming Chrome whose other headers contradict the claim.
 * - sivt_cookie_stuffing: hidden iframes, image tags and pop-unders load the link from a coupon site.
 * - sivt_emulator_farm: Android emulators running social apps, emulator device models, old webviews.
 * - sivt_stealth_headless: automation frameworks patched to look like desktop Chrome, on proxies.
 * - sivt_mobile_proxy: rotating 4G/5G proxies: the same carrier CGNAT addresses real phones use.
 *
 * Run this file directly to print counts per family and check determinism.
 */

import { createHash } from "node:crypto";
import { mulberry32 } from "./mulberry32";

export type Taxonomy = "human" | "GIVT" | "SIVT";

export interface LabelledClick {
  id: string;
  ts: number;
  link: string;
  ip: string;
  ua: string;
  asn: number | null;
  country: string | null;
  referer: string | null;
  acceptLanguage: string | null;
  method: "GET" | "HEAD";
  secChUa: string | null;
  secFetchMode: string | null;
  accept: string | null;
  family: string;
  taxonomy: Taxonomy;
  bot: boolean;
}

export interface TrafficOptions {
  seed?: number;
  days?: number;
  links?: number;
  start?: number;
  scale?: number;
}

const FAMILY_LIST = [
  { name: "human_organic", taxonomy: "human", description: "People tapping a creator's link, with a daily rhythm in the audience's time zone and each link's own volume, countries, referers and devices." },
  { name: "human_viral_spike", taxonomy: "human", description: "A genuine viral moment: one link runs at 20-50x its normal rate for an hour or more, often from a new referer source, from many unrelated people." },
  { name: "human_carrier_nat", taxonomy: "human", description: "Many different phones behind a few mobile-carrier CGNAT addresses over the day." },
  { name: "human_webview", taxonomy: "human", description: "In-app webviews (Instagram, Facebook, TikTok, Snapchat, Pinterest) that send no Accept-Language and usually no referer." },
  { name: "human_office_vpn", taxonomy: "human", description: "Employees behind a corporate ZTNA/VPN egress on a cloud ASN clicking links shared in Slack, Teams or email during office hours." },
  { name: "human_returning", taxonomy: "human", description: "People coming back to a link on later days from the same address and browser, a few visits each." },
  { name: "human_double_tap", taxonomy: "human", description: "A person tapping a link twice or three times, 200-1500 ms apart." },
  { name: "human_private_relay", taxonomy: "human", description: "Safari users behind iCloud Private Relay: CDN ASNs (Akamai, Cloudflare, Fastly) and egress addresses shared by many users." },
  { name: "givt_datacenter", taxonomy: "GIVT", description: "Browser-looking requests from cloud and hosting ASNs (AWS, GCP, Azure, DigitalOcean, Hetzner, OVH, Linode, Vultr, Oracle, ...)." },
  { name: "givt_crawler", taxonomy: "GIVT", description: "Declared search, SEO and AI crawlers (Googlebot, bingbot, AhrefsBot, SemrushBot, GPTBot, ClaudeBot, PetalBot, YandexBot, ...)." },
  { name: "givt_non_browser", taxonomy: "GIVT", description: "HTTP libraries, command-line tools and headless Chrome, from residential and data-centre addresses, as bursts, monitors or one-offs." },
  { name: "givt_prefetch_preview", taxonomy: "GIVT", description: "Link-preview unfurlers (Slack, WhatsApp, iMessage, Discord, Telegram, X, Facebook, LinkedIn, Mastodon fan-out) and browser prefetches." },
  { name: "sivt_residential_proxy", taxonomy: "SIVT", description: "One to three browser identities rotating over many residential addresses in the link's audience country, at a moderate rate." },
  { name: "sivt_click_farm", taxonomy: "SIVT", description: "Dozens of real phones on a few /24s of one ASN in a country foreign to the link's audience, hundreds of clicks in tens of minutes." },
  { name: "sivt_distributed_farm", taxonomy: "SIVT", description: "Unrelated residential addresses (no shared subnet) sharing one identical header fingerprint, at 5-20x the link's normal rate for 20-90 minutes." },
  { name: "sivt_hijacked_device", taxonomy: "SIVT", description: "Malware on home computers and phones: background no-cors/cors fetches or hidden webviews, no referer, mostly at night, many devices." },
  { name: "sivt_slow_repeat", taxonomy: "SIVT", description: "One visitor (same address and browser) re-clicking a link every 40-120 s with jitter for 20-60 minutes." },
  { name: "sivt_fast_repeat", taxonomy: "SIVT", description: "One address hammering a link, from several clicks per second to one every few seconds." },
  { name: "sivt_incentivised", taxonomy: "SIVT", description: "Real people paid by offerwall/reward sites: a burst of new visitors from one or two countries unlike the link's audience." },
  { name: "sivt_spoofed_browser", taxonomy: "SIVT", description: "Scripts on residential proxies whose User-Agent claims a browser that the other headers contradict." },
  { name: "sivt_cookie_stuffing", taxonomy: "SIVT", description: "Coupon and deal pages that load affiliate links in hidden iframes, image tags or pop-unders for every visitor." },
  { name: "sivt_emulator_farm", taxonomy: "SIVT", description: "Android emulators (BlueStacks, LDPlayer, Nox, SDK images) running social apps: emulator device models, stale webviews, uniform locale." },
  { name: "sivt_stealth_headless", taxonomy: "SIVT", description: "Puppeteer/Playwright stealth setups patched to look like desktop Chrome, scheduled at regular intervals through proxies." },
  { name: "sivt_mobile_proxy", taxonomy: "SIVT", description: "Rotating 4G/5G proxy farms: sessions of one phone identity on carrier CGNAT addresses that real phones share." },
] as const;

type FamilyName = (typeof FAMILY_LIST)[number]["name"];

export const FAMILIES: { name: string; taxonomy: Taxonomy; description: string }[] = FAMILY_LIST.map((f) => ({ ...f }));

const TAXONOMY = Object.fromEntries(FAMILY_LIST.map((f) => [f.name, f.taxonomy])) as Record<FamilyName, Taxonomy>;

// ───────────────────────── randomness ─────────────────────────

type Rng = () => number;
type Weighted<T> = readonly (readonly [T, number])[];


/** FNV-1a, to derive one independent stream per family from the seed. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const between = (r: Rng, lo: number, hi: number) => lo + (hi - lo) * r();
const int = (r: Rng, lo: number, hi: number) => Math.floor(between(r, lo, hi + 1));
const chance = (r: Rng, p: number) => r() < p;
const logBetween = (r: Rng, lo: number, hi: number) => lo * Math.pow(hi / lo, r());
const expo = (r: Rng, mean: number) => -Math.log(1 - r()) * mean;

function pick<T>(r: Rng, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

function weighted<T>(r: Rng, items: Weighted<T>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = r() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1]![0];
}

function shuffle<T>(r: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const sample = <T>(r: Rng, items: readonly T[], k: number): T[] => shuffle(r, [...items]).slice(0, Math.max(0, k));

function gauss(r: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function poisson(r: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(r)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > limit);
  return k - 1;
}

/** Arrival times of a Poisson process at `perMinute` over [from, from + duration). */
function arrivals(r: Rng, from: number, duration: number, perMinute: number, cap = Infinity): number[] {
  const out: number[] = [];
  if (perMinute <= 0) return out;
  for (let t = from + expo(r, MIN / perMinute); t < from + duration && out.length < cap; t += expo(r, MIN / perMinute)) out.push(t);
  return out;
}

// ───────────────────────── time ─────────────────────────

const SEC = 1_000;
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const normalise = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.map((x) => x / mean);
};

/** Relative click rate by local hour for social traffic: quiet 2-5 am, evening peak. */
const ACTIVITY = normalise([0.45, 0.3, 0.2, 0.14, 0.12, 0.15, 0.3, 0.55, 0.75, 0.85, 0.9, 0.95, 1.05, 1.0, 0.95, 0.95, 1.0, 1.05, 1.15, 1.3, 1.4, 1.35, 1.1, 0.75]);
/** When malware on a home machine prefers to run: the owner is asleep. */
const NIGHT = normalise([1, 1, 1, 0.95, 0.9, 0.7, 0.35, 0.15, 0.1, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.1, 0.12, 0.15, 0.25, 0.5, 0.8]);
const OFFICE = [0, 0, 0, 0, 0, 0, 0, 0.05, 0.4, 1, 1, 0.9, 0.6, 0.9, 1, 1, 0.9, 0.5, 0.15, 0.05, 0, 0, 0, 0];

const localHour = (ts: number, tz: number) => (((ts / HOUR + tz) % 24) + 24) % 24;
const isWeekend = (ts: number, tz: number) => [0, 6].includes(new Date(ts + tz * HOUR).getUTCDay());

function curveAt(curve: readonly number[], hour: number): number {
  const h = Math.floor(hour) % 24;
  const f = hour - Math.floor(hour);
  return curve[h]! * (1 - f) + curve[(h + 1) % 24]! * f;
}

/** A time in [from, to) drawn in proportion to `curve` at the local hour. */
function timeByCurve(r: Rng, from: number, to: number, tz: number, curve: readonly number[]): number {
  const max = Math.max(...curve);
  for (let i = 0; i < 200; i++) {
    const t = from + r() * (to - from);
    if (r() * max < curveAt(curve, localHour(t, tz))) return t;
  }
  return from + r() * (to - from);
}

// ───────────────────────── addresses ─────────────────────────

interface Isp {
  asn: number;
  name: string;
  v4: readonly string[];
  v6?: string;
  v6Share: number;
  weight: number;
}

type NetKind = "fixed" | "mobile" | "cloud" | "relay" | "service";

interface Net {
  ip: string;
  asn: number;
  country: string;
  kind: NetKind;
}

const isp = (asn: number, name: string, v4: string[], weight = 1, v6?: string, v6Share = 0): Isp => ({ asn, name, v4, v6, v6Share, weight });

const cidrCache = new Map<string, [number, number]>();

function parseCidr(cidr: string): [number, number] {
  let hit = cidrCache.get(cidr);
  if (!hit) {
    const [addr, bits] = cidr.split("/");
    const o = addr!.split(".").map(Number);
    hit = [o[0]! * 16777216 + o[1]! * 65536 + o[2]! * 256 + o[3]!, 2 ** (32 - Number(bits))];
    cidrCache.set(cidr, hit);
  }
  return hit;
}

const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");

function randomIpv4(r: Rng, cidr: string): string {
  const [base, size] = parseCidr(cidr);
  let n = base + Math.floor(r() * size);
  if (size >= 256) n = n - (n & 255) + 1 + Math.floor(r() * 254);
  return dotted(n >>> 0);
}

/** A random /24 inside `cidr`, as "a.b.c". */
function random24(r: Rng, cidr: string): string {
  return randomIpv4(r, cidr).split(".").slice(0, 3).join(".");
}

const hex = (n: number) => n.toString(16);

/** An address inside a v6 prefix of at most /32: a random /64 and a random (privacy) interface id. */
function randomIpv6(r: Rng, cidr: string): string {
  const [prefix, bitsText] = cidr.split("/");
  const parts = prefix!.replace(/::$/, "").split(":");
  const high = parseInt(parts[0] ?? "0", 16) * 65536 + parseInt(parts[1] ?? "0", 16);
  const free = 2 ** (32 - Number(bitsText));
  const top = Math.floor(high / free) * free + Math.floor(r() * free);
  const groups = [Math.floor(top / 65536), top % 65536];
  for (let i = 0; i < 6; i++) groups.push(Math.floor(r() * 65536));
  return groups.map(hex).join(":");
}

/** Subnet key used to keep a farm's addresses unrelated: /16 for v4, /32 for v6. */
const subnet16 = (ip: string) => (ip.includes(":") ? ip.split(":").slice(0, 2).join(":") : ip.split(".").slice(0, 2).join("."));
const subnet24 = (ip: string) => (ip.includes(":") ? ip.split(":").slice(0, 3).join(":") : ip.split(".").slice(0, 3).join("."));

interface Country {
  tz: number;
  ios: number;
  cell: number;
  google: string;
  langs: Weighted<readonly string[]>;
  fixed: readonly Isp[];
  mobile: readonly Isp[];
}

const COUNTRIES: Record<string, Country> = {
  US: {
    tz: -6, ios: 0.57, cell: 0.45, google: "https://www.google.com/",
    langs: [[["en-US"], 0.84], [["en-US", "es-US"], 0.05], [["es-US", "en-US"], 0.07], [["en"], 0.04]],
    fixed: [
      isp(7922, "Comcast", ["73.0.0.0/8", "98.192.0.0/10", "24.0.0.0/12", "68.32.0.0/11", "69.136.0.0/13", "71.192.0.0/12", "75.64.0.0/13", "76.16.0.0/12", "67.160.0.0/11", "50.128.0.0/9"], 3, "2601::/20", 0.45),
      isp(20115, "Charter", ["24.176.0.0/13", "71.80.0.0/13", "97.80.0.0/13", "68.184.0.0/13", "66.188.0.0/14"], 1.5, "2600:6c00::/24", 0.3),
      isp(11427, "Charter Spectrum TX", ["70.112.0.0/13", "24.160.0.0/13"], 0.6),
      isp(12271, "Charter Spectrum NYC", ["67.243.0.0/16", "72.229.0.0/16", "74.66.0.0/15", "66.108.0.0/15"], 0.5),
      isp(7018, "AT&T", ["99.0.0.0/10", "76.192.0.0/10", "107.192.0.0/10", "108.192.0.0/11", "23.112.0.0/12", "45.16.0.0/12"], 1.5, "2600:1700::/28", 0.4),
      isp(701, "Verizon Fios", ["71.160.0.0/11", "72.64.0.0/12", "96.224.0.0/11", "100.0.0.0/13", "108.0.0.0/13", "173.48.0.0/12", "173.64.0.0/12"], 1.2, "2600:4040::/28", 0.3),
      isp(22773, "Cox", ["98.160.0.0/11", "70.160.0.0/11", "72.192.0.0/11", "174.64.0.0/12"], 0.8, "2600:8800::/28", 0.35),
      isp(209, "Lumen", ["97.112.0.0/12", "67.0.0.0/12", "71.208.0.0/12", "75.160.0.0/12"], 0.5),
      isp(5650, "Frontier", ["50.32.0.0/11", "173.80.0.0/13", "71.96.0.0/12"], 0.4),
    ],
    mobile: [
      isp(21928, "T-Mobile", ["172.32.0.0/11", "208.54.0.0/17"], 1.3, "2607:fb90::/28", 0.85),
      isp(22394, "Verizon Wireless", ["174.192.0.0/10", "97.128.0.0/9"], 1.3, "2600:1000::/28", 0.7),
      isp(20057, "AT&T Mobility", ["166.128.0.0/10", "107.64.0.0/10"], 1, "2600:380::/26", 0.6),
    ],
  },
  GB: {
    tz: 0, ios: 0.5, cell: 0.4, google: "https://www.google.co.uk/",
    langs: [[["en-GB"], 0.8], [["en-GB", "en-US"], 0.12], [["en-US"], 0.08]],
    fixed: [
      isp(2856, "BT", ["86.128.0.0/10", "81.128.0.0/12", "217.32.0.0/12", "31.48.0.0/13"], 2, "2a00:23c0::/27", 0.4),
      isp(5089, "Virgin Media", ["82.0.0.0/13", "86.0.0.0/12", "81.96.0.0/12", "92.232.0.0/13"], 1.5),
      isp(5607, "Sky", ["2.96.0.0/12", "90.192.0.0/11", "94.0.0.0/12", "5.64.0.0/13"], 1.3, "2a02:c7c::/30", 0.6),
      isp(13285, "TalkTalk", ["78.144.0.0/13", "89.240.0.0/13"], 0.7),
    ],
    mobile: [
      isp(12576, "EE", ["92.40.0.0/13", "31.94.0.0/15"], 1.3, "2a01:4c8::/29", 0.5),
      isp(25135, "Vodafone UK", ["148.252.0.0/16", "85.255.232.0/21"], 0.8),
      isp(206067, "Three UK", ["188.28.0.0/15"], 0.7),
      isp(35228, "O2 UK", ["82.132.0.0/14"], 1),
    ],
  },
  CA: {
    tz: -5, ios: 0.6, cell: 0.4, google: "https://www.google.ca/",
    langs: [[["en-CA"], 0.45], [["en-US"], 0.3], [["fr-CA", "en-CA"], 0.2], [["en-CA", "fr-CA"], 0.05]],
    fixed: [
      isp(812, "Rogers", ["99.224.0.0/11", "174.112.0.0/12"], 1.4),
      isp(577, "Bell Canada", ["70.48.0.0/13", "142.112.0.0/13", "174.88.0.0/13", "184.144.0.0/13"], 1.4),
      isp(852, "Telus", ["154.20.0.0/14", "75.152.0.0/13", "108.172.0.0/14"], 1),
      isp(5769, "Videotron", ["24.200.0.0/13", "70.80.0.0/13"], 0.6),
      isp(6327, "Shaw", ["24.64.0.0/13", "68.144.0.0/13", "70.64.0.0/12"], 0.8),
    ],
    mobile: [
      isp(812, "Rogers Wireless", ["24.114.0.0/16", "72.136.0.0/13"], 1),
      isp(36522, "Bell Mobility", ["184.151.0.0/16", "142.160.0.0/14"], 1),
      isp(852, "Telus Mobility", ["206.116.0.0/16", "209.52.0.0/16"], 0.8),
    ],
  },
  AU: {
    tz: 11, ios: 0.55, cell: 0.45, google: "https://www.google.com.au/",
    langs: [[["en-AU"], 0.7], [["en-GB"], 0.1], [["en-US"], 0.2]],
    fixed: [
      isp(1221, "Telstra", ["1.120.0.0/13", "101.160.0.0/12", "58.160.0.0/12", "124.176.0.0/13"], 1.5, "2001:8003::/32", 0.4),
      isp(7545, "TPG", ["124.168.0.0/13", "14.200.0.0/14", "27.32.0.0/11"], 1.2),
      isp(4804, "Optus", ["49.176.0.0/13", "58.104.0.0/13", "211.26.0.0/15"], 0.8),
      isp(4764, "Aussie Broadband", ["180.150.0.0/16", "119.18.0.0/16"], 0.4),
    ],
    mobile: [
      isp(1221, "Telstra Mobile", ["1.128.0.0/11", "101.112.0.0/13"], 1.5, "2001:8004::/32", 0.6),
      isp(4804, "Optus Mobile", ["49.184.0.0/13"], 1),
    ],
  },
  DE: {
    tz: 1, ios: 0.38, cell: 0.4, google: "https://www.google.de/",
    langs: [[["de-DE", "en-US"], 0.45], [["de-DE"], 0.35], [["de"], 0.08], [["en-US"], 0.08], [["tr-TR", "de-DE"], 0.04]],
    fixed: [
      isp(3320, "Deutsche Telekom", ["79.192.0.0/10", "84.128.0.0/10", "87.128.0.0/10", "91.0.0.0/10", "93.192.0.0/10", "217.224.0.0/11", "80.128.0.0/11"], 2.2, "2003::/19", 0.6),
      isp(3209, "Vodafone DE", ["88.64.0.0/12", "92.72.0.0/13", "94.134.0.0/15", "178.24.0.0/14", "95.88.0.0/14"], 1.6, "2a02:8100::/27", 0.5),
      isp(6805, "Telefonica DE", ["78.48.0.0/13", "95.112.0.0/12"], 0.7),
    ],
    mobile: [
      isp(3320, "Telekom Mobil", ["80.187.0.0/16"], 1.2, "2a01:598::/32", 0.7),
      isp(3209, "Vodafone DE Mobil", ["109.40.0.0/13"], 1),
      isp(6805, "O2 DE", ["176.0.0.0/12", "89.204.128.0/17"], 1),
    ],
  },
  FR: {
    tz: 1, ios: 0.35, cell: 0.4, google: "https://www.google.fr/",
    langs: [[["fr-FR", "en-US"], 0.45], [["fr-FR"], 0.45], [["fr"], 0.05], [["en-US"], 0.05]],
    fixed: [
      isp(3215, "Orange FR", ["90.0.0.0/9", "86.192.0.0/10", "2.0.0.0/12", "92.128.0.0/10", "83.192.0.0/10"], 2, "2a01:cb00::/24", 0.5),
      isp(12322, "Free", ["78.192.0.0/10", "82.64.0.0/10", "88.160.0.0/11"], 1.5, "2a01:e00::/26", 0.6),
      isp(15557, "SFR", ["77.192.0.0/11", "93.0.0.0/11", "109.208.0.0/12"], 1),
      isp(5410, "Bouygues", ["176.128.0.0/10", "89.80.0.0/12"], 0.9),
    ],
    mobile: [
      isp(3215, "Orange FR Mobile", ["92.184.0.0/13"], 1.2),
      isp(51207, "Free Mobile", ["37.160.0.0/12"], 1),
      isp(5410, "Bouygues Mobile", ["128.78.0.0/16", "176.144.0.0/12"], 0.8),
    ],
  },
  ES: {
    tz: 1, ios: 0.25, cell: 0.45, google: "https://www.google.es/",
    langs: [[["es-ES"], 0.6], [["es-ES", "en-US"], 0.25], [["ca-ES", "es-ES"], 0.08], [["en-US"], 0.07]],
    fixed: [
      isp(3352, "Telefonica ES", ["79.144.0.0/12", "83.32.0.0/11", "88.0.0.0/11", "80.24.0.0/13"], 2),
      isp(12479, "Orange ES", ["90.160.0.0/11", "85.48.0.0/12"], 1),
      isp(12430, "Vodafone ES", ["2.136.0.0/13"], 0.8),
      isp(57269, "Digi ES", ["79.116.0.0/14"], 0.5),
    ],
    mobile: [
      isp(3352, "Movistar", ["31.221.0.0/16"], 1),
      isp(12430, "Vodafone ES Movil", ["37.223.0.0/16"], 0.8),
      isp(12479, "Orange ES Movil", ["46.222.0.0/16"], 0.8),
    ],
  },
  IT: {
    tz: 1, ios: 0.3, cell: 0.5, google: "https://www.google.it/",
    langs: [[["it-IT"], 0.6], [["it-IT", "en-US"], 0.35], [["en-US"], 0.05]],
    fixed: [
      isp(3269, "TIM", ["79.0.0.0/10", "87.0.0.0/11"], 2),
      isp(12874, "Fastweb", ["93.32.0.0/11", "2.32.0.0/12"], 1),
      isp(1267, "WindTre", ["151.0.0.0/10"], 1),
    ],
    mobile: [
      isp(30722, "Vodafone IT", ["5.88.0.0/13"], 1),
      isp(1267, "WindTre Mobile", ["5.168.0.0/13"], 1),
      isp(29447, "Iliad IT", ["151.38.0.0/15"], 0.6),
    ],
  },
  IN: {
    tz: 5.5, ios: 0.05, cell: 0.75, google: "https://www.google.co.in/",
    langs: [[["en-IN"], 0.35], [["en-US"], 0.3], [["en-GB", "en-US"], 0.15], [["hi-IN", "en-IN"], 0.15], [["en-IN", "hi-IN"], 0.05]],
    fixed: [
      isp(24560, "Airtel Broadband", ["122.160.0.0/13", "182.64.0.0/12"], 1.2),
      isp(55836, "Jio Fiber", ["49.32.0.0/12", "152.56.0.0/14"], 1.2, "2405:200::/29", 0.6),
      isp(24309, "ACT Fibernet", ["106.51.0.0/16", "49.207.0.0/16", "183.82.0.0/15"], 0.6),
      isp(9829, "BSNL", ["59.88.0.0/13", "117.192.0.0/11"], 0.5),
    ],
    mobile: [
      isp(55836, "Jio", ["157.32.0.0/12", "49.32.0.0/12"], 2, "2409:4000::/22", 0.8),
      isp(45609, "Airtel", ["106.192.0.0/11", "223.176.0.0/12"], 1.5, "2401:4900::/32", 0.7),
      isp(38266, "Vi", ["42.104.0.0/13", "49.14.0.0/15", "106.76.0.0/14"], 0.8, "2402:3a80::/27", 0.5),
    ],
  },
  BR: {
    tz: -3, ios: 0.15, cell: 0.55, google: "https://www.google.com.br/",
    langs: [[["pt-BR"], 0.6], [["pt-BR", "en-US"], 0.3], [["en-US"], 0.1]],
    fixed: [
      isp(28573, "Claro NET", ["177.32.0.0/12", "179.208.0.0/12", "201.80.0.0/12"], 1.5),
      isp(18881, "Vivo", ["177.64.0.0/12", "191.176.0.0/12", "200.148.0.0/14", "201.0.0.0/12"], 1.5),
      isp(7738, "Oi", ["187.64.0.0/12", "200.164.0.0/14", "189.60.0.0/14"], 0.8),
    ],
    mobile: [
      isp(26599, "Vivo Movel", ["177.128.0.0/12"], 1.2),
      isp(26615, "TIM Brasil", ["191.0.0.0/12", "187.26.0.0/15"], 1),
      isp(28573, "Claro Movel", ["179.96.0.0/13"], 1),
    ],
  },
  MX: {
    tz: -6, ios: 0.2, cell: 0.55, google: "https://www.google.com.mx/",
    langs: [[["es-MX"], 0.45], [["es-419"], 0.2], [["es-MX", "en-US"], 0.2], [["en-US"], 0.15]],
    fixed: [
      isp(8151, "Telmex", ["187.128.0.0/10", "189.128.0.0/10", "201.96.0.0/11"], 2),
      isp(22884, "Totalplay", ["189.216.0.0/13"], 0.8),
      isp(28548, "izzi", ["177.224.0.0/13"], 0.8),
    ],
    mobile: [
      isp(28403, "Telcel", ["189.203.0.0/16", "201.144.0.0/13"], 1.5),
      isp(11888, "AT&T Mexico", ["187.184.0.0/14"], 0.8),
    ],
  },
  BD: {
    tz: 6, ios: 0.03, cell: 0.6, google: "https://www.google.com.bd/",
    langs: [[["bn-BD", "en-US"], 0.3], [["en-US"], 0.55], [["en-GB"], 0.15]],
    fixed: [
      isp(23688, "Link3", ["115.127.0.0/16", "103.15.140.0/22"], 1),
      isp(17494, "BTCL", ["103.48.16.0/20", "203.112.192.0/19"], 0.6),
      isp(24342, "BRACNet", ["103.4.144.0/21", "45.125.220.0/22"], 0.6),
    ],
    mobile: [
      isp(24389, "Grameenphone", ["37.111.192.0/18", "103.67.152.0/21"], 1.5),
      isp(24432, "Robi", ["103.102.0.0/18"], 1),
      isp(45245, "Banglalink", ["103.230.104.0/22", "114.130.0.0/16"], 0.8),
    ],
  },
  VN: {
    tz: 7, ios: 0.3, cell: 0.5, google: "https://www.google.com.vn/",
    langs: [[["vi-VN"], 0.5], [["vi-VN", "en-US"], 0.3], [["en-US"], 0.2]],
    fixed: [
      isp(7552, "Viettel", ["27.64.0.0/12", "171.224.0.0/11", "116.96.0.0/12"], 1.5),
      isp(45899, "VNPT", ["113.160.0.0/11", "14.160.0.0/11", "123.16.0.0/12"], 1.3),
      isp(18403, "FPT Telecom", ["42.112.0.0/13", "58.186.0.0/15", "118.68.0.0/14", "1.52.0.0/14"], 1),
    ],
    mobile: [
      isp(7552, "Viettel Mobile", ["171.240.0.0/12", "27.72.0.0/13"], 1.5),
      isp(45543, "MobiFone", ["103.199.40.0/21", "42.113.0.0/16"], 0.8),
    ],
  },
  ID: {
    tz: 7, ios: 0.1, cell: 0.7, google: "https://www.google.co.id/",
    langs: [[["id-ID"], 0.55], [["id-ID", "en-US"], 0.25], [["en-US"], 0.2]],
    fixed: [
      isp(7713, "Telkom Indonesia", ["36.64.0.0/11", "180.240.0.0/13", "125.160.0.0/11", "110.136.0.0/13"], 1.5),
      isp(17451, "Biznet", ["112.78.128.0/17", "114.79.0.0/16"], 0.6),
      isp(23700, "First Media", ["139.192.0.0/14", "202.53.224.0/19"], 0.5),
    ],
    mobile: [
      isp(23693, "Telkomsel", ["114.120.0.0/13", "182.0.0.0/12"], 1.6),
      isp(4761, "Indosat", ["114.4.0.0/14"], 0.8),
      isp(24203, "XL Axiata", ["112.215.0.0/16", "120.188.0.0/14"], 0.8),
    ],
  },
  PH: {
    tz: 8, ios: 0.15, cell: 0.6, google: "https://www.google.com.ph/",
    langs: [[["en-US"], 0.55], [["en-PH"], 0.3], [["fil-PH", "en-US"], 0.15]],
    fixed: [
      isp(9299, "PLDT", ["112.198.0.0/15", "112.200.0.0/13", "120.28.0.0/14"], 1.5),
      isp(17639, "Converge", ["136.158.0.0/16", "180.190.0.0/16"], 1),
      isp(132199, "Globe Broadband", ["124.104.0.0/13"], 0.8),
    ],
    mobile: [
      isp(10139, "Smart", ["110.54.128.0/17", "175.176.0.0/13"], 1.2),
      isp(4775, "Globe Mobile", ["49.144.0.0/13"], 1),
    ],
  },
  PK: {
    tz: 5, ios: 0.05, cell: 0.7, google: "https://www.google.com.pk/",
    langs: [[["en-US"], 0.55], [["en-PK"], 0.2], [["ur-PK", "en-US"], 0.25]],
    fixed: [
      isp(17557, "PTCL", ["39.32.0.0/11", "119.152.0.0/13", "182.176.0.0/12"], 1.5),
      isp(23674, "Nayatel", ["110.93.192.0/18"], 0.4),
    ],
    mobile: [
      isp(45669, "Jazz", ["119.160.0.0/14", "111.88.0.0/13"], 1.3),
      isp(59257, "Zong", ["223.123.0.0/17"], 1),
      isp(24499, "Telenor PK", ["58.65.128.0/17", "115.186.0.0/16"], 0.7),
    ],
  },
  NG: {
    tz: 1, ios: 0.12, cell: 0.85, google: "https://www.google.com.ng/",
    langs: [[["en-US"], 0.6], [["en-GB"], 0.25], [["en-NG"], 0.15]],
    fixed: [isp(37340, "Spectranet", ["102.67.0.0/16"], 0.5), isp(36935, "MainOne", ["41.75.192.0/19"], 0.3)],
    mobile: [
      isp(29465, "MTN Nigeria", ["197.210.0.0/16", "102.88.0.0/14"], 1.5),
      isp(36873, "Airtel Nigeria", ["105.112.0.0/12"], 1),
      isp(37148, "Globacom", ["197.211.32.0/19", "41.184.0.0/16"], 0.8),
    ],
  },
  EG: {
    tz: 2, ios: 0.1, cell: 0.6, google: "https://www.google.com.eg/",
    langs: [[["ar-EG", "en-US"], 0.5], [["en-US"], 0.35], [["ar"], 0.15]],
    fixed: [isp(8452, "TE Data", ["41.32.0.0/12", "156.192.0.0/11", "197.32.0.0/11"], 1.5)],
    mobile: [isp(36935, "Vodafone EG", ["41.64.0.0/12"], 1.2), isp(24835, "Orange EG", ["41.176.0.0/12"], 0.8)],
  },
};

function C(cc: string): Country {
  const c = COUNTRIES[cc];
  if (!c) throw new Error(`no country data for ${cc}`);
  return c;
}

const ispWeights = (isps: readonly Isp[]): Weighted<Isp> => isps.map((i) => [i, i.weight] as const);

function ispNet(r: Rng, provider: Isp, cc: string, kind: NetKind, allowV6 = true): Net {
  const ip = allowV6 && provider.v6 && chance(r, provider.v6Share) ? randomIpv6(r, provider.v6) : randomIpv4(r, pick(r, provider.v4));
  return { ip, asn: provider.asn, country: cc, kind };
}

const homeNet = (r: Rng, cc: string, allowV6 = true) => ispNet(r, weighted(r, ispWeights(C(cc).fixed)), cc, "fixed", allowV6);
const mobileNet = (r: Rng, cc: string, allowV6 = true) => ispNet(r, weighted(r, ispWeights(C(cc).mobile)), cc, "mobile", allowV6);
const residentialNet = (r: Rng, cc: string, onPhone: boolean, allowV6 = true) =>
  onPhone && chance(r, C(cc).cell) ? mobileNet(r, cc, allowV6) : homeNet(r, cc, allowV6);

interface Cloud {
  asn: number;
  name: string;
  ranges: readonly (readonly [string, string])[];
  v6?: string;
}

const CLOUD = {
  aws: { asn: 16509, name: "Amazon", ranges: [["3.80.0.0/12", "US"], ["18.204.0.0/14", "US"], ["52.8.0.0/13", "US"], ["54.144.0.0/12", "US"], ["3.120.0.0/14", "DE"], ["18.130.0.0/16", "GB"], ["35.176.0.0/15", "GB"], ["13.236.0.0/14", "AU"], ["52.66.0.0/16", "IN"], ["18.228.0.0/16", "BR"], ["54.169.0.0/16", "SG"], ["3.248.0.0/13", "IE"]] },
  awsEast: { asn: 14618, name: "Amazon AES", ranges: [["44.192.0.0/11", "US"], ["3.208.0.0/12", "US"], ["54.80.0.0/13", "US"], ["34.192.0.0/12", "US"]] },
  gcp: { asn: 396982, name: "Google Cloud", ranges: [["34.64.0.0/11", "US"], ["35.184.0.0/13", "US"], ["35.192.0.0/12", "US"], ["34.89.0.0/16", "GB"], ["34.141.0.0/16", "DE"], ["34.93.0.0/16", "IN"], ["104.196.0.0/14", "US"]] },
  google: { asn: 15169, name: "Google", ranges: [["35.186.0.0/16", "US"], ["35.203.0.0/16", "US"], ["104.154.0.0/15", "US"]] },
  azure: { asn: 8075, name: "Microsoft", ranges: [["20.40.0.0/13", "US"], ["20.96.0.0/12", "US"], ["40.64.0.0/10", "US"], ["52.224.0.0/11", "US"], ["13.64.0.0/11", "US"], ["20.50.0.0/16", "NL"], ["51.104.0.0/15", "GB"], ["20.113.0.0/16", "DE"]] },
  digitalocean: { asn: 14061, name: "DigitalOcean", ranges: [["104.131.0.0/16", "US"], ["159.65.0.0/16", "US"], ["167.99.0.0/16", "US"], ["138.68.0.0/16", "US"], ["164.90.0.0/16", "DE"], ["143.198.0.0/16", "US"], ["137.184.0.0/16", "US"], ["146.190.0.0/16", "US"], ["178.62.0.0/16", "GB"], ["188.166.0.0/16", "NL"], ["139.59.0.0/16", "IN"]] },
  hetzner: { asn: 24940, name: "Hetzner", ranges: [["5.9.0.0/16", "DE"], ["78.46.0.0/15", "DE"], ["88.198.0.0/16", "DE"], ["95.216.0.0/15", "FI"], ["116.202.0.0/15", "DE"], ["135.181.0.0/16", "FI"], ["65.108.0.0/15", "FI"], ["65.21.0.0/16", "FI"], ["49.12.0.0/16", "DE"], ["167.235.0.0/16", "DE"], ["128.140.0.0/17", "DE"], ["5.161.0.0/16", "US"]] },
  ovh: { asn: 16276, name: "OVH", ranges: [["51.38.0.0/16", "FR"], ["51.68.0.0/16", "FR"], ["51.75.0.0/16", "FR"], ["51.77.0.0/16", "FR"], ["51.83.0.0/16", "FR"], ["137.74.0.0/16", "FR"], ["141.94.0.0/16", "FR"], ["147.135.0.0/16", "US"], ["151.80.0.0/16", "FR"], ["158.69.0.0/16", "CA"], ["167.114.0.0/16", "CA"], ["192.99.0.0/16", "CA"], ["37.59.0.0/16", "FR"], ["91.121.0.0/16", "FR"], ["94.23.0.0/16", "FR"], ["51.89.0.0/16", "GB"]] },
  linode: { asn: 63949, name: "Akamai Linode", ranges: [["45.33.0.0/17", "US"], ["45.79.0.0/16", "US"], ["50.116.0.0/18", "US"], ["66.175.208.0/20", "US"], ["139.144.0.0/16", "US"], ["139.162.0.0/16", "GB"], ["172.104.0.0/15", "DE"], ["173.255.192.0/18", "US"], ["96.126.96.0/19", "US"]] },
  vultr: { asn: 20473, name: "Vultr", ranges: [["45.32.0.0/16", "US"], ["45.63.0.0/17", "US"], ["45.76.0.0/15", "US"], ["108.61.0.0/16", "US"], ["144.202.0.0/16", "US"], ["149.28.0.0/16", "US"], ["155.138.128.0/17", "US"], ["207.148.0.0/18", "US"], ["95.179.128.0/17", "NL"], ["136.244.64.0/18", "NL"]] },
  oracle: { asn: 31898, name: "Oracle Cloud", ranges: [["129.146.0.0/16", "US"], ["130.61.0.0/16", "DE"], ["132.145.0.0/16", "US"], ["140.238.0.0/16", "US"], ["144.24.0.0/16", "US"], ["150.136.0.0/16", "US"], ["152.67.0.0/16", "IN"], ["158.101.0.0/16", "US"], ["193.122.0.0/16", "US"]] },
  alibaba: { asn: 45102, name: "Alibaba Cloud", ranges: [["47.74.0.0/15", "SG"], ["47.88.0.0/14", "US"], ["8.209.0.0/16", "DE"], ["47.250.0.0/16", "MY"]] },
  tencent: { asn: 132203, name: "Tencent Cloud", ranges: [["43.128.0.0/14", "SG"], ["43.153.0.0/16", "US"], ["119.28.0.0/16", "HK"], ["150.109.0.0/16", "HK"], ["170.106.0.0/16", "US"]] },
  contabo: { asn: 51167, name: "Contabo", ranges: [["161.97.64.0/18", "DE"], ["173.212.192.0/18", "DE"], ["207.180.192.0/18", "DE"], ["62.171.128.0/18", "GB"], ["144.91.64.0/18", "DE"], ["5.189.128.0/17", "DE"]] },
  leaseweb: { asn: 60781, name: "Leaseweb", ranges: [["5.79.64.0/18", "NL"], ["37.48.64.0/18", "NL"], ["85.17.0.0/16", "NL"], ["95.211.0.0/16", "NL"], ["212.32.224.0/19", "NL"]] },
  m247: { asn: 9009, name: "M247", ranges: [["37.120.128.0/17", "RO"], ["146.70.0.0/16", "GB"], ["89.44.192.0/18", "RO"]] },
  cdn77: { asn: 60068, name: "Datacamp CDN77", ranges: [["89.187.160.0/19", "GB"], ["156.146.32.0/19", "US"], ["195.181.160.0/20", "DE"], ["143.244.32.0/19", "US"]] },
  zscaler: { asn: 62044, name: "Zscaler", ranges: [["165.225.0.0/17", "US"], ["147.161.128.0/17", "GB"], ["136.226.0.0/16", "US"], ["170.85.0.0/16", "DE"]] },
  netskope: { asn: 55256, name: "Netskope", ranges: [["163.116.128.0/17", "US"]] },
  facebook: { asn: 32934, name: "Meta", ranges: [["69.171.224.0/19", "US"], ["173.252.64.0/18", "US"], ["66.220.144.0/20", "US"], ["31.13.64.0/18", "IE"]], v6: "2a03:2880::/32" },
  twitter: { asn: 13414, name: "X Corp", ranges: [["199.16.156.0/22", "US"], ["199.59.148.0/22", "US"]] },
  telegram: { asn: 62041, name: "Telegram", ranges: [["149.154.160.0/20", "NL"], ["91.108.4.0/22", "NL"]] },
  linkedin: { asn: 14413, name: "LinkedIn", ranges: [["108.174.0.0/20", "US"]] },
  akamaiRelay: { asn: 36183, name: "Akamai (Private Relay)", ranges: [["172.224.0.0/13", "US"]] },
  cloudflareRelay: { asn: 13335, name: "Cloudflare (Private Relay)", ranges: [["104.28.0.0/16", "US"]] },
  fastlyRelay: { asn: 54113, name: "Fastly (Private Relay)", ranges: [["146.75.0.0/16", "US"]] },
} satisfies Record<string, Cloud>;

type CloudKey = keyof typeof CLOUD;

/** Generic compute clouds and hosters, weighted roughly by how much bot traffic they carry. */
const HOSTING: Weighted<CloudKey> = [["aws", 3], ["awsEast", 1.5], ["gcp", 2], ["azure", 2], ["digitalocean", 2], ["hetzner", 1.5], ["ovh", 1.5], ["linode", 1], ["vultr", 1], ["oracle", 0.8], ["alibaba", 0.6], ["tencent", 0.5], ["contabo", 0.8], ["leaseweb", 0.6], ["m247", 0.5], ["cdn77", 0.4]];

function cloudNet(r: Rng, key: CloudKey, v6Share = 0): Net {
  const c: Cloud = CLOUD[key];
  if (c.v6 && chance(r, v6Share)) return { ip: randomIpv6(r, c.v6), asn: c.asn, country: "US", kind: "service" };
  const [cidr, country] = pick(r, c.ranges);
  return { ip: randomIpv4(r, cidr), asn: c.asn, country, kind: "cloud" };
}

/** A few addresses sharing one /24 of a cloud range (a VM pool, a VPN egress, a scraper fleet). */
function cloud24(r: Rng, key: CloudKey, hosts: number): Net[] {
  const [cidr, country] = pick(r, CLOUD[key].ranges);
  const prefix = random24(r, cidr);
  return sample(r, Array.from({ length: 250 }, (_, i) => i + 3), hosts).map((h) => ({ ip: `${prefix}.${h}`, asn: CLOUD[key].asn, country, kind: "cloud" as const }));
}

// ───────────────────────── browsers ─────────────────────────

type Os = "ios" | "android" | "windows" | "mac" | "linux" | "chromeos" | "other";
type Engine = "chromium" | "webkit" | "gecko" | "none";
type App = "instagram" | "facebook" | "tiktok" | "snapchat" | "pinterest";

interface Headers {
  ua: string;
  secChUa: string | null;
  accept: string | null;
  secFetchMode: string | null;
  acceptLanguage: string | null;
}

interface Device extends Headers {
  os: Os;
  engine: Engine;
  browser: string;
  app: App | null;
  mobile: boolean;
}

const ACCEPT = {
  chrome: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
  brave: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8",
  safari: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  firefox: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  firefoxOld: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
  imgChrome: "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
  imgSafari: "image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5",
  imgFirefox: "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5",
  sxg: "application/signed-exchange;v=b3;q=0.9,*/*;q=0.8",
  any: "*/*",
} as const;

/** Chrome stable at the time of writing; older majors follow the real auto-update tail. */
const CHROME_STABLE = 142;
const CHROME_BUILD: Record<number, number> = {
  109: 5414, 116: 5845, 119: 6045, 120: 6099, 122: 6261, 124: 6367, 126: 6478, 128: 6613, 130: 6723, 131: 6778, 132: 6834,
  133: 6943, 134: 6998, 135: 7049, 136: 7103, 137: 7151, 138: 7204, 139: 7258, 140: 7339, 141: 7390, 142: 7444,
};

function chromeMajor(r: Rng): number {
  const s = CHROME_STABLE;
  return weighted(r, [[s, 0.42], [s - 1, 0.26], [s - 2, 0.1], [s - 3, 0.05], [s - 4, 0.03], [s - 5, 0.02], [s - 6, 0.02], [s - 8, 0.015], [s - 10, 0.015], [s - 12, 0.01], [s - 16, 0.01], [s - 20, 0.008], [109, 0.006]]);
}

const chromeFull = (r: Rng, major: number) => `${major}.0.${CHROME_BUILD[major] ?? 7000 + (major - 136) * 55}.${int(r, 30, 220)}`;

/** Chromium's GREASE brand list (the real algorithm: seeded by the major version). */
const GREASE_CHARS = [" ", "(", ":", "-", ".", "/", ")", ";", "=", "?", "_"];
const GREASE_VERSIONS = ["8", "99", "24"];
const BRAND_ORDERS = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

function secChUa(major: number, brand?: string, brandVersion = String(major)): string {
  const grease = `"Not${GREASE_CHARS[major % 11]}A${GREASE_CHARS[(major + 1) % 11]}Brand";v="${GREASE_VERSIONS[major % 3]}"`;
  const chromium = `"Chromium";v="${major}"`;
  if (!brand) return (major % 2 ? [grease, chromium] : [chromium, grease]).join(", ");
  const list: string[] = [];
  const order = BRAND_ORDERS[major % 6]!;
  list[order[0]!] = grease;
  list[order[1]!] = chromium;
  list[order[2]!] = `"${brand}";v="${brandVersion}"`;
  return list.join(", ");
}

// Accept-Language, formatted the way each engine formats the user's language list.
const base = (tag: string) => tag.split("-")[0]!;

function expandLangs(tags: readonly string[]): string[] {
  const out: string[] = [];
  tags.forEach((tag, i) => {
    out.push(tag);
    const next = tags[i + 1];
    if (tag.includes("-") && (!next || base(next) !== base(tag)) && !tags.includes(base(tag))) out.push(base(tag));
  });
  return out;
}

const chromeAL = (tags: readonly string[]) =>
  expandLangs(tags).map((t, i) => (i === 0 ? t : `${t};q=${Math.max(0.1, 1 - i / 10).toFixed(1)}`)).join(",");

function firefoxAL(tags: readonly string[]): string {
  const list = expandLangs(tags);
  return list.map((t, i) => (i === 0 ? t : `${t};q=${(Math.round(10 - (10 * i) / list.length) / 10).toFixed(1)}`)).join(",");
}

const safariAL = (tags: readonly string[]) => (tags[0]!.includes("-") ? `${tags[0]},${base(tags[0]!)};q=0.9` : tags[0]!);

const pickLangs = (r: Rng, cc: string) => weighted(r, C(cc).langs);

const DESKTOP_PLATFORM: Record<"windows" | "mac" | "linux" | "chromeos", string> = {
  windows: "Windows NT 10.0; Win64; x64",
  mac: "Macintosh; Intel Mac OS X 10_15_7",
  linux: "X11; Linux x86_64",
  chromeos: "X11; CrOS x86_64 16433.54.0",
};

type DesktopOs = keyof typeof DESKTOP_PLATFORM;

function chromium(o: { ua: string; major: number; brand?: string; brandVersion?: string; accept?: string; lang: string | null; os: Os; browser: string; mobile: boolean; app?: App | null }): Device {
  return {
    ua: o.ua,
    secChUa: secChUa(o.major, o.brand, o.brandVersion),
    accept: o.accept ?? ACCEPT.chrome,
    secFetchMode: "navigate",
    acceptLanguage: o.lang,
    os: o.os,
    engine: "chromium",
    browser: o.browser,
    app: o.app ?? null,
    mobile: o.mobile,
  };
}

function webkit(ua: string, lang: string | null, o: { os: Os; browser: string; mobile: boolean; fetchMetadata: boolean; app?: App | null }): Device {
  return { ua, secChUa: null, accept: ACCEPT.safari, secFetchMode: o.fetchMetadata ? "navigate" : null, acceptLanguage: lang, os: o.os, engine: "webkit", browser: o.browser, app: o.app ?? null, mobile: o.mobile };
}

function chromeDesktop(r: Rng, os: DesktopOs, langs: readonly string[], major = chromeMajor(r)): Device {
  const platform = os === "windows" && major === 109 ? "Windows NT 6.1; Win64; x64" : DESKTOP_PLATFORM[os];
  const ua = `Mozilla/5.0 (${platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
  return chromium({ ua, major, brand: "Google Chrome", lang: chromeAL(langs), os, browser: "chrome", mobile: false });
}

function edgeDesktop(r: Rng, os: DesktopOs, langs: readonly string[], major = Math.max(130, chromeMajor(r))): Device {
  const ua = `Mozilla/5.0 (${DESKTOP_PLATFORM[os]}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36 Edg/${major}.0.0.0`;
  return chromium({ ua, major, brand: "Microsoft Edge", lang: chromeAL(langs), os, browser: "edge", mobile: false });
}

function operaDesktop(r: Rng, langs: readonly string[]): Device {
  const major = CHROME_STABLE - int(r, 1, 3);
  const opera = major - 16;
  const ua = `Mozilla/5.0 (${DESKTOP_PLATFORM.windows}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36 OPR/${opera}.0.0.0`;
  return chromium({ ua, major, brand: "Opera", brandVersion: String(opera), lang: chromeAL(langs), os: "windows", browser: "opera", mobile: false });
}

function braveDesktop(r: Rng, os: DesktopOs, langs: readonly string[]): Device {
  const major = CHROME_STABLE - int(r, 0, 1);
  const ua = `Mozilla/5.0 (${DESKTOP_PLATFORM[os]}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
  return chromium({ ua, major, brand: "Brave", accept: ACCEPT.brave, lang: safariAL(langs), os, browser: "brave", mobile: false });
}

const FIREFOX_VERSIONS: Weighted<number> = [[145, 0.3], [144, 0.32], [143, 0.1], [140, 0.15], [128, 0.06], [115, 0.02]];

function firefoxDesktop(r: Rng, os: "windows" | "mac" | "linux", langs: readonly string[]): Device {
  const v = weighted(r, FIREFOX_VERSIONS);
  const platform = { windows: v === 115 ? "Windows NT 6.1; Win64; x64" : "Windows NT 10.0; Win64; x64", mac: "Macintosh; Intel Mac OS X 10.15", linux: chance(r, 0.4) ? "X11; Ubuntu; Linux x86_64" : "X11; Linux x86_64" }[os];
  const ua = `Mozilla/5.0 (${platform}; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`;
  return { ua, secChUa: null, accept: v >= 128 ? ACCEPT.firefox : ACCEPT.firefoxOld, secFetchMode: "navigate", acceptLanguage: firefoxAL(langs), os, engine: "gecko", browser: "firefox", app: null, mobile: false };
}

interface IosVersion {
  os: string;
  tok: string;
  safari: string;
}

/** iOS 26 freezes the UA's OS token at 18_6; the Version/ token carries the real Safari version. */
const IOS_VERSIONS: Weighted<IosVersion> = [
  [{ os: "26.1", tok: "18_6", safari: "26.1" }, 0.3],
  [{ os: "26.0.1", tok: "18_6", safari: "26.0.1" }, 0.14],
  [{ os: "26.0", tok: "18_6", safari: "26.0" }, 0.05],
  [{ os: "18.6.2", tok: "18_6_2", safari: "18.6" }, 0.17],
  [{ os: "18.5", tok: "18_5", safari: "18.5" }, 0.08],
  [{ os: "18.3.2", tok: "18_3_2", safari: "18.3" }, 0.04],
  [{ os: "17.6.1", tok: "17_6_1", safari: "17.6" }, 0.13],
  [{ os: "16.7.11", tok: "16_7_11", safari: "16.6" }, 0.06],
  [{ os: "15.8.4", tok: "15_8_4", safari: "15.6" }, 0.03],
];

/** Safari sends Sec-Fetch-* from 16.4 on. */
const iosFetchMetadata = (v: IosVersion) => Number(v.safari.split(".")[0]) > 16 || v.safari === "16.6";

const iphoneUa = (v: IosVersion) => `Mozilla/5.0 (iPhone; CPU iPhone OS ${v.tok} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)`;

function safariIos(r: Rng, langs: readonly string[], v = weighted(r, IOS_VERSIONS)): Device {
  const ipad = chance(r, 0.08) && v.tok !== "15_8_4";
  const ua = ipad
    ? `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v.safari} Safari/605.1.15`
    : `${iphoneUa(v)} Version/${v.safari} Mobile/15E148 Safari/604.1`;
  return webkit(ua, safariAL(langs), { os: "ios", browser: "safari", mobile: true, fetchMetadata: iosFetchMetadata(v) });
}

function chromeIos(r: Rng, langs: readonly string[]): Device {
  const v = weighted(r, IOS_VERSIONS);
  const ua = `${iphoneUa(v)} CriOS/${chromeFull(r, chromeMajor(r))} Mobile/15E148 Safari/604.1`;
  return webkit(ua, chromeAL(langs), { os: "ios", browser: "chrome-ios", mobile: true, fetchMetadata: iosFetchMetadata(v) });
}

function otherIosBrowser(r: Rng, langs: readonly string[]): Device {
  const v = weighted(r, IOS_VERSIONS);
  const tail = weighted(r, [
    [`FxiOS/${weighted(r, FIREFOX_VERSIONS)}.0 Mobile/15E148 Safari/605.1.15`, 1],
    [`Version/${v.safari} EdgiOS/${CHROME_STABLE}.0.3595.${int(r, 60, 99)} Mobile/15E148 Safari/605.1.15`, 1],
    [`GSA/${int(r, 385, 392)}.0.${int(r, 780000000, 799999999)} Mobile/15E148 Safari/604.1`, 1.5],
    [`Version/${v.safari} DuckDuckGo/7 Mobile/15E148 Safari/605.1.15`, 0.4],
  ]);
  return webkit(`${iphoneUa(v)} ${tail}`, safariAL(langs), { os: "ios", browser: "ios-other", mobile: true, fetchMetadata: iosFetchMetadata(v) });
}

function safariMac(r: Rng, langs: readonly string[]): Device {
  const v = weighted(r, [["26.1", 0.35], ["26.0.1", 0.15], ["18.6", 0.25], ["18.5", 0.1], ["17.6", 0.15]] as const);
  const ua = `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`;
  return webkit(ua, safariAL(langs), { os: "mac", browser: "safari", mobile: false, fetchMetadata: true });
}

const ANDROID_REDUCED = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)";

function chromeAndroid(r: Rng, langs: readonly string[], major = chromeMajor(r)): Device {
  const ua = `${ANDROID_REDUCED} Chrome/${major}.0.0.0 Mobile Safari/537.36`;
  return chromium({ ua, major, brand: "Google Chrome", lang: chromeAL(langs), os: "android", browser: "chrome", mobile: true });
}

function samsungInternet(r: Rng, langs: readonly string[]): Device {
  const [version, major] = weighted(r, [[[29, 136], 0.5], [[28, 130], 0.35], [[27, 125], 0.15]] as const);
  const ua = `${ANDROID_REDUCED} SamsungBrowser/${version}.0 Chrome/${major}.0.0.0 Mobile Safari/537.36`;
  return chromium({ ua, major, brand: "Samsung Internet", brandVersion: `${version}.0`, lang: chromeAL(langs), os: "android", browser: "samsung", mobile: true });
}

function otherAndroidBrowser(r: Rng, langs: readonly string[]): Device {
  const major = CHROME_STABLE - int(r, 0, 2);
  const kind = weighted(r, [["edge", 1], ["opera", 1.5], ["brave", 1.5], ["firefox", 1.5]] as const);
  if (kind === "firefox") {
    const v = weighted(r, FIREFOX_VERSIONS.slice(0, 3));
    const ua = `Mozilla/5.0 (Android ${pick(r, [13, 14, 15, 16])}; Mobile; rv:${v}.0) Gecko/${v}.0 Firefox/${v}.0`;
    return { ua, secChUa: null, accept: ACCEPT.firefox, secFetchMode: "navigate", acceptLanguage: firefoxAL(langs), os: "android", engine: "gecko", browser: "firefox", app: null, mobile: true };
  }
  if (kind === "edge") {
    const ua = `${ANDROID_REDUCED} Chrome/${major}.0.0.0 Mobile Safari/537.36 EdgA/${major}.0.3595.${int(r, 40, 99)}`;
    return chromium({ ua, major, brand: "Microsoft Edge", lang: chromeAL(langs), os: "android", browser: "edge", mobile: true });
  }
  if (kind === "opera") {
    const opera = int(r, 89, 92);
    const ua = `${ANDROID_REDUCED} Chrome/${major}.0.0.0 Mobile Safari/537.36 OPR/${opera}.0.0.0`;
    return chromium({ ua, major, brand: "Opera", brandVersion: String(opera), lang: chromeAL(langs), os: "android", browser: "opera", mobile: true });
  }
  return chromium({ ua: `${ANDROID_REDUCED} Chrome/${major}.0.0.0 Mobile Safari/537.36`, major, brand: "Brave", accept: ACCEPT.brave, lang: safariAL(langs), os: "android", browser: "brave", mobile: true });
}

interface AndroidModel {
  manuf: string;
  model: string;
  code: string;
  chip: string;
  res: string;
  dpi: number;
  versions: readonly number[];
}

const am = (manuf: string, model: string, code: string, chip: string, res: string, dpi: number, versions: number[]): AndroidModel => ({ manuf, model, code, chip, res, dpi, versions });

const ANDROID_MODELS: Weighted<AndroidModel> = [
  [am("samsung", "SM-S938B", "pa3q", "qcom", "1440x3120", 560, [15, 16]), 1],
  [am("samsung", "SM-S928B", "e3q", "qcom", "1440x3120", 560, [14, 15, 16]), 1.2],
  [am("samsung", "SM-S921B", "e1s", "s5e9945", "1080x2340", 420, [14, 15, 16]), 1.2],
  [am("samsung", "SM-S918B", "dm3q", "qcom", "1440x3088", 600, [14, 15]), 1],
  [am("samsung", "SM-A556B", "a55x", "s5e8845", "1080x2340", 450, [14, 15]), 1.3],
  [am("samsung", "SM-A546B", "a54x", "s5e8835", "1080x2340", 450, [14, 15]), 1.3],
  [am("samsung", "SM-A155F", "a15", "mt6789", "1080x2340", 450, [14, 15]), 1.5],
  [am("samsung", "SM-A057F", "a05s", "qcom", "720x1600", 300, [13, 14]), 1],
  [am("samsung", "SM-G991B", "o1s", "exynos2100", "1080x2400", 420, [13, 14, 15]), 0.7],
  [am("Google/google", "Pixel 9", "tokay", "tokay", "1080x2424", 420, [15, 16]), 0.8],
  [am("Google/google", "Pixel 8", "shiba", "shiba", "1080x2400", 420, [14, 15, 16]), 0.8],
  [am("Google/google", "Pixel 8 Pro", "husky", "husky", "1344x2992", 480, [14, 15, 16]), 0.5],
  [am("Google/google", "Pixel 7a", "lynx", "lynx", "1080x2400", 420, [14, 15, 16]), 0.6],
  [am("Xiaomi/Redmi", "23129RAA4G", "topaz", "qcom", "1080x2400", 440, [13, 14]), 1.2],
  [am("Xiaomi/Redmi", "2312DRAABG", "emerald", "mt6789", "1080x2400", 440, [13, 14]), 0.9],
  [am("Xiaomi/Redmi", "24049RN28L", "moon", "mt6768", "1080x2460", 440, [14]), 0.8],
  [am("Xiaomi/POCO", "23049PCD8G", "marble", "qcom", "1080x2400", 440, [13, 14]), 0.5],
  [am("OnePlus", "CPH2581", "OP595DL1", "qcom", "1440x3168", 560, [14, 15]), 0.5],
  [am("OPPO", "CPH2591", "OP5A2DL1", "mt6789", "1080x2412", 480, [14]), 0.5],
  [am("vivo", "V2318", "PD2318", "mt6789", "1080x2400", 440, [14]), 0.5],
  [am("realme", "RMX3834", "RE5C9F", "mt6768", "720x1600", 320, [14]), 0.5],
  [am("motorola", "moto g84 5G", "bangkk", "qcom", "1080x2400", 400, [13, 14]), 0.6],
  [am("INFINIX", "Infinix X6833B", "Infinix-X6833B", "mt6789", "1080x2460", 480, [13]), 0.5],
  [am("TECNO", "TECNO KI5k", "TECNO-KI5k", "mt6768", "720x1612", 320, [13]), 0.4],
];

const ANDROID_BUILDS: Record<number, readonly string[]> = {
  16: ["BP2A.250605.031.A2", "BP3A.250905.014"],
  15: ["AP3A.240905.015.A2", "AP4A.250205.002", "AP3A.240617.008"],
  14: ["UP1A.231005.007", "UQ1A.240205.004", "UKQ1.231108.001"],
  13: ["TP1A.220624.014", "TKQ1.221114.001"],
  12: ["SP1A.210812.016", "SQ3A.220705.003.A1"],
  9: ["PQ3B.190801.002", "PQ3A.190705.003"],
  7: ["N2G48H", "N6F26Q"],
};
const API_LEVEL: Record<number, number> = { 16: 36, 15: 35, 14: 34, 13: 33, 12: 31, 9: 28, 7: 25 };
const androidVersionName = (v: number) => (v === 7 ? "7.1.2" : String(v));

const locale = (tag: string, cc: string) => (tag.includes("-") ? tag.replace("-", "_") : `${tag}_${cc}`);

interface AndroidWebview {
  ua: string;
  major: number;
  model: AndroidModel;
  version: number;
}

/** The plain Android System WebView UA of an app (real model, Build id, full Chrome version). */
function androidWebviewUa(r: Rng, model = weighted(r, ANDROID_MODELS), version = pick(r, model.versions), major = chromeMajor(r)): AndroidWebview {
  const ua = `Mozilla/5.0 (Linux; Android ${androidVersionName(version)}; ${model.model} Build/${pick(r, ANDROID_BUILDS[version] ?? ["UP1A.231005.007"])}; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/${chromeFull(r, major)} Mobile Safari/537.36`;
  return { ua, major, model, version };
}

function webviewDevice(w: AndroidWebview, ua: string, langs: readonly string[], app: App | null): Device {
  const d = chromium({ ua, major: w.major, brand: "Android WebView", lang: chromeAL(langs), os: "android", browser: "webview", mobile: true, app });
  return w.major >= 116 ? d : { ...d, secChUa: null };
}

const IPHONES: readonly (readonly [string, string, number])[] = [
  ["iPhone17,1", "1206x2622", 3], ["iPhone17,2", "1320x2868", 3], ["iPhone17,3", "1179x2556", 3], ["iPhone16,1", "1179x2556", 3],
  ["iPhone16,2", "1290x2796", 3], ["iPhone15,2", "1179x2556", 3], ["iPhone15,3", "1290x2796", 3], ["iPhone15,4", "1179x2556", 3],
  ["iPhone14,5", "1170x2532", 3], ["iPhone14,7", "1170x2532", 3], ["iPhone14,2", "1170x2532", 3], ["iPhone13,2", "1170x2532", 3],
  ["iPhone12,1", "828x1792", 2], ["iPhone14,6", "750x1334", 2],
];

const igVersion = (r: Rng) => `${int(r, 396, 404)}.0.0.${int(r, 11, 48)}.${int(r, 60, 120)}`;
const fbVersion = (r: Rng) => `${int(r, 526, 536)}.0.0.${int(r, 30, 60)}.${int(r, 100, 119)}`;
const tiktokVersion = (r: Rng) => `${int(r, 40, 42)}.${int(r, 0, 9)}.${int(r, 0, 5)}`;

/** An in-app browser. On iOS a WKWebView (no client hints); on Android the System WebView. */
function inAppDevice(r: Rng, app: App, ios: boolean, langs: readonly string[], cc: string): Device {
  const tag = langs[0]!;
  const loc = locale(tag, cc);
  if (ios) {
    const v = weighted(r, IOS_VERSIONS);
    const [model, res, scale] = pick(r, IPHONES);
    const osU = v.os.replace(/\./g, "_");
    const tail = {
      instagram: `Mobile/15E148 Instagram ${igVersion(r)} (${model}; iOS ${osU}; ${loc}; ${tag}; scale=${scale}.00; ${res}; ${int(r, 700000000, 899999999)})`,
      facebook: `Mobile/15E148 [FBAN/FBIOS;FBAV/${fbVersion(r)};FBBV/${int(r, 690000000, 720000000)};FBDV/${model};FBMD/iPhone;FBSN/iOS;FBSV/${v.os};FBSS/${scale};FBID/phone;FBLC/${loc};FBOP/5;FBRV/${int(r, 690000000, 720000000)}]`,
      tiktok: `Mobile/15E148 musical_ly_${tiktokVersion(r)} JsSdk/2.0 NetType/${pick(r, ["WIFI", "4G", "5G"])} Channel/App Store ByteLocale/${base(tag)} Region/${cc} isDarkMode/${int(r, 0, 1)} WKWebView/1 RevealType/Dialog BytedanceWebview/d8a21c6`,
      snapchat: `Mobile/15E148 Snapchat/13.${int(r, 60, 68)}.0.${int(r, 30, 60)} (like Safari/8621.1.15.10.7, panda)`,
      pinterest: `Mobile/15E148 [Pinterest/iOS]`,
    }[app];
    return webkit(`${iphoneUa(v)} ${tail}`, safariAL(langs), { os: "ios", browser: "webview", mobile: true, fetchMetadata: iosFetchMetadata(v), app });
  }
  if (app === "snapchat") return chromeAndroid(r, langs); // Snapchat on Android opens Chrome Custom Tabs
  const w = androidWebviewUa(r);
  const m = w.model;
  const tail = {
    instagram: `Instagram ${igVersion(r)} Android (${API_LEVEL[w.version]}/${androidVersionName(w.version)}; ${m.dpi}dpi; ${m.res}; ${m.manuf}; ${m.model}; ${m.code}; ${m.chip}; ${loc}; ${int(r, 700000000, 799999999)})`,
    facebook: `[FB_IAB/FB4A;FBAV/${fbVersion(r)};]`,
    tiktok: tiktokAndroidTail(r, tag, cc),
    pinterest: `[Pinterest/Android]`,
  }[app];
  return webviewDevice(w, `${w.ua} ${tail}`, langs, app);
}

function tiktokAndroidTail(r: Rng, tag: string, cc: string): string {
  const us = cc === "US";
  const v = tiktokVersion(r);
  const [name, id] = us ? ["musical_ly", 1233] : ["trill", 1180];
  return `${name}_${v.replace(/\./g, "")}0${int(r, 10, 99)} JsSdk/1.0 NetType/${pick(r, ["WIFI", "4G", "5G"])} Channel/googleplay AppName/${name} app_version/${v} ByteLocale/${base(tag)} ByteFullLocale/${tag} Region/${cc} AppId/${id} Spark/1.7.6.3-bugfix AppVersion/${v} BytedanceWebview/d8a21c6`;
}

function mobileBrowser(r: Rng, ios: boolean, langs: readonly string[]): Device {
  if (ios) return weighted(r, [["safari", 0.84], ["chrome", 0.11], ["other", 0.05]] as const) === "safari" ? safariIos(r, langs) : chance(r, 0.7) ? chromeIos(r, langs) : otherIosBrowser(r, langs);
  const kind = weighted(r, [["chrome", 0.7], ["samsung", 0.21], ["other", 0.09]] as const);
  return kind === "chrome" ? chromeAndroid(r, langs) : kind === "samsung" ? samsungInternet(r, langs) : otherAndroidBrowser(r, langs);
}

function desktopBrowser(r: Rng, langs: readonly string[]): Device {
  switch (weighted(r, [["winChrome", 0.5], ["winEdge", 0.15], ["winFirefox", 0.06], ["macChrome", 0.1], ["macSafari", 0.1], ["macFirefox", 0.015], ["linuxChrome", 0.02], ["linuxFirefox", 0.015], ["chromeos", 0.015], ["opera", 0.015], ["brave", 0.015], ["macEdge", 0.01]] as const)) {
    case "winChrome": return chromeDesktop(r, "windows", langs);
    case "winEdge": return edgeDesktop(r, "windows", langs);
    case "winFirefox": return firefoxDesktop(r, "windows", langs);
    case "macChrome": return chromeDesktop(r, "mac", langs);
    case "macSafari": return safariMac(r, langs);
    case "macFirefox": return firefoxDesktop(r, "mac", langs);
    case "linuxChrome": return chromeDesktop(r, "linux", langs);
    case "linuxFirefox": return firefoxDesktop(r, "linux", langs);
    case "chromeos": return chromeDesktop(r, "chromeos", langs);
    case "opera": return operaDesktop(r, langs);
    case "brave": return braveDesktop(r, pick(r, ["windows", "mac"] as const), langs);
    case "macEdge": return edgeDesktop(r, "mac", langs);
  }
}

/** Any browser a person might use, with no particular source in mind. */
function anyBrowser(r: Rng, cc: string, langs: readonly string[], mobileShare = 0.65): Device {
  return chance(r, mobileShare) ? mobileBrowser(r, chance(r, C(cc).ios), langs) : desktopBrowser(r, langs);
}

// ───────────────────────── links and sources ─────────────────────────

type Source = "instagram" | "tiktok" | "youtube" | "twitter" | "linktree" | "facebook" | "google" | "reddit" | "pinterest" | "snapchat" | "direct";

const MOBILE_SHARE: Record<Source, number> = { instagram: 0.95, tiktok: 0.96, youtube: 0.7, twitter: 0.75, linktree: 0.92, facebook: 0.85, google: 0.55, reddit: 0.7, pinterest: 0.85, snapchat: 1, direct: 0.6 };
const IN_APP_SHARE: Partial<Record<Source, number>> = { instagram: 0.82, tiktok: 0.88, facebook: 0.85, linktree: 0.65, pinterest: 0.6, snapchat: 1 };

function inAppFor(r: Rng, src: Source): App | null {
  if (!chance(r, IN_APP_SHARE[src] ?? 0)) return null;
  if (src === "linktree") return chance(r, 0.6) ? "instagram" : "tiktok";
  return src as App;
}

function deviceForSource(r: Rng, src: Source, cc: string, langs: readonly string[], forceMobile = false): Device {
  if (!forceMobile && !chance(r, MOBILE_SHARE[src])) return desktopBrowser(r, langs);
  const ios = chance(r, C(cc).ios);
  const app = inAppFor(r, src);
  if (app) return inAppDevice(r, app, ios, langs, cc);
  if (src === "google" && ios && chance(r, 0.3)) return otherIosBrowser(r, langs);
  return mobileBrowser(r, ios, langs);
}

function refererFor(r: Rng, src: Source, dev: Device, cc: string): string | null {
  const androidMobile = dev.os === "android" && dev.mobile;
  switch (src) {
    case "instagram":
      return dev.app === "instagram" ? weighted<string | null>(r, [["https://l.instagram.com/", 0.62], [null, 0.28], ["https://www.instagram.com/", 0.1]]) : weighted<string | null>(r, [[null, 0.6], ["https://www.instagram.com/", 0.4]]);
    case "tiktok":
      return weighted<string | null>(r, [[null, 0.55], ["https://www.tiktok.com/", 0.45]]);
    case "youtube":
      return androidMobile
        ? weighted<string | null>(r, [["android-app://com.google.android.youtube/", 0.45], ["https://www.youtube.com/", 0.35], [null, 0.2]])
        : weighted<string | null>(r, [["https://www.youtube.com/", 0.75], ["https://m.youtube.com/", 0.08], [null, 0.17]]);
    case "twitter":
      return weighted<string | null>(r, [["https://t.co/", 0.85], [null, 0.15]]);
    case "linktree":
      return weighted<string | null>(r, [["https://linktr.ee/", 0.88], [null, 0.12]]);
    case "facebook":
      return weighted<string | null>(r, [["https://l.facebook.com/", 0.45], ["https://lm.facebook.com/", 0.25], ["https://www.facebook.com/", 0.1], [null, 0.2]]);
    case "google":
      return androidMobile ? weighted<string | null>(r, [[C(cc).google, 0.6], ["android-app://com.google.android.googlequicksearchbox/", 0.3], [null, 0.1]]) : weighted<string | null>(r, [[C(cc).google, 0.9], [null, 0.1]]);
    case "reddit":
      return weighted<string | null>(r, [["https://www.reddit.com/", 0.75], [null, 0.25]]);
    case "pinterest":
      return weighted<string | null>(r, [["https://www.pinterest.com/", 0.6], [null, 0.4]]);
    case "snapchat":
      return null;
    case "direct":
      return weighted<string | null>(r, [[null, 0.9], ["android-app://com.google.android.gm/", 0.05], ["https://mail.google.com/", 0.05]]);
  }
}

interface Post {
  ts: number;
  amp: number;
  tau: number;
}

interface Link {
  id: string;
  daily: number;
  platform: Source;
  sources: Weighted<Source>;
  audience: { country: string; share: number }[];
  posts: Post[];
  dayMult: number[];
}

const PRIMARY_PLATFORMS: Weighted<Source> = [["instagram", 0.35], ["tiktok", 0.25], ["youtube", 0.18], ["linktree", 0.12], ["twitter", 0.1]];
const SECONDARY_SOURCES: readonly Source[] = ["google", "facebook", "direct", "reddit", "pinterest", "snapchat", "instagram", "tiktok", "youtube", "twitter", "linktree"];
const AUDIENCE_COUNTRIES: Weighted<string> = [["US", 0.34], ["GB", 0.1], ["IN", 0.1], ["BR", 0.07], ["DE", 0.07], ["FR", 0.05], ["CA", 0.05], ["AU", 0.04], ["MX", 0.06], ["ES", 0.04], ["IT", 0.04], ["PH", 0.02], ["ID", 0.02]];
/** Countries that appear as foreign traffic sources (farms, incentivised traffic). */
const FARM_COUNTRIES: readonly string[] = ["BD", "VN", "ID", "PH", "PK", "NG", "EG", "IN", "BR"];

function makeSources(r: Rng, platform: Source): Weighted<Source> {
  const primary = between(r, 0.6, 0.88);
  const others = sample(r, SECONDARY_SOURCES.filter((s) => s !== platform), int(r, 2, 4));
  const weights = others.map(() => r());
  const total = weights.reduce((a, b) => a + b, 0);
  return [[platform, primary], ...others.map((s, i) => [s, ((1 - primary) * weights[i]!) / total] as const)];
}

function makeAudience(r: Rng): Link["audience"] {
  const primary = weighted(r, AUDIENCE_COUNTRIES);
  const share = between(r, 0.5, 0.88);
  const others = sample(r, AUDIENCE_COUNTRIES.map(([c]) => c).filter((c) => c !== primary), int(r, 1, 4));
  const weights = others.map((_, i) => r() / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return [{ country: primary, share }, ...others.map((country, i) => ({ country, share: ((1 - share) * weights[i]!) / total }))];
}

/** Creator posts (stories, new videos) lift a link for a few hours. */
function makePosts(r: Rng, start: number, days: number, tz: number): Post[] {
  const posts: Post[] = [];
  for (let d = 0; d < days; d++) {
    for (let k = weighted(r, [[0, 0.3], [1, 0.5], [2, 0.2]]); k > 0; k--) {
      posts.push({ ts: start + d * DAY - tz * HOUR + between(r, 9, 22) * HOUR, amp: between(r, 0.8, 3), tau: between(r, 1, 5) * HOUR });
    }
  }
  return posts;
}

/** Link volumes spread log-evenly from ~40/day to ~6,000/day. */
const linkTiers = (n: number) => Array.from({ length: n }, (_, i) => 40 * Math.pow(6000 / 40, n === 1 ? 0.5 : i / (n - 1)));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function makeLinks(r: Rng, n: number, start: number, days: number, scale: number): Link[] {
  const tiers = shuffle(r, linkTiers(n));
  return tiers.map((tier, i) => {
    const platform = weighted(r, PRIMARY_PLATFORMS);
    const audience = makeAudience(r);
    return {
      id: `L${i + 1}`,
      daily: tier * between(r, 0.75, 1.3) * scale,
      platform,
      sources: makeSources(r, platform),
      audience,
      posts: makePosts(r, start, days, C(audience[0]!.country).tz),
      dayMult: Array.from({ length: days }, () => between(r, 0.75, 1.3)),
    };
  });
}

function linkBoost(link: Link, ts: number, start: number): number {
  let lift = 1;
  for (const p of link.posts) if (ts >= p.ts) lift += p.amp * Math.exp(-(ts - p.ts) / p.tau);
  return lift * (link.dayMult[Math.floor((ts - start) / DAY)] ?? 1);
}

/** Expected organic clicks per minute on a link at `ts`. */
function organicRate(link: Link, ts: number, start: number): number {
  const boost = linkBoost(link, ts, start);
  return link.audience.reduce((sum, a) => sum + (link.daily * a.share * curveAt(ACTIVITY, localHour(ts, C(a.country).tz)) * boost) / 1440, 0);
}

const audienceCountry = (r: Rng, link: Link) => weighted(r, link.audience.map((a) => [a.country, a.share] as const));
const primaryCountry = (link: Link) => link.audience[0]!.country;
const inAudience = (link: Link, cc: string) => link.audience.some((a) => a.country === cc);

// ───────────────────────── context and output ─────────────────────────

interface Ctx {
  seed: number;
  start: number;
  end: number;
  days: number;
  scale: number;
  /** Scale for per-link activity (crawler visits): `scale` times run length, 3 days = 1. */
  runScale: number;
  /** Scale for incidents: `runScale` times human volume relative to the default 8 links. */
  volume: number;
  links: Link[];
  out: LabelledClick[];
  pools: Map<string, Net[]>;
}

interface Visit {
  ts: number;
  link: Link;
  net: Net;
  dev: Headers;
  referer: string | null;
  method?: "GET" | "HEAD";
}

interface Person {
  dev: Device;
  net: Net;
  referer: string | null;
}

const familyRng = (ctx: Ctx, name: string) => mulberry32(ctx.seed ^ hashString(name));

function emit(ctx: Ctx, family: FamilyName, v: Visit): void {
  if (v.ts < ctx.start || v.ts >= ctx.end) return;
  const taxonomy = TAXONOMY[family];
  ctx.out.push({
    id: "",
    ts: Math.floor(v.ts),
    link: v.link.id,
    ip: v.net.ip,
    ua: v.dev.ua,
    asn: v.net.asn,
    country: v.net.country,
    referer: v.referer,
    acceptLanguage: v.dev.acceptLanguage,
    method: v.method ?? "GET",
    secChUa: v.dev.secChUa,
    secFetchMode: v.dev.secFetchMode,
    accept: v.dev.accept,
    family,
    taxonomy,
    bot: taxonomy !== "human",
  });
}

/** Number of episodes, scaled with the run's human volume; every family keeps at least one. */
const episodes = (ctx: Ctx, r: Rng, lo: number, hi: number) => Math.max(1, Math.round(int(r, lo, hi) * ctx.volume));
const randomStart = (ctx: Ctx, r: Rng, duration: number) => ctx.start + r() * Math.max(0, ctx.end - ctx.start - duration);
const dayStart = (ctx: Ctx, d: number) => ctx.start + d * DAY;
const linkWeights = (ctx: Ctx, power = 1): Weighted<Link> => ctx.links.map((l) => [l, Math.pow(l.daily, power)] as const);

/** Volume-weighted audience countries over all links. */
function countryWeights(ctx: Ctx): Weighted<string> {
  const w = new Map<string, number>();
  for (const l of ctx.links) for (const a of l.audience) w.set(a.country, (w.get(a.country) ?? 0) + l.daily * a.share);
  return [...w];
}

function linksFor(ctx: Ctx, cc: string): Weighted<Link> {
  const w = ctx.links.map((l) => [l, l.daily * (l.audience.find((a) => a.country === cc)?.share ?? 0) + l.daily * 0.01] as const);
  return w;
}

/** A memoised pool of addresses, drawn from its own stream so every family sees the same pool. */
function pool(ctx: Ctx, key: string, make: (r: Rng) => Net[]): Net[] {
  let p = ctx.pools.get(key);
  if (!p) {
    p = make(mulberry32(ctx.seed ^ hashString(`pool:${key}`)));
    ctx.pools.set(key, p);
  }
  return p;
}

/** Public IPv4 addresses of mobile-carrier CGNAT gateways; shared by real phones and 4G proxies. */
const cgnatPool = (ctx: Ctx, cc: string) => pool(ctx, `cgnat:${cc}`, (r) => Array.from({ length: 48 }, () => mobileNet(r, cc, false)));

const RELAY_COUNTRIES = new Set(["US", "GB", "CA", "AU", "DE", "FR", "ES", "IT", "MX", "BR"]);
const relayPool = (ctx: Ctx, cc: string) =>
  pool(ctx, `relay:${cc}`, (r) =>
    Array.from({ length: 36 }, () => {
      const key = weighted<CloudKey>(r, [["akamaiRelay", 0.5], ["cloudflareRelay", 0.35], ["fastlyRelay", 0.15]]);
      return { ...cloudNet(r, key), country: cc, kind: "relay" as const };
    }),
  );

function person(ctx: Ctx, r: Rng, cc: string, src: Source, forceMobile = false): Person {
  const dev = deviceForSource(r, src, cc, pickLangs(r, cc), forceMobile);
  const relay = dev.browser === "safari" && RELAY_COUNTRIES.has(cc) && chance(r, 0.14);
  const net = relay ? pick(r, relayPool(ctx, cc)) : residentialNet(r, cc, dev.mobile);
  return { dev, net, referer: refererFor(r, src, dev, cc) };
}

// ───────────────────────── human families ─────────────────────────

/** Share of in-app visits, per source, whose webview sends no Accept-Language. */
const WEBVIEW_NO_LANG: Partial<Record<Source, number>> = { instagram: 0.08, tiktok: 0.1, facebook: 0.1, snapchat: 0.45, pinterest: 0.12, linktree: 0.05 };

function humanOrganic(ctx: Ctx): void {
  const r = familyRng(ctx, "human_organic");
  for (const link of ctx.links) {
    for (let t = ctx.start; t < ctx.end; t += MIN) {
      const boost = linkBoost(link, t, ctx.start);
      for (const a of link.audience) {
        const lambda = (link.daily * a.share * curveAt(ACTIVITY, localHour(t, C(a.country).tz)) * boost) / 1440;
        for (let n = poisson(r, lambda); n > 0; n--) organicVisit(ctx, r, link, a.country, t + r() * MIN);
      }
    }
  }
}

function organicVisit(ctx: Ctx, r: Rng, link: Link, cc: string, ts: number): void {
  const src = weighted(r, link.sources);
  if (chance(r, WEBVIEW_NO_LANG[src] ?? 0)) return webviewVisit(ctx, r, link, cc, ts, src);
  const p = person(ctx, r, cc, src);
  if (chance(r, 0.022)) return doubleTap(ctx, r, link, p, ts);
  emit(ctx, p.net.kind === "relay" ? "human_private_relay" : "human_organic", { ts, link, ...p });
}

function webviewVisit(ctx: Ctx, r: Rng, link: Link, cc: string, ts: number, src: Source): void {
  const app: App = src === "linktree" ? (chance(r, 0.6) ? "instagram" : "tiktok") : (src as App);
  const ios = app === "snapchat" || chance(r, C(cc).ios);
  const dev = { ...inAppDevice(r, app, ios, pickLangs(r, cc), cc), acceptLanguage: null };
  const referer = chance(r, 0.7) ? null : refererFor(r, src, dev, cc);
  emit(ctx, "human_webview", { ts, link, dev, net: residentialNet(r, cc, true), referer });
}

function doubleTap(ctx: Ctx, r: Rng, link: Link, p: Person, ts: number): void {
  let t = ts;
  for (let taps = chance(r, 0.2) ? 3 : 2; taps > 0; taps--) {
    emit(ctx, "human_double_tap", { ts: t, link, ...p });
    t += between(r, 200, 1500);
  }
}

/** Rise, plateau, exponential decay. */
function spikeShape(dt: number, rise: number, hold: number, tau: number): number {
  if (dt < 0) return 0;
  if (dt < rise) return dt / rise;
  if (dt < rise + hold) return 1;
  return Math.exp(-(dt - rise - hold) / tau);
}

function humanViralSpike(ctx: Ctx): void {
  const r = familyRng(ctx, "human_viral_spike");
  const byVolume = [...ctx.links].sort((a, b) => a.daily - b.daily);
  const modest = byVolume.filter((l) => l.daily >= 100 * ctx.scale && l.daily <= 1200 * ctx.scale);
  const mid = modest.length ? modest : [byVolume[Math.floor(byVolume.length / 2)]!];
  for (let e = 0, n = episodes(ctx, r, 1, 2); e < n; e++) {
    const link = pick(r, mid);
    const mult = between(r, 20, 50);
    const [rise, hold, tau] = [between(r, 10, 30) * MIN, between(r, 60, 150) * MIN, between(r, 30, 90) * MIN];
    const tz = C(primaryCountry(link)).tz;
    const t0 = Math.max(ctx.start, dayStart(ctx, int(r, 0, ctx.days - 1)) - tz * HOUR + between(r, 10, 20) * HOUR);
    const newSource = chance(r, 0.7) ? pick(r, (["twitter", "reddit", "tiktok", "instagram", "youtube"] as const).filter((s) => s !== link.platform)) : null;
    const perMinute = ((mult - 1) * link.daily) / 1440;
    for (let t = t0; t < t0 + rise + hold + 5 * tau; t += MIN) {
      for (let k = poisson(r, perMinute * spikeShape(t - t0, rise, hold, tau)); k > 0; k--) {
        const src = newSource && chance(r, 0.6) ? newSource : weighted(r, link.sources);
        const cc = chance(r, 0.75) ? audienceCountry(r, link) : weighted(r, AUDIENCE_COUNTRIES);
        emit(ctx, "human_viral_spike", { ts: t + r() * MIN, link, ...person(ctx, r, cc, src) });
      }
    }
  }
}

function humanCarrierNat(ctx: Ctx): void {
  const r = familyRng(ctx, "human_carrier_nat");
  for (let e = 0, n = episodes(ctx, r, 4, 7); e < n; e++) {
    const cc = weighted(r, countryWeights(ctx));
    const gateways = sample(r, cgnatPool(ctx, cc), int(r, 2, 5));
    const links = linksFor(ctx, cc);
    for (const net of gateways) {
      for (let d = 0; d < ctx.days; d++) {
        for (let people = int(r, 12, 45); people > 0; people--) {
          const link = weighted(r, links);
          const src = weighted(r, link.sources);
          const dev = deviceForSource(r, src, cc, pickLangs(r, cc), true);
          const ts = timeByCurve(r, dayStart(ctx, d), dayStart(ctx, d) + DAY, C(cc).tz, ACTIVITY);
          emit(ctx, "human_carrier_nat", { ts, link, dev, net, referer: refererFor(r, src, dev, cc) });
        }
      }
    }
  }
}

const VPN_EGRESS: Weighted<CloudKey> = [["zscaler", 3], ["netskope", 1], ["aws", 1], ["azure", 1], ["gcp", 0.7]];
const SHARE_CHANNELS: Weighted<"slack" | "teams" | "email"> = [["slack", 0.5], ["teams", 0.3], ["email", 0.2]];

function officeReferer(r: Rng, channel: "slack" | "teams" | "email"): string | null {
  if (channel === "slack") return weighted<string | null>(r, [[null, 0.6], ["https://app.slack.com/", 0.4]]);
  if (channel === "teams") return weighted<string | null>(r, [[null, 0.7], ["https://teams.microsoft.com/", 0.3]]);
  return weighted<string | null>(r, [[null, 0.5], ["https://outlook.office.com/", 0.3], ["https://mail.google.com/", 0.2]]);
}

function humanOfficeVpn(ctx: Ctx): void {
  const r = familyRng(ctx, "human_office_vpn");
  for (let e = 0, n = episodes(ctx, r, 4, 6); e < n; e++) {
    const cc = weighted(r, countryWeights(ctx).filter(([c]) => ["US", "GB", "DE", "FR", "CA", "AU", "ES", "IT", "IN"].includes(c)).concat([["US", 0.1]]));
    const egress = cloud24(r, weighted(r, VPN_EGRESS), int(r, 1, 4)).map((n) => ({ ...n, country: cc }));
    const fleetMajor = chromeMajor(r);
    const staff = Array.from({ length: int(r, 10, 60) }, () => officeDevice(r, cc, fleetMajor));
    for (let s = int(r, 2, 5); s > 0; s--) {
      const link = weighted(r, linksFor(ctx, cc));
      const channel = weighted(r, SHARE_CHANNELS);
      const shared = officeShareTime(ctx, r, C(cc).tz);
      if (channel !== "email") preview(ctx, r, link, shared, channel === "slack" ? "slack" : "teams", cc);
      for (const dev of staff) {
        if (!chance(r, 0.6)) continue;
        const ts = shared + expo(r, 40 * MIN);
        emit(ctx, "human_office_vpn", { ts, link, dev, net: pick(r, egress), referer: officeReferer(r, channel) });
        if (chance(r, 0.15)) emit(ctx, "human_office_vpn", { ts: ts + between(r, 5, 240) * MIN, link, dev, net: pick(r, egress), referer: null });
      }
    }
  }
}

function officeDevice(r: Rng, cc: string, fleetMajor: number): Device {
  const langs = pickLangs(r, cc);
  if (chance(r, 0.15)) return mobileBrowser(r, chance(r, 0.6), langs);
  return weighted(r, [
    [() => chromeDesktop(r, "windows", langs, chance(r, 0.6) ? fleetMajor : chromeMajor(r)), 0.45],
    [() => edgeDesktop(r, "windows", langs, chance(r, 0.6) ? Math.max(130, fleetMajor) : Math.max(130, chromeMajor(r))), 0.3],
    [() => chromeDesktop(r, "mac", langs), 0.12],
    [() => safariMac(r, langs), 0.1],
    [() => firefoxDesktop(r, "windows", langs), 0.03],
  ])();
}

function officeShareTime(ctx: Ctx, r: Rng, tz: number): number {
  for (let i = 0; i < 20; i++) {
    const d = int(r, 0, ctx.days - 1);
    const t = timeByCurve(r, dayStart(ctx, d), dayStart(ctx, d) + DAY, tz, OFFICE);
    if (!isWeekend(t, tz) || chance(r, 0.1)) return t;
  }
  return randomStart(ctx, r, HOUR);
}

function humanReturning(ctx: Ctx): void {
  const r = familyRng(ctx, "human_returning");
  for (const link of ctx.links) {
    for (let n = Math.max(2, Math.round(link.daily * ctx.days * 0.01)); n > 0; n--) {
      const cc = audienceCountry(r, link);
      const src = weighted(r, link.sources);
      const p = person(ctx, r, cc, src);
      for (const [i, d] of visitDays(r, ctx.days, int(r, 2, 5)).entries()) {
        const ts = timeByCurve(r, dayStart(ctx, d), dayStart(ctx, d) + DAY, C(cc).tz, ACTIVITY);
        const referer = i === 0 ? p.referer : weighted<string | null>(r, [[p.referer, 0.5], [null, 0.3], [refererFor(r, src, p.dev, cc), 0.2]]);
        emit(ctx, "human_returning", { ts, link, dev: p.dev, net: p.net, referer });
      }
    }
  }
}

/** Day indexes of a returning visitor's visits, spanning at least two days when the run allows. */
function visitDays(r: Rng, days: number, visits: number): number[] {
  const out = Array.from({ length: visits }, () => int(r, 0, days - 1)).sort((a, b) => a - b);
  if (days > 1 && out[0] === out[out.length - 1]) out[out.length - 1] = out[0] === days - 1 ? 0 : days - 1;
  return out.sort((a, b) => a - b);
}

// ───────────────────────── GIVT ─────────────────────────

function givtDatacenter(ctx: Ctx): void {
  const r = familyRng(ctx, "givt_datacenter");
  for (let e = 0, n = episodes(ctx, r, 8, 14); e < n; e++) {
    const key = weighted(r, HOSTING);
    const nets = Array.from({ length: int(r, 1, 3) }, () => cloud24(r, key, int(r, 1, 8))).flat();
    const langs = chance(r, 0.7) ? ["en-US"] : pickLangs(r, weighted(r, AUDIENCE_COUNTRIES));
    const dropLang = chance(r, 0.4);
    const ids = Array.from({ length: int(r, 1, 3) }, () => {
      const d = chance(r, 0.8) ? desktopBrowser(r, langs) : mobileBrowser(r, chance(r, 0.4), langs);
      return dropLang ? { ...d, acceptLanguage: null } : d;
    });
    const targets = sample(r, ctx.links, int(r, 1, 4));
    const duration = logBetween(r, 10, 480) * MIN;
    const t0 = randomStart(ctx, r, duration);
    const periodic = chance(r, 0.3);
    const clicks = int(r, 40, 200);
    const spoofRef = chance(r, 0.2) ? pick(r, ["https://l.instagram.com/", "https://t.co/", "https://www.google.com/"]) : null;
    for (let i = 0; i < clicks; i++) {
      const ts = periodic ? t0 + (i * duration) / clicks + between(r, -2, 2) * SEC : t0 + r() * duration;
      emit(ctx, "givt_datacenter", { ts, link: pick(r, targets), net: pick(r, nets), dev: pick(r, ids), referer: spoofRef && chance(r, 0.7) ? spoofRef : null });
    }
  }
}

interface Crawler {
  uas: readonly string[];
  net: (r: Rng) => Net;
  accept: string | null;
  lang: string | null;
  head: number;
  visits: readonly [number, number];
  coverage: number;
}

const rangeNet = (asn: number, ranges: readonly (readonly [string, string])[]) => (r: Rng): Net => {
  const [cidr, country] = pick(r, ranges);
  return { ip: randomIpv4(r, cidr), asn, country, kind: "service" };
};

const GOOGLEBOT_CHROME = `${CHROME_STABLE}.0.${CHROME_BUILD[CHROME_STABLE]}.175`;

const CRAWLERS: readonly Crawler[] = [
  { uas: [`Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${GOOGLEBOT_CHROME} Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)`, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", `Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/${GOOGLEBOT_CHROME} Safari/537.36`], net: rangeNet(15169, [["66.249.64.0/20", "US"], ["66.249.80.0/20", "US"]]), accept: "text/html,application/xhtml+xml,application/signed-exchange;v=b3,application/xml;q=0.9,*/*;q=0.8", lang: null, head: 0, visits: [8, 30], coverage: 0.9 },
  { uas: ["Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36", "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.1938.76 Mobile Safari/537.36 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"], net: rangeNet(8075, [["40.77.167.0/24", "US"], ["157.55.39.0/24", "US"], ["207.46.13.0/24", "US"]]), accept: "*/*", lang: null, head: 0.05, visits: [5, 20], coverage: 0.8 },
  { uas: ["Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"], net: rangeNet(16276, [["54.36.148.0/23", "FR"], ["51.222.253.0/24", "CA"]]), accept: "*/*", lang: null, head: 0.1, visits: [3, 15], coverage: 0.7 },
  { uas: ["Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)"], net: rangeNet(209366, [["185.191.171.0/24", "US"], ["85.208.96.0/22", "US"]]), accept: "*/*", lang: null, head: 0.05, visits: [3, 12], coverage: 0.6 },
  { uas: ["Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)"], net: rangeNet(8075, [["20.171.206.0/24", "US"], ["52.230.152.0/24", "US"], ["52.233.106.0/24", "US"]]), accept: "*/*", lang: null, head: 0, visits: [2, 12], coverage: 0.6 },
  { uas: ["Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot"], net: rangeNet(8075, [["23.98.142.176/28", "US"], ["40.84.180.224/28", "US"]]), accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8", lang: "en-US,en;q=0.9", head: 0, visits: [1, 6], coverage: 0.4 },
  { uas: ["Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)"], net: rangeNet(399358, [["216.73.216.0/22", "US"]]), accept: "*/*", lang: null, head: 0, visits: [2, 10], coverage: 0.5 },
  { uas: ["Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)"], net: rangeNet(16509, [["3.224.220.0/24", "US"], ["54.90.207.0/24", "US"]]), accept: "*/*", lang: null, head: 0, visits: [1, 6], coverage: 0.35 },
  { uas: ["Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)"], net: rangeNet(136907, [["114.119.128.0/18", "SG"]]), accept: "*/*", lang: null, head: 0, visits: [3, 15], coverage: 0.5 },
  { uas: ["Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "Mozilla/5.0 (iPhone; CPU iPhone OS 15_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.4 Mobile/15E148 Safari/604.1 (compatible; YandexMobileBot/3.0; +http://yandex.com/bots)"], net: rangeNet(13238, [["5.255.231.0/24", "RU"], ["87.250.224.0/19", "RU"], ["213.180.203.0/24", "RU"]]), accept: "*/*", lang: "ru, uk;q=0.8, be;q=0.8, en;q=0.7, *;q=0.01", head: 0, visits: [2, 10], coverage: 0.45 },
  { uas: ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)"], net: rangeNet(714, [["17.241.208.0/20", "US"], ["17.22.237.0/24", "US"]]), accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", lang: "en-US,en;q=0.9", head: 0, visits: [2, 8], coverage: 0.45 },
  { uas: ["Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)"], net: rangeNet(16509, [["47.128.0.0/14", "SG"]]), accept: "*/*", lang: null, head: 0, visits: [4, 20], coverage: 0.5 },
  { uas: ["Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot) Chrome/119.0.6045.214 Safari/537.36"], net: rangeNet(16509, [["52.70.240.0/24", "US"], ["54.166.128.0/24", "US"]]), accept: "*/*", lang: null, head: 0, visits: [2, 8], coverage: 0.4 },
  { uas: ["meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)"], net: rangeNet(32934, [["57.141.0.0/16", "US"], ["69.63.176.0/20", "US"]]), accept: "*/*", lang: null, head: 0, visits: [2, 10], coverage: 0.5 },
  { uas: ["Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)"], net: rangeNet(16509, [["216.244.66.0/24", "US"]]), accept: "*/*", lang: null, head: 0.2, visits: [1, 5], coverage: 0.35 },
  { uas: ["Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)"], net: rangeNet(46475, [["69.162.124.224/28", "US"], ["63.143.42.240/28", "US"], ["216.245.221.80/28", "US"]]), accept: "*/*", lang: null, head: 0.6, visits: [20, 60], coverage: 0.15 },
];

/** MJ12bot runs on volunteers' home machines: a declared crawler from residential addresses. */
const MJ12 = "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)";

function givtCrawler(ctx: Ctx): void {
  const r = familyRng(ctx, "givt_crawler");
  const crawlers: Crawler[] = [...CRAWLERS, { uas: [MJ12], net: (rr) => homeNet(rr, weighted(rr, AUDIENCE_COUNTRIES), false), accept: null, lang: null, head: 0.1, visits: [2, 8], coverage: 0.4 }];
  for (const c of crawlers) {
    for (const link of ctx.links) {
      if (!chance(r, c.coverage)) continue;
      for (let v = Math.round(int(r, c.visits[0], c.visits[1]) * ctx.runScale); v > 0; v--) crawl(ctx, r, c, link, ctx.start + r() * (ctx.end - ctx.start));
    }
  }
}

function crawl(ctx: Ctx, r: Rng, c: Crawler, link: Link, ts: number): void {
  const dev: Headers = { ua: pick(r, c.uas), secChUa: null, accept: c.accept, secFetchMode: null, acceptLanguage: c.lang };
  const net = c.net(r);
  const method = chance(r, c.head) ? "HEAD" : "GET";
  emit(ctx, "givt_crawler", { ts, link, net, dev, referer: null, method });
  if (method === "HEAD" || chance(r, 0.2)) emit(ctx, "givt_crawler", { ts: ts + between(r, 0.3, 8) * SEC, link, net: chance(r, 0.5) ? net : c.net(r), dev, referer: null });
}

interface Tool {
  ua: (r: Rng) => string;
  accept: string | null;
  lang: string | null;
  mode: string | null;
  head: number;
  secChUa?: (ua: string) => string;
}

const tool = (ua: (r: Rng) => string, accept: string | null, head = 0, lang: string | null = null, mode: string | null = null): Tool => ({ ua, accept, head, lang, mode });
const headlessMajor = (ua: string) => Number(/HeadlessChrome\/(\d+)/.exec(ua)?.[1] ?? CHROME_STABLE);

const TOOLS: Weighted<Tool> = [
  [tool((r) => `curl/8.${pick(r, ["5.0", "7.1", "9.1", "11.1", "14.1"])}`, "*/*", 0.35), 3],
  [tool((r) => `python-requests/2.${pick(r, ["31.0", "32.3", "32.4"])}`, "*/*", 0.15), 3],
  [tool((r) => `python-httpx/0.${pick(r, ["27.2", "28.1"])}`, "*/*", 0.1), 0.8],
  [tool((r) => `Python/3.${int(r, 10, 13)} aiohttp/3.${int(r, 9, 12)}.${int(r, 1, 15)}`, "*/*"), 0.8],
  [tool((r) => `Python-urllib/3.${int(r, 9, 13)}`, null), 0.6],
  [tool((r) => (chance(r, 0.7) ? "Go-http-client/1.1" : "Go-http-client/2.0"), null, 0.3), 2],
  [tool((r) => `okhttp/${pick(r, ["4.9.3", "4.11.0", "4.12.0", "5.0.0-alpha.14"])}`, null, 0.05), 1.5],
  [tool((r) => `axios/1.${int(r, 6, 12)}.${int(r, 0, 9)}`, "application/json, text/plain, */*", 0.05), 1.5],
  [tool(() => "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "*/*"), 0.8],
  [tool(() => "node", "*/*", 0.05, "*", "cors"), 1.2],
  [tool((r) => `Java/${pick(r, ["1.8.0_412", "11.0.24", "17.0.12", "21.0.4"])}`, "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2"), 0.8],
  [tool((r) => `Java-http-client/${pick(r, ["17.0.12", "21.0.5"])}`, null), 0.5],
  [tool((r) => `Apache-HttpClient/${pick(r, ["4.5.14", "5.3.1"])} (Java/17.0.12)`, null, 0.2), 0.8],
  [tool((r) => `PostmanRuntime/7.${int(r, 39, 45)}.0`, "*/*"), 0.5],
  [tool((r) => `Scrapy/2.${int(r, 11, 13)}.0 (+https://scrapy.org)`, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 0, "en"), 0.7],
  [tool((r) => `Wget/1.${pick(r, ["21.3", "21.4", "24.5"])}`, "*/*"), 0.7],
  [tool(() => "libwww-perl/6.77", null, 0.2), 0.3],
  [tool(() => "Ruby", "*/*"), 0.3],
  [tool((r) => `Dart/3.${int(r, 4, 9)} (dart:io)`, null), 0.5],
  [tool(() => "GuzzleHttp/7", null), 0.4],
  [tool(() => "", "*/*", 0.2), 0.8],
  [tool(() => "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 0, "en-US,*"), 0.3],
  [{ ua: (r) => `Mozilla/5.0 (${pick(r, ["X11; Linux x86_64", "Windows NT 10.0; Win64; x64"])}) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${CHROME_STABLE - int(r, 0, 6)}.0.0.0 Safari/537.36`, accept: ACCEPT.chrome, lang: "en-US,en;q=0.9", mode: "navigate", head: 0, secChUa: (ua) => secChUa(headlessMajor(ua), "HeadlessChrome") }, 2],
];

function givtNonBrowser(ctx: Ctx): void {
  const r = familyRng(ctx, "givt_non_browser");
  for (let e = 0, n = episodes(ctx, r, 12, 20); e < n; e++) {
    const t = weighted(r, TOOLS);
    const ua = t.ua(r);
    const dev: Headers = { ua, secChUa: t.secChUa ? t.secChUa(ua) : null, accept: t.accept, secFetchMode: t.mode, acceptLanguage: t.lang && chance(r, 0.8) ? t.lang : null };
    const nets = chance(r, 0.55) ? cloud24(r, weighted(r, HOSTING), int(r, 1, 3)) : [homeNet(r, weighted(r, AUDIENCE_COUNTRIES))];
    const targets = sample(r, ctx.links, int(r, 1, 3));
    for (const ts of toolSchedule(ctx, r)) {
      emit(ctx, "givt_non_browser", { ts, link: pick(r, targets), net: pick(r, nets), dev, referer: null, method: chance(r, t.head) ? "HEAD" : "GET" });
    }
  }
}

/** A script loop, an uptime-style monitor, or a handful of one-off requests. */
function toolSchedule(ctx: Ctx, r: Rng): number[] {
  const pattern = weighted(r, [["burst", 0.4], ["monitor", 0.35], ["sporadic", 0.25]] as const);
  if (pattern === "burst") {
    const gap = logBetween(r, 0.3, 10) * SEC;
    const count = int(r, 20, 150);
    let t = randomStart(ctx, r, count * gap * 1.5);
    return Array.from({ length: count }, () => (t += gap * between(r, 0.6, 1.4)));
  }
  if (pattern === "monitor") {
    const every = pick(r, [1, 2, 5, 10, 15]) * MIN;
    const count = Math.min(200, Math.round(logBetween(r, 2, 48) * HOUR / every));
    const t0 = randomStart(ctx, r, count * every);
    return Array.from({ length: count }, (_, i) => t0 + i * every + between(r, 0, 1.5) * SEC);
  }
  return Array.from({ length: int(r, 5, 40) }, () => ctx.start + r() * (ctx.end - ctx.start));
}

type Unfurler = "whatsapp" | "imessage" | "slack" | "teams" | "discord" | "telegram" | "twitter" | "facebook" | "linkedin" | "signal" | "snapchat" | "pinterest" | "bluesky" | "iframely";

interface PreviewSpec {
  ua: (r: Rng) => string;
  net: (r: Rng, cc: string) => Net;
  accept: string | null;
  lang?: (r: Rng, cc: string) => string | null;
  hits: readonly [number, number];
  head: number;
}

const PREVIEWS: Record<Unfurler, PreviewSpec> = {
  whatsapp: { ua: (r) => `WhatsApp/2.25.${int(r, 20, 34)}.${int(r, 70, 80)} ${pick(r, ["A", "A", "i", "W"])}`, net: (r, cc) => residentialNet(r, cc, true), accept: "*/*", hits: [1, 2], head: 0 },
  imessage: { ua: () => "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0", net: (r, cc) => residentialNet(r, cc, true), accept: ACCEPT.safari, lang: (r, cc) => safariAL(pickLangs(r, cc)), hits: [1, 2], head: 0 },
  slack: { ua: (r) => (chance(r, 0.8) ? "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" : "Slackbot 1.0 (+https://api.slack.com/robots)"), net: (r) => cloudNet(r, "aws"), accept: "*/*", hits: [1, 2], head: 0.1 },
  teams: { ua: () => "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com", net: (r) => cloudNet(r, "azure"), accept: "*/*", hits: [1, 2], head: 0.4 },
  discord: { ua: () => "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", net: (r) => cloudNet(r, "gcp"), accept: null, hits: [1, 2], head: 0.1 },
  telegram: { ua: () => "TelegramBot (like TwitterBot)", net: (r) => cloudNet(r, "telegram"), accept: "*/*", hits: [1, 1], head: 0.2 },
  twitter: { ua: () => "Twitterbot/1.0", net: (r) => cloudNet(r, "twitter"), accept: "*/*", hits: [1, 3], head: 0.3 },
  facebook: { ua: (r) => (chance(r, 0.85) ? "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)" : "facebookcatalog/1.0"), net: (r) => cloudNet(r, "facebook", 0.5), accept: "*/*", hits: [1, 4], head: 0.05 },
  linkedin: { ua: () => "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", net: (r) => cloudNet(r, "linkedin"), accept: null, hits: [1, 3], head: 0.4 },
  signal: { ua: () => "WhatsApp/2", net: (r, cc) => residentialNet(r, cc, true), accept: "*/*", hits: [1, 1], head: 0 },
  snapchat: { ua: () => "Mozilla/5.0 (compatible; Snap URL Preview Service; bot; snapchat; https://developers.snap.com/robots)", net: (r) => cloudNet(r, "gcp"), accept: "*/*", hits: [1, 1], head: 0 },
  pinterest: { ua: () => "Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)", net: (r) => cloudNet(r, "aws"), accept: "*/*", hits: [1, 2], head: 0.1 },
  bluesky: { ua: () => "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)", net: (r) => cloudNet(r, "gcp"), accept: "*/*", hits: [1, 1], head: 0 },
  iframely: { ua: () => "Iframely/1.3.1 (+https://iframely.com/docs/about)", net: (r) => cloudNet(r, "aws"), accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", hits: [1, 2], head: 0.2 },
};

const SHARE_TARGETS: Weighted<Unfurler> = [["whatsapp", 0.28], ["imessage", 0.2], ["slack", 0.08], ["discord", 0.1], ["telegram", 0.08], ["twitter", 0.06], ["facebook", 0.08], ["linkedin", 0.03], ["teams", 0.02], ["signal", 0.02], ["snapchat", 0.02], ["pinterest", 0.01], ["bluesky", 0.01], ["iframely", 0.01]];

/** One share of a link into a chat or feed: the unfurler fetches it once or a few times. */
function preview(ctx: Ctx, r: Rng, link: Link, ts: number, via: Unfurler, cc: string): void {
  const spec = PREVIEWS[via];
  const dev: Headers = { ua: spec.ua(r), secChUa: null, accept: spec.accept, secFetchMode: null, acceptLanguage: spec.lang ? spec.lang(r, cc) : null };
  const net = spec.net(r, cc);
  let t = ts;
  for (let k = int(r, spec.hits[0], spec.hits[1]); k > 0; k--) {
    emit(ctx, "givt_prefetch_preview", { ts: t, link, net: chance(r, 0.6) ? net : spec.net(r, cc), dev, referer: null, method: chance(r, spec.head) ? "HEAD" : "GET" });
    t += between(r, 0.1, 4) * SEC;
  }
}

const MASTODON_INSTANCES = ["mastodon.social", "mastodon.online", "mstdn.social", "fosstodon.org", "hachyderm.io", "infosec.exchange", "mas.to", "techhub.social", "mastodon.world", "mstdn.jp", "social.vivaldi.net", "universeodon.com", "mastodon.art", "toot.community", "aus.social", "mastodon.ie", "chaos.social", "det.social", "mastodon.nl", "piaille.fr", "mamot.fr", "troet.cafe"];
const INSTANCE_WORDS = ["oak", "tern", "lumen", "pixel", "harbor", "nerd", "queer", "climate", "photo", "retro", "cat", "bike", "fen", "glitch", "book"];

/** A post federates and every follower's server fetches the preview within seconds. */
function mastodonStampede(ctx: Ctx, r: Rng, link: Link, ts: number): void {
  const version = `4.${int(r, 2, 4)}.${int(r, 0, 9)}`;
  for (let k = int(r, 40, 220); k > 0; k--) {
    const instance = chance(r, 0.5) ? pick(r, MASTODON_INSTANCES) : `${pick(r, ["social", "mastodon", "toot", "masto"])}.${pick(r, INSTANCE_WORDS)}${pick(r, [".net", ".org", ".xyz", ".de", ".io", ".uk", ".social"])}`;
    const dev: Headers = { ua: `http.rb/5.${int(r, 1, 2)}.${int(r, 0, 1)} (Mastodon/${chance(r, 0.6) ? version : `4.${int(r, 1, 4)}.${int(r, 0, 12)}`}; +https://${instance}/)`, secChUa: null, accept: "text/html", secFetchMode: null, acceptLanguage: null };
    emit(ctx, "givt_prefetch_preview", { ts: ts + expo(r, 12 * SEC), link, net: cloudNet(r, weighted(r, HOSTING)), dev, referer: null });
  }
}

/** `<link rel=prefetch>` or an SXG prefetch from a page the person is on: no-cors, no text/html. */
function browserPrefetch(ctx: Ctx, r: Rng, link: Link, ts: number): void {
  const cc = audienceCountry(r, link);
  const src = weighted<Source>(r, [["google", 0.4], ["linktree", 0.3], ["reddit", 0.15], ["twitter", 0.15]]);
  let p = person(ctx, r, cc, src);
  for (let i = 0; i < 5 && p.dev.engine !== "chromium"; i++) p = person(ctx, r, cc, src);
  if (p.dev.engine !== "chromium") return;
  const accept = src === "google" && chance(r, 0.5) ? ACCEPT.sxg : ACCEPT.any;
  emit(ctx, "givt_prefetch_preview", { ts, link, net: p.net, dev: { ...p.dev, secFetchMode: "no-cors", accept }, referer: p.referer });
  if (chance(r, 0.35)) emit(ctx, "human_organic", { ts: ts + logBetween(r, 0.8, 30) * SEC, link, ...p });
}

function givtPrefetchPreview(ctx: Ctx): void {
  const r = familyRng(ctx, "givt_prefetch_preview");
  const byReach = linkWeights(ctx, 0.5);
  for (let n = Math.round(between(r, 220, 380) * ctx.volume); n > 0; n--) {
    const link = weighted(r, byReach);
    const cc = audienceCountry(r, link);
    preview(ctx, r, link, timeByCurve(r, ctx.start, ctx.end, C(cc).tz, ACTIVITY), weighted(r, SHARE_TARGETS), cc);
  }
  for (let n = Math.round(between(r, 200, 350) * ctx.volume); n > 0; n--) {
    const link = weighted(r, byReach);
    browserPrefetch(ctx, r, link, timeByCurve(r, ctx.start, ctx.end, C(primaryCountry(link)).tz, ACTIVITY));
  }
  for (let n = episodes(ctx, r, 1, 3); n > 0; n--) mastodonStampede(ctx, r, weighted(r, byReach), randomStart(ctx, r, MIN));
}

// ───────────────────────── SIVT ─────────────────────────

const SPOOFED_REFERERS: Weighted<string | null> = [["https://l.instagram.com/", 0.35], [null, 0.3], ["https://www.tiktok.com/", 0.15], ["https://t.co/", 0.1], ["https://linktr.ee/", 0.1]];

function sivtResidentialProxy(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_residential_proxy");
  for (let e = 0, n = episodes(ctx, r, 4, 7); e < n; e++) {
    const targets = sample(r, ctx.links, int(r, 1, 2));
    const cc = chance(r, 0.8) ? primaryCountry(targets[0]!) : audienceCountry(r, targets[0]!);
    const langs = pickLangs(r, cc);
    const ids = Array.from({ length: int(r, 1, 3) }, () => anyBrowser(r, cc, langs, 0.55));
    const referer = weighted(r, SPOOFED_REFERERS);
    const duration = between(r, 30, 240) * MIN;
    const sticky = chance(r, 0.4) ? int(r, 2, 6) : 1;
    let net = homeNet(r, cc);
    let left = 0;
    for (const ts of arrivals(r, randomStart(ctx, r, duration), duration, between(r, 0.4, 3), 500)) {
      if (left-- <= 0) [net, left] = [residentialNet(r, cc, chance(r, 0.5)), sticky - 1];
      emit(ctx, "sivt_residential_proxy", { ts, link: pick(r, targets), net, dev: pick(r, ids), referer });
    }
  }
}

/** Phones a farm buys in bulk: cheap Android models, the odd iPhone. */
function farmPhone(r: Rng, cc: string): Device {
  const langs = chance(r, 0.5) ? ["en-US"] : pickLangs(r, cc);
  return weighted(r, [
    [() => chromeAndroid(r, langs), 0.35],
    [() => samsungInternet(r, langs), 0.15],
    [() => inAppDevice(r, "instagram", false, langs, cc), 0.2],
    [() => inAppDevice(r, "tiktok", false, langs, cc), 0.15],
    [() => (chance(r, 0.5) ? safariIos(r, langs) : inAppDevice(r, "instagram", true, langs, cc)), 0.15],
  ])();
}

const appReferer = (r: Rng, dev: Device, cc: string): string | null =>
  refererFor(r, dev.app === "tiktok" ? "tiktok" : dev.app === "instagram" ? "instagram" : pick(r, ["instagram", "tiktok", "direct"] as const), dev, cc);

function sivtClickFarm(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_click_farm");
  for (let e = 0, n = episodes(ctx, r, 2, 4); e < n; e++) {
    const targets = sample(r, ctx.links, int(r, 1, 2));
    const cc = pick(r, FARM_COUNTRIES.filter((c) => !targets.some((l) => inAudience(l, c))));
    const provider = weighted(r, ispWeights(chance(r, 0.7) ? C(cc).fixed : C(cc).mobile));
    const subnets = Array.from({ length: int(r, 1, 4) }, () => random24(r, pick(r, provider.v4)));
    const natted = chance(r, 0.4);
    const hostOf = () => `${pick(r, subnets)}.${natted ? int(r, 1, 3) : int(r, 2, 254)}`;
    const duration = between(r, 15, 60) * MIN;
    const t0 = randomStart(ctx, r, duration);
    for (let phones = int(r, 30, 150); phones > 0; phones--) {
      const dev = farmPhone(r, cc);
      const net: Net = { ip: hostOf(), asn: provider.asn, country: cc, kind: "fixed" };
      const link = pick(r, targets);
      for (let k = int(r, 1, 6); k > 0; k--) emit(ctx, "sivt_click_farm", { ts: t0 + r() * duration, link, net, dev, referer: appReferer(r, dev, cc) });
    }
  }
}

/** Pick a link and window where 5-20x the organic rate gives a few dozen to ~900 clicks. */
function farmWindow(ctx: Ctx, r: Rng): { link: Link; t0: number; duration: number; mult: number; expected: number } {
  let best = { link: ctx.links[0]!, t0: ctx.start, duration: 30 * MIN, mult: 10, expected: 0 };
  for (let i = 0; i < 30; i++) {
    const link = pick(r, ctx.links);
    const duration = between(r, 20, 90) * MIN;
    const t0 = timeByCurve(r, ctx.start, ctx.end - duration, C(primaryCountry(link)).tz, ACTIVITY);
    const mult = between(r, 5, 20);
    let expected = 0;
    for (let t = t0; t < t0 + duration; t += MIN) expected += mult * organicRate(link, t, ctx.start);
    if (expected >= 40 && expected <= 900) return { link, t0, duration, mult, expected };
    if (Math.abs(Math.log(Math.max(1, expected) / 200)) < Math.abs(Math.log(Math.max(1, best.expected) / 200))) best = { link, t0, duration, mult, expected };
  }
  return best;
}

function sivtDistributedFarm(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_distributed_farm");
  for (let e = 0, n = episodes(ctx, r, 3, 5); e < n; e++) {
    const { link, t0, duration, mult } = farmWindow(ctx, r);
    const cc = primaryCountry(link);
    const src = link.platform;
    const dev = deviceForSource(r, src, cc, C(cc).langs[0]![0], true);
    const referer = refererFor(r, src, dev, cc) ?? pick(r, ["https://l.instagram.com/", "https://www.tiktok.com/", "https://t.co/"]);
    const used16 = new Set<string>();
    const used24 = new Set<string>();
    for (let t = t0; t < t0 + duration; t += MIN) {
      for (let k = poisson(r, Math.min(40, mult * organicRate(link, t, ctx.start))); k > 0; k--) {
        emit(ctx, "sivt_distributed_farm", { ts: t + r() * MIN, link, net: unrelatedAddress(r, cc, used16, used24), dev, referer });
      }
    }
  }
}

/** A residential address in a /16 (or at least a /24) not used before in this episode. */
function unrelatedAddress(r: Rng, cc: string, used16: Set<string>, used24: Set<string>): Net {
  let net = residentialNet(r, cc, true, false);
  for (let i = 0; i < 30 && (used16.has(subnet16(net.ip)) || used24.has(subnet24(net.ip))); i++) {
    net = residentialNet(r, cc, true, false);
    if (i > 15 && !used24.has(subnet24(net.ip))) break;
  }
  used16.add(subnet16(net.ip));
  used24.add(subnet24(net.ip));
  return net;
}

/** A home device with click malware: a background fetch from a real browser, or a hidden webview. */
function infectedDevice(r: Rng, cc: string): Device {
  const langs = pickLangs(r, cc);
  if (chance(r, 0.35)) {
    const w = androidWebviewUa(r);
    return webviewDevice(w, w.ua, langs, null);
  }
  const d = chance(r, 0.7) ? chromeDesktop(r, "windows", langs) : edgeDesktop(r, "windows", langs);
  return { ...d, secFetchMode: chance(r, 0.6) ? "no-cors" : "cors", accept: ACCEPT.any };
}

function sivtHijackedDevice(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_hijacked_device");
  for (let e = 0, n = episodes(ctx, r, 2, 3); e < n; e++) {
    const targets = sample(r, ctx.links, int(r, 1, 3));
    const duration = between(r, 12, 30) * HOUR;
    const t0 = randomStart(ctx, r, duration);
    for (let devices = int(r, 80, 250); devices > 0; devices--) {
      const link = pick(r, targets);
      const cc = chance(r, 0.7) ? audienceCountry(r, link) : weighted(r, AUDIENCE_COUNTRIES);
      const dev = infectedDevice(r, cc);
      const net = homeNet(r, cc);
      const times = Array.from({ length: int(r, 1, 4) }, () => timeByCurve(r, t0, t0 + duration, C(cc).tz, NIGHT));
      for (const ts of times) emit(ctx, "sivt_hijacked_device", { ts, link, net, dev, referer: null });
    }
  }
}

function sivtSlowRepeat(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_slow_repeat");
  for (let e = 0, n = episodes(ctx, r, 10, 18); e < n; e++) {
    const link = pick(r, ctx.links);
    const cc = audienceCountry(r, link);
    const p = person(ctx, r, cc, weighted(r, link.sources));
    const every = between(r, 40, 120) * SEC;
    const duration = between(r, 20, 60) * MIN;
    const t0 = timeByCurve(r, ctx.start, ctx.end - duration, C(cc).tz, ACTIVITY);
    const keepReferer = chance(r, 0.7);
    for (let t = t0, i = 0; t < t0 + duration; t += every * between(r, 0.65, 1.35), i++) {
      emit(ctx, "sivt_slow_repeat", { ts: t, link, dev: p.dev, net: p.net, referer: keepReferer || i === 0 ? p.referer : null });
    }
  }
}

function sivtFastRepeat(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_fast_repeat");
  for (let e = 0, n = episodes(ctx, r, 6, 10); e < n; e++) {
    const link = pick(r, ctx.links);
    const cc = audienceCountry(r, link);
    const langs = pickLangs(r, cc);
    const net = chance(r, 0.75) ? residentialNet(r, cc, chance(r, 0.5)) : cloudNet(r, weighted(r, HOSTING));
    const dropLang = chance(r, 0.3);
    const ids = Array.from({ length: chance(r, 0.7) ? 1 : int(r, 2, 3) }, () => {
      const d = anyBrowser(r, cc, langs);
      return dropLang ? { ...d, acceptLanguage: null } : d;
    });
    const gap = logBetween(r, 0.25, 4) * SEC;
    const duration = logBetween(r, 20, 300) * SEC;
    const referer = weighted(r, SPOOFED_REFERERS);
    let t = timeByCurve(r, ctx.start, ctx.end - duration, C(cc).tz, ACTIVITY);
    for (const stop = t + duration, cap = t + 250 * gap; t < stop && t < cap; t += gap * between(r, 0.5, 1.5)) {
      emit(ctx, "sivt_fast_repeat", { ts: t, link, net, dev: pick(r, ids), referer });
    }
  }
}

const OFFERWALLS = ["https://rewardzone.gg/", "https://offers.cashpanda.io/", "https://earnbucks.app/", "https://taskhive.net/", "https://wall.coinquest.co/", "https://pointsvault.com/", "https://surveyjar.net/", "https://go.lootably-rewards.com/", "https://t.gigapoints.app/"];

function sivtIncentivised(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_incentivised");
  for (let e = 0, n = episodes(ctx, r, 3, 5); e < n; e++) {
    const link = pick(r, ctx.links);
    const countries = sample(r, FARM_COUNTRIES.filter((c) => !inAudience(link, c)), int(r, 1, 2));
    const walls = sample(r, OFFERWALLS, int(r, 1, 2));
    const duration = between(r, 30, 120) * MIN;
    const t0 = randomStart(ctx, r, duration);
    const total = int(r, 150, 500);
    for (let i = 0; i < total; i++) {
      const ts = t0 + Math.min(duration, expo(r, duration / 3)) + between(r, 0, 5) * MIN;
      const cc = pick(r, countries);
      const dev = anyBrowser(r, cc, pickLangs(r, cc), 0.85);
      const p = { dev, net: residentialNet(r, cc, dev.mobile), referer: chance(r, 0.6) ? pick(r, walls) : null };
      emit(ctx, "sivt_incentivised", { ts, link, ...p });
      if (chance(r, 0.08)) emit(ctx, "sivt_incentivised", { ts: ts + between(r, 2, 60) * SEC, link, ...p });
    }
  }
}

type Spoof = "no_client_hints" | "stale_client_hints" | "bare_accept" | "iphone_with_hints" | "firefox_with_hints" | "no_fetch_metadata";
const SPOOFS: readonly Spoof[] = ["no_client_hints", "stale_client_hints", "bare_accept", "iphone_with_hints", "firefox_with_hints", "no_fetch_metadata"];

/** Headers of a script that claims a browser and gets something else wrong. */
function spoofedDevice(r: Rng, spoof: Spoof, langs: readonly string[]): Headers {
  const major = CHROME_STABLE - int(r, 0, 2);
  const chrome = chance(r, 0.7) ? chromeDesktop(r, pick(r, ["windows", "windows", "mac"] as const), langs, major) : chromeAndroid(r, langs, major);
  switch (spoof) {
    case "no_client_hints":
      return { ...chrome, secChUa: null, secFetchMode: null, accept: chance(r, 0.5) ? ACCEPT.any : ACCEPT.chrome, acceptLanguage: chance(r, 0.6) ? null : chrome.acceptLanguage };
    case "stale_client_hints":
      return { ...chrome, secChUa: secChUa(major - int(r, 4, 26), "Google Chrome") };
    case "bare_accept":
      return { ...chrome, accept: pick(r, [ACCEPT.any, "text/html"]), acceptLanguage: null };
    case "iphone_with_hints":
      return { ...safariIos(r, langs), secChUa: secChUa(major, "Google Chrome"), accept: ACCEPT.chrome };
    case "firefox_with_hints":
      return { ...firefoxDesktop(r, "windows", langs), secChUa: secChUa(major, "Google Chrome"), accept: ACCEPT.chrome };
    case "no_fetch_metadata":
      return { ...chrome, secFetchMode: null };
  }
}

function sivtSpoofedBrowser(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_spoofed_browser");
  for (let e = 0, n = episodes(ctx, r, 4, 6); e < n; e++) {
    const targets = sample(r, ctx.links, int(r, 1, 2));
    const cc = primaryCountry(targets[0]!);
    const langs = pickLangs(r, cc);
    const spoofs = sample(r, SPOOFS, int(r, 1, 2));
    const ids = Array.from({ length: int(r, 1, 3) }, () => spoofedDevice(r, pick(r, spoofs), langs));
    const referer = weighted(r, SPOOFED_REFERERS);
    const duration = between(r, 30, 180) * MIN;
    for (const ts of arrivals(r, randomStart(ctx, r, duration), duration, between(r, 0.4, 3), 400)) {
      emit(ctx, "sivt_spoofed_browser", { ts, link: pick(r, targets), net: residentialNet(r, cc, chance(r, 0.4)), dev: pick(r, ids), referer });
    }
  }
}

const STUFFING_SITES = ["https://coupon-kings.net/", "https://dealsdaily-hub.com/", "https://freepromo-codes.org/", "https://bestprice-finder.info/", "https://savvy-voucher.co/", "https://topdiscount.codes/"];

/** How a stuffing page loads the link: hidden iframe, 1x1 image, or a pop-under tab. */
function stuffedHeaders(r: Rng, dev: Device, how: "iframe" | "img" | "popunder"): Headers {
  if (how !== "img") return dev;
  const accept = dev.engine === "webkit" ? ACCEPT.imgSafari : dev.engine === "gecko" ? ACCEPT.imgFirefox : ACCEPT.imgChrome;
  return { ...dev, secFetchMode: dev.secFetchMode === null ? null : "no-cors", accept };
}

function sivtCookieStuffing(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_cookie_stuffing");
  for (let e = 0, n = episodes(ctx, r, 2, 4); e < n; e++) {
    const site = pick(r, STUFFING_SITES);
    const targets = sample(r, ctx.links, int(r, 1, 3));
    const mix: Weighted<"iframe" | "img" | "popunder"> = [["iframe", r()], ["img", r()], ["popunder", r() * 0.4]];
    const duration = between(r, 1, ctx.days) * DAY;
    const t0 = randomStart(ctx, r, duration);
    for (let visitors = int(r, 120, 350); visitors > 0; visitors--) {
      const cc = weighted(r, AUDIENCE_COUNTRIES);
      const dev = anyBrowser(r, cc, pickLangs(r, cc), 0.4);
      const net = residentialNet(r, cc, dev.mobile);
      const how = weighted(r, mix);
      const stuffed = targets.length > 1 && chance(r, 0.6) ? targets : [pick(r, targets)];
      let ts = timeByCurve(r, t0, t0 + duration, C(cc).tz, ACTIVITY);
      for (const link of stuffed) {
        emit(ctx, "sivt_cookie_stuffing", { ts, link, net, dev: stuffedHeaders(r, dev, how), referer: how === "popunder" ? null : site });
        ts += between(r, 5, 400);
      }
    }
  }
}

/** Device models that Android emulators (BlueStacks, LDPlayer, Nox, MEmu, SDK images) report. */
const EMULATOR_MODELS: readonly AndroidModel[] = [
  am("samsung", "SM-G988N", "z3q", "qcom", "1080x1920", 320, [9]),
  am("samsung", "SM-N976N", "d2x", "exynos9825", "900x1600", 240, [9, 7]),
  am("samsung", "SM-G973N", "beyond1", "exynos9820", "1080x1920", 320, [9]),
  am("samsung", "SM-S908N", "b0q", "qcom", "1080x1920", 280, [12]),
  am("asus", "ASUS_I005DA", "ASUS_I005_1", "qcom", "900x1600", 240, [9, 12]),
  am("google", "G011A", "G011A", "intel", "720x1280", 240, [7, 9]),
  am("google", "sdk_gphone64_x86_64", "emu64xa", "ranchu", "1080x2400", 420, [12, 13]),
  am("unknown", "Android SDK built for x86_64", "generic_x86_64", "ranchu", "1080x1920", 420, [9]),
  am("vivo", "V2049A", "PD2049", "qcom", "1080x1920", 320, [9, 12]),
  am("OPPO", "PCLM10", "PCLM10", "qcom", "900x1600", 240, [9]),
];

function emulatorDevice(r: Rng, app: "instagram" | "tiktok", cc: string): Device {
  const model = pick(r, EMULATOR_MODELS);
  const w = androidWebviewUa(r, model, pick(r, model.versions), pick(r, [101, 109, 112, 116, 119, 124]));
  const langs = ["en-US"];
  const tail = app === "instagram"
    ? `Instagram ${igVersion(r)} Android (${API_LEVEL[w.version]}/${androidVersionName(w.version)}; ${model.dpi}dpi; ${model.res}; ${model.manuf}; ${model.model}; ${model.code}; ${model.chip}; en_US; ${int(r, 700000000, 799999999)})`
    : tiktokAndroidTail(r, "en", cc);
  return webviewDevice(w, `${w.ua} ${tail}`, langs, app);
}

function sivtEmulatorFarm(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_emulator_farm");
  for (let e = 0, n = episodes(ctx, r, 1, 3); e < n; e++) {
    const targets = sample(r, ctx.links, int(r, 1, 2));
    const home = pick(r, FARM_COUNTRIES);
    const viaProxy = chance(r, 0.4);
    const provider = weighted(r, ispWeights(C(home).fixed));
    const prefix = random24(r, pick(r, provider.v4));
    const duration = between(r, 40, 120) * MIN;
    const t0 = randomStart(ctx, r, duration);
    for (let instances = int(r, 15, 40); instances > 0; instances--) {
      const link = pick(r, targets);
      const cc = primaryCountry(link);
      const app = chance(r, 0.5) ? "instagram" : "tiktok";
      const dev = emulatorDevice(r, app, viaProxy ? cc : home);
      const net: Net = viaProxy ? homeNet(r, cc, false) : { ip: `${prefix}.${int(r, 2, 254)}`, asn: provider.asn, country: home, kind: "fixed" };
      for (let t = t0 + r() * 5 * MIN; t < t0 + duration; t += between(r, 2, 8) * MIN) {
        emit(ctx, "sivt_emulator_farm", { ts: t, link, net, dev, referer: refererFor(r, app, dev, cc) });
      }
    }
  }
}

function stealthHeaders(r: Rng, langs: readonly string[]): Headers {
  const major = CHROME_STABLE - int(r, 0, 3);
  const d = chromeDesktop(r, chance(r, 0.6) ? "windows" : "linux", langs, major);
  const leak = weighted(r, [["headless_brand", 0.4], ["chromium_brand", 0.25], ["clean", 0.35]] as const);
  if (leak === "headless_brand") return { ...d, secChUa: secChUa(major, "HeadlessChrome") };
  if (leak === "chromium_brand") return { ...d, secChUa: secChUa(major) };
  return d;
}

function sivtStealthHeadless(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_stealth_headless");
  for (let e = 0, n = episodes(ctx, r, 3, 5); e < n; e++) {
    const link = pick(r, ctx.links);
    const cc = primaryCountry(link);
    const dev = stealthHeaders(r, ["en-US"]);
    const referer = weighted(r, SPOOFED_REFERERS);
    const every = between(r, 30, 90) * SEC;
    const duration = between(r, 1, 4) * HOUR;
    const onCloud = chance(r, 0.25);
    const rotateEvery = int(r, 1, 5);
    let net = homeNet(r, cc);
    const t0 = randomStart(ctx, r, duration);
    for (let t = t0, i = 0; t < t0 + duration; t += every * between(r, 0.9, 1.1), i++) {
      if (i % rotateEvery === 0) net = onCloud ? cloudNet(r, weighted(r, HOSTING)) : residentialNet(r, cc, false);
      emit(ctx, "sivt_stealth_headless", { ts: t, link, net, dev, referer });
    }
  }
}

function sivtMobileProxy(ctx: Ctx): void {
  const r = familyRng(ctx, "sivt_mobile_proxy");
  for (let e = 0, n = episodes(ctx, r, 4, 7); e < n; e++) {
    const link = pick(r, ctx.links);
    const cc = primaryCountry(link);
    const gateways = sample(r, cgnatPool(ctx, cc), int(r, 5, 20));
    const referer = weighted(r, SPOOFED_REFERERS);
    const duration = between(r, 1, 4) * HOUR;
    let t = randomStart(ctx, r, duration);
    for (const stop = t + duration; t < stop; t += between(r, 0.5, 4) * MIN) {
      const dev = deviceForSource(r, link.platform, cc, pickLangs(r, cc), true);
      const net = pick(r, gateways);
      for (let k = int(r, 3, 15); k > 0 && t < stop; k--, t += between(r, 20, 120) * SEC) emit(ctx, "sivt_mobile_proxy", { ts: t, link, net, dev, referer });
    }
  }
}

// ───────────────────────── entry point ─────────────────────────

const GENERATORS: readonly ((ctx: Ctx) => void)[] = [
  humanOrganic, humanViralSpike, humanCarrierNat, humanOfficeVpn, humanReturning,
  givtDatacenter, givtCrawler, givtNonBrowser, givtPrefetchPreview,
  sivtResidentialProxy, sivtClickFarm, sivtDistributedFarm, sivtHijackedDevice, sivtSlowRepeat, sivtFastRepeat,
  sivtIncentivised, sivtSpoofedBrowser, sivtCookieStuffing, sivtEmulatorFarm, sivtStealthHeadless, sivtMobileProxy,
];

export function generateTraffic(opts: TrafficOptions = {}): LabelledClick[] {
  const seed = opts.seed ?? 20261203;
  const days = Math.max(1, Math.round(opts.days ?? 3));
  const start = opts.start ?? Date.UTC(2026, 10, 1);
  const scale = opts.scale ?? 1;
  const links = Math.max(1, Math.round(opts.links ?? 8));
  const r = mulberry32(seed);
  const ctx: Ctx = {
    seed,
    start,
    end: start + days * DAY,
    days,
    scale,
    runScale: (scale * days) / 3,
    volume: ((scale * days) / 3) * (sum(linkTiers(links)) / sum(linkTiers(8))),
    links: makeLinks(r, links, start, days, scale),
    out: [],
    pools: new Map(),
  };
  for (const generate of GENERATORS) generate(ctx);
  ctx.out.sort((a, b) => a.ts - b.ts);
  ctx.out.forEach((c, i) => (c.id = `c${i.toString(36)}`));
  return ctx.out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const hash = (clicks: LabelledClick[]) => createHash("sha256").update(JSON.stringify(clicks)).digest("hex").slice(0, 16);
  const t0 = performance.now();
  const clicks = generateTraffic();
  const ms = performance.now() - t0;
  const count = (key: (c: LabelledClick) => string) => clicks.reduce((m, c) => m.set(key(c), (m.get(key(c)) ?? 0) + 1), new Map<string, number>());
  const byFamily = count((c) => c.family);
  for (const f of FAMILIES) console.log(`${f.taxonomy.padEnd(5)} ${f.name.padEnd(24)} ${String(byFamily.get(f.name) ?? 0).padStart(7)}`);
  const byTaxonomy = count((c) => c.taxonomy);
  const invalid = clicks.filter((c) => c.bot).length;
  console.log(`\n${clicks.length} clicks in ${ms.toFixed(0)} ms; ${[...byTaxonomy].map(([k, v]) => `${k} ${v}`).join(", ")}; invalid ${((100 * invalid) / clicks.length).toFixed(1)}%`);
  const again = hash(generateTraffic());
  const other = generateTraffic({ seed: 7 });
  console.log(`deterministic: ${hash(clicks) === again ? "yes" : "NO"} (${again}); seed 7: ${other.length} clicks, hash ${hash(other)}`);
}
