import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { blockOf, classifyUserAgent, DATACENTER_ASNS, subnetOf } from "./signals";

/**
 * Click scoring: a pure function of the click and the link's recent history. The LinkCounter
 * Durable Object and `npm run fraud:score` run this same code with the same state.
 */
export interface Click {
  id: string;
  ts: number;
  link: string;
  ip: string;
  ua: string;
  asn?: number | null;
  country?: string | null;
  referer?: string | null;
  method?: string;
  acceptLanguage?: string | null;
}

export interface Verdict {
  id: string;
  fraud: boolean;
  score: number;
  reasons: string[];
  unique: boolean;
}

export interface ScoringOptions {
  /** Score at or above which a click is invalid (0..1). Campaigns tune it. */
  threshold: number;
  /** Secret mixed into the daily salt of visitor hashes. */
  saltSecret: string;
  /**
   * Whether one visitor's rapid repeats are a signal (default yes). Not for views: one page
   * shows several items at once, and a visitor's views are capped instead.
   */
  visitorBursts?: boolean;
}

export const DEFAULT_OPTIONS: ScoringOptions = { threshold: 0.5, saltSecret: "tandem" };

/** How much each reason weighs; a click's score is 1 − Π(1 − w). */
export const WEIGHTS: Record<string, number> = {
  head_request: 1,
  link_preview: 1,
  headless_client: 0.95,
  bot_user_agent: 0.95,
  empty_user_agent: 0.8,
  datacenter_asn: 0.7,
  visitor_burst: 0.9,
  shared_fingerprint: 0.8,
  subnet_farm: 0.8,
  velocity_spike: 0.6,
};

const MIN = 60_000;
const HOUR = 60 * MIN;
const BURST_WINDOW = 10_000;
const BURST_LIMIT = 3; // a 4th click by one visitor inside 10 s
const VISITOR_MINUTE_LIMIT = 8; // or a 9th inside a minute
const FP_WINDOW = MIN;
const FP_MIN_VISITORS = 8;
const FP_SHARE = 0.05;
const FARM_WINDOW = 10 * MIN;
const FARM_MIN_IPS = 6;
const EWMA_ALPHA = 0.1;
const SPIKE_FACTOR = 5;
const SPIKE_FLOOR = 60;
const MAX_TRACKED = 50_000;

interface VisitorState {
  lastHour: number[];
}

/** Everything the scorer remembers about one link. Serialisable for a Durable Object's storage. */
export interface LinkState {
  salt: { day: number; value: string };
  visitors: Map<string, VisitorState>;
  fingerprints: Map<string, Map<string, number>>; // fingerprint → visitor → last seen
  subnets: Map<string, Map<string, number>>; // subnet → ip hash → last seen
  minute: { start: number; count: number; blocks: Set<string>; fingerprints: Set<string> };
  recent: number[]; // timestamps of clicks in the last minute
  ewma: number;
  minutesSeen: number;
}

export function newLinkState(): LinkState {
  return {
    salt: { day: -1, value: "" },
    visitors: new Map(),
    fingerprints: new Map(),
    subnets: new Map(),
    minute: { start: 0, count: 0, blocks: new Set(), fingerprints: new Set() },
    recent: [],
    ewma: 0,
    minutesSeen: 0,
  };
}

const hash = (s: string) => bytesToHex(sha256(utf8ToBytes(s))).slice(0, 24);

/** A visitor is a salted hash of address and browser; the salt changes every UTC day, and raw IPs are never kept. */
export function visitorHash(state: LinkState, click: Pick<Click, "ts" | "ip" | "ua">, secret: string) {
  const day = Math.floor(click.ts / (24 * HOUR));
  if (state.salt.day !== day) state.salt = { day, value: hash(`${secret}:${day}`) };
  return hash(`${state.salt.value}|${click.ip}|${click.ua}`);
}

function prune(map: Map<string, Map<string, number>>, before: number) {
  for (const [key, inner] of map) {
    for (const [k, t] of inner) if (t < before) inner.delete(k);
    if (inner.size === 0) map.delete(key);
  }
}

function rollMinute(state: LinkState, ts: number) {
  const start = ts - (ts % MIN);
  if (state.minute.start === start) return;
  if (state.minute.start !== 0) {
    // Close the finished minute (and any silent ones since) into the baseline.
    const gap = Math.min(60, Math.max(0, (start - state.minute.start) / MIN - 1));
    state.ewma = EWMA_ALPHA * state.minute.count + (1 - EWMA_ALPHA) * state.ewma;
    state.ewma *= (1 - EWMA_ALPHA) ** gap;
    state.minutesSeen += 1 + gap;
  }
  state.minute = { start, count: 0, blocks: new Set(), fingerprints: new Set() };
}

/** Scores one click against the link's state, then records it. Clicks must arrive in time order. */
export function scoreClick(state: LinkState, click: Click, options: ScoringOptions = DEFAULT_OPTIONS): Verdict & { visitor: string } {
  const reasons: string[] = [];
  const ts = click.ts;
  const ua = click.ua ?? "";
  const uaClass = classifyUserAgent(ua);
  if ((click.method ?? "GET").toUpperCase() === "HEAD") reasons.push("head_request");
  if (uaClass === "preview") reasons.push("link_preview");
  else if (uaClass === "headless") reasons.push("headless_client");
  else if (uaClass === "bot") reasons.push("bot_user_agent");
  else if (uaClass === "empty") reasons.push("empty_user_agent");
  if (click.asn != null && DATACENTER_ASNS.has(click.asn)) reasons.push("datacenter_asn");

  // Per-visitor history (an hour, for uniqueness; ten seconds and a minute, for bursts).
  const visitor = visitorHash(state, click, options.saltSecret);
  const v = state.visitors.get(visitor) ?? { lastHour: [] };
  v.lastHour = v.lastHour.filter((t) => t > ts - HOUR);
  const unique = v.lastHour.length === 0;
  const inBurst = v.lastHour.filter((t) => t > ts - BURST_WINDOW).length;
  const inMinute = v.lastHour.filter((t) => t > ts - MIN).length;
  if (options.visitorBursts !== false && (inBurst >= BURST_LIMIT || inMinute >= VISITOR_MINUTE_LIMIT)) reasons.push("visitor_burst");
  v.lastHour.push(ts);
  state.visitors.delete(visitor);
  state.visitors.set(visitor, v);
  if (state.visitors.size > MAX_TRACKED) state.visitors.delete(state.visitors.keys().next().value!);

  // Link-wide windows.
  state.recent = state.recent.filter((t) => t > ts - MIN);
  state.recent.push(ts);
  rollMinute(state, ts);
  const fingerprint = hash(`${ua}|${click.acceptLanguage ?? ""}|${click.referer ?? ""}|${click.country ?? ""}`);
  state.minute.count++;
  state.minute.blocks.add(blockOf(click.ip));
  state.minute.fingerprints.add(fingerprint);

  // Many different visitors presenting one exact fingerprint within a minute: IP rotation.
  prune(state.fingerprints, ts - FP_WINDOW);
  const fpVisitors = state.fingerprints.get(fingerprint) ?? new Map<string, number>();
  fpVisitors.set(visitor, ts);
  state.fingerprints.set(fingerprint, fpVisitors);
  if (fpVisitors.size >= FP_MIN_VISITORS && fpVisitors.size >= FP_SHARE * state.recent.length) reasons.push("shared_fingerprint");

  // Many distinct addresses from one small network within minutes: a click farm. (Carrier NAT
  // puts many people behind one address, which does not count here.)
  prune(state.subnets, ts - FARM_WINDOW);
  const subnet = subnetOf(click.ip);
  const ips = state.subnets.get(subnet) ?? new Map<string, number>();
  ips.set(hash(`${state.salt.value}|${click.ip}`), ts);
  state.subnets.set(subnet, ips);
  if (ips.size >= FARM_MIN_IPS) reasons.push("subnet_farm");

  // Far above this link's own baseline, unless the traffic looks organically diverse.
  const baseline = Math.max(state.ewma, state.minutesSeen >= 10 ? 1 : SPIKE_FLOOR / SPIKE_FACTOR);
  const count = state.minute.count;
  if (count > SPIKE_FLOOR && count > SPIKE_FACTOR * baseline) {
    const diverse = state.minute.blocks.size / count >= 0.3 && state.minute.fingerprints.size / count >= 0.15;
    if (!diverse) reasons.push("velocity_spike");
  }

  const score = 1 - reasons.reduce((keep, r) => keep * (1 - (WEIGHTS[r] ?? 0)), 1);
  const rounded = Math.round(score * 1000) / 1000;
  return { id: click.id, fraud: rounded >= options.threshold, score: rounded, reasons, unique, visitor };
}

/** Scores a stream of clicks across links, keeping one state per link (the CLI and the eval use this). */
export function scorer(options: ScoringOptions = DEFAULT_OPTIONS) {
  const states = new Map<string, LinkState>();
  return (click: Click) => {
    let state = states.get(click.link);
    if (!state) states.set(click.link, (state = newLinkState()));
    return scoreClick(state, click, options);
  };
}

/** The link's rolling windows as of `now`: clicks in the last second and minute, the per-minute baseline, unique visitors this hour. */
export function windowCounts(state: LinkState, now: number) {
  let visitors = 0;
  for (const v of state.visitors.values()) if (v.lastHour.some((t) => t > now - HOUR)) visitors++;
  return {
    lastSecond: state.recent.filter((t) => t > now - 1_000).length,
    lastMinute: state.recent.filter((t) => t > now - MIN).length,
    baselinePerMinute: Math.round(state.ewma * 100) / 100,
    uniqueVisitorsLastHour: visitors,
  };
}
