import { createHash } from "node:crypto";
import { ageOf, fingerprintShare, learn, newBaseline, ratePer, share, type Baseline } from "./baseline";
import { FEATURES, type FeatureName } from "./features";
import { predict, type Model } from "./model";
import { MODEL } from "./model-weights";
import { emptySummary, SUMMARY_TTL_MS, type ShardSummary } from "./shard-summary";
import { DATACENTER_ASNS, headerMismatch, knownSource, PUBLIC_CLOUD_ASNS, refererHost, subnetOf, uaFacts } from "./signals";
import { add, arrivalRegularity, expire, fingerprintCounts, identityCounts, newWindow, refererCounts, size, subnetAddresses, topUaShare, type ClickWindow } from "./window";

/**
 * Click scoring (ADR 016): a pure function of the click and the link's recent history, shared by
 * the LinkCounter Durable Object, `npm run fraud:score` and the evaluation.
 *
 * 1. Rules with fixed, published meaning: GIVT (declared bots, previews, scripts, data centres,
 *    headers that contradict the user agent, non-navigation requests) and SIVT behaviour (one
 *    visitor's bursts and slow repeats, one fingerprint surging on many addresses, a small
 *    network's farm, a change in the link's traffic composition against its own baseline).
 * 2. A learned model (workers/fraud/model-weights.ts, trained by `npm run train:fraud`) over the
 *    same features, for the combinations no single rule catches.
 * The link's baseline learns only from clicks the rules pass, so the features never depend on
 * the model or on a campaign's threshold, and an attack never becomes the link's normal.
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
  /** Sec-CH-UA, Sec-Fetch-Mode and Accept as sent (null when absent; undefined when not recorded). */
  secChUa?: string | null;
  secFetchMode?: string | null;
  accept?: string | null;
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
   * Whether one visitor's repeats are a signal (default yes). Not for views: one page shows
   * several items at once, and a visitor's views are capped instead.
   */
  visitorBursts?: boolean;
  /** The learned model; `null` scores with the rules alone. */
  model?: Model | null;
}

export const DEFAULT_OPTIONS: ScoringOptions = { threshold: 0.5, saltSecret: "tandem" };

/** How much each rule weighs; the rules' score is 1 − Π(1 − w). */
export const WEIGHTS: Record<string, number> = {
  head_request: 1,
  link_preview: 1,
  headless_client: 0.95,
  bot_user_agent: 0.95,
  empty_user_agent: 0.8,
  datacenter_asn: 0.7,
  cloud_network: 0.3,
  hidden_webview: 0.5,
  header_mismatch: 0.8,
  not_navigation: 0.8,
  visitor_burst: 0.9,
  repeat_clicker: 0.8,
  shared_fingerprint: 0.8,
  fingerprint_surge: 0.8,
  subnet_farm: 0.8,
  composition_anomaly: 0.7,
  identity_surge: 0.7,
  referer_surge: 0.7,
  audience_shift: 0.6,
  velocity_spike: 0.6,
  learned_pattern: 0.5,
};

const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const MAX_TRACKED = 50_000;
/** A visitor's last clicks kept (every per-visitor rule looks at fewer). */
const MAX_VISITOR_TIMES = 64;
/** Clicks the rules score below this teach the link's baseline (fixed: independent of any campaign's threshold). */
const BASELINE_CUT = 0.5;
/** How often link-level composition is recomputed (event time). */
const LINK_REFRESH = SEC;

/** Everything the scorer remembers about one link. Plain data: JSON-serialisable for storage. */
export interface LinkState {
  salt: { day: number; value: string };
  /** visitor → click times in the last hour (insertion order = least recently seen first). */
  visitors: Map<string, number[]>;
  minute: ClickWindow;
  tenMinutes: ClickWindow;
  baseline: Baseline;
  link: { at: number; values: LinkValues };
  /** The other shards' counts, when the link is sharded (shard-summary.ts). */
  peers: ShardSummary;
}

interface LinkValues {
  rateRatio: number;
  clicks10m: number;
  noLangDelta: number;
  noRefDelta: number;
  topUaDelta: number;
  topUaNow: number;
  freshDelta: number;
  regularity: number;
  ageHours: number;
}

const EMPTY_LINK: LinkValues = { rateRatio: 0, clicks10m: 0, noLangDelta: 0, noRefDelta: 0, topUaDelta: 0, topUaNow: 0, freshDelta: 0, regularity: 1, ageHours: 0 };

export function newLinkState(): LinkState {
  return { salt: { day: -1, value: "" }, visitors: new Map(), minute: newWindow(MIN, true), tenMinutes: newWindow(10 * MIN), baseline: newBaseline(), link: { at: 0, values: EMPTY_LINK }, peers: emptySummary() };
}

/** SHA-256, truncated (node:crypto: native in Node and in workerd with nodejs_compat, several times faster than a JS hash). */
const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 24);

/** FNV-1a over several strings (each followed by a separator), for keys that need no secrecy. */
function fnvOf(h: number, s: string) {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x7c, 0x01000193);
}
const FNV_SEED = 0x811c9dc5;
const fnv = (s: string) => (fnvOf(FNV_SEED, s) >>> 0).toString(36);

/** The device identity: user agent, languages, client hints (whatever the referer or country). */
function identityOf(uaHash: number, click: Click) {
  return (fnvOf(fnvOf(uaHash, click.acceptLanguage ?? ""), click.secChUa ?? "") >>> 0).toString(36);
}

/** The exact header fingerprint: user agent, languages, referer, country, client hints. */
function fingerprintOf(uaHash: number, click: Click) {
  let h = fnvOf(uaHash, click.acceptLanguage ?? "");
  h = fnvOf(h, click.referer ?? "");
  h = fnvOf(h, click.country ?? "");
  return (fnvOf(h, click.secChUa ?? "") >>> 0).toString(36);
}

function saltFor(state: LinkState, ts: number, secret: string) {
  const day = Math.floor(ts / (24 * HOUR));
  if (state.salt.day !== day) state.salt = { day, value: hash(`${secret}:${day}`) };
  return state.salt.value;
}

/** A visitor is a salted hash of address and browser; the salt changes every UTC day, and raw IPs are never kept. */
export const visitorHash = (state: LinkState, click: Pick<Click, "ts" | "ip" | "ua">, secret: string) => identify(state, click, secret).visitor;

const blank = (s: string | null | undefined) => s == null || s === "";

function linkValues(state: LinkState, ts: number): LinkValues {
  if (ts - state.link.at < LINK_REFRESH && state.link.at !== 0) return state.link.values;
  const w = state.tenMinutes;
  const b = state.baseline;
  const n = size(w);
  const expected = ratePer(b, ts, 10 * MIN);
  const topNow = topUaShare(w);
  const values: LinkValues = {
    rateRatio: Math.log((n + 1) / (expected + 1)),
    clicks10m: n,
    noLangDelta: n ? w.noLang / n - share(b, "noLang", 0.1) : 0,
    noRefDelta: n ? w.noRef / n - share(b, "noRef", 0.3) : 0,
    topUaNow: topNow,
    topUaDelta: n ? topNow - share(b, "topUa", 0.2) : 0,
    freshDelta: n ? w.fresh / n - share(b, "fresh", 0.85) : 0,
    regularity: Math.min(2, arrivalRegularity(w, 30)),
    ageHours: ageOf(b, ts) / HOUR,
  };
  state.link = { at: ts, values };
  return values;
}

/** What the scorer knows about one click: its rules' reasons and the learned model's inputs. */
export interface Scored {
  visitor: string;
  unique: boolean;
  reasons: string[];
  ruleScore: number;
  features: Float64Array;
}

/** The part of a click a stored event keeps for re-scoring (LinkCounter `props.scoring`). */
export interface ScoringInput {
  ua: string;
  acceptLanguage: string | null;
  secChUa: string | null;
  secFetchMode: string | null;
  accept: string | null;
  method: string;
  identity: Identity;
}

/** The keys derived from a click's address (the address itself is never kept). */
export interface Identity {
  visitor: string;
  ipKey: string;
  subnet: string;
}

export function identify(state: LinkState, click: Pick<Click, "ts" | "ip" | "ua">, secret: string): Identity {
  const salt = saltFor(state, click.ts, secret);
  return { visitor: hash(`${salt}|${click.ip}|${click.ua ?? ""}`), ipKey: fnv(`${salt}|${click.ip}`), subnet: subnetOf(click.ip) };
}

/**
 * Computes one click's rule reasons and features against the link's state, then records the
 * click. `identity` replays a click whose address is gone (durable-objects/scoring-store.ts).
 */
export function observe(state: LinkState, click: Click, options: Pick<ScoringOptions, "saltSecret" | "visitorBursts">, identity?: Identity, into?: Float64Array): Scored {
  const reasons: string[] = [];
  const ts = click.ts;
  const ua = click.ua ?? "";
  const facts = uaFacts(ua);
  const uaClass = facts.cls;
  if ((click.method ?? "GET").toUpperCase() === "HEAD") reasons.push("head_request");
  if (uaClass === "preview") reasons.push("link_preview");
  else if (uaClass === "headless") reasons.push("headless_client");
  else if (uaClass === "bot") reasons.push("bot_user_agent");
  else if (uaClass === "empty") reasons.push("empty_user_agent");
  const datacenter = click.asn != null && DATACENTER_ASNS.has(click.asn);
  const mismatch = uaClass === "browser" && headerMismatch(facts, click.secChUa, click.accept);
  if (mismatch) reasons.push("header_mismatch");
  // Hosting networks are GIVT; a public cloud only when the browser does not look like a person's
  // (enterprise VPN and security egress runs there too).
  if (datacenter) reasons.push(PUBLIC_CLOUD_ASNS.has(click.asn!) && uaClass === "browser" && !mismatch && !blank(click.acceptLanguage) ? "cloud_network" : "datacenter_asn");
  const notNavigate = click.secFetchMode != null && click.secFetchMode !== "" && click.secFetchMode !== "navigate";
  if (notNavigate) reasons.push("not_navigation");

  // One visitor's history over the last hour.
  const { visitor, ipKey, subnet } = identity ?? identify(state, click, options.saltSecret);
  // A visitor's history is kept per browser language too: behind carrier NAT, people whose phones
  // send the same frozen user agent share a visitor hash, and their languages tell them apart.
  const person = click.acceptLanguage ? `${visitor}|${click.acceptLanguage}` : visitor;
  const before = state.visitors.get(person) ?? [];
  let stale = 0;
  while (stale < before.length && before[stale]! <= ts - HOUR) stale++;
  if (stale) before.splice(0, stale);
  const unique = before.length === 0;
  let in10s = 0, in1m = 0, sessions15m = 0, last = -Infinity;
  for (const t of before) {
    if (t > ts - 10 * SEC) in10s++;
    if (t > ts - MIN) in1m++;
    if (t > ts - 15 * MIN && t - last > 2 * SEC) sessions15m++;
    last = t;
  }
  // A fourth separate visit inside 15 minutes: nobody re-reads the same link that often (double
  // taps count once).
  const repeating = options.visitorBursts !== false && sessions15m >= 3 && ts - last > 2 * SEC;
  if (options.visitorBursts !== false && (in10s >= 3 || in1m >= 8)) reasons.push("visitor_burst");
  before.push(ts);
  if (before.length > MAX_VISITOR_TIMES) before.splice(0, before.length - MAX_VISITOR_TIMES);
  state.visitors.delete(person);
  state.visitors.set(person, before);
  if (state.visitors.size > MAX_TRACKED) state.visitors.delete(state.visitors.keys().next().value!);

  // The link's windows and its composition against its own baseline.
  const noLang = blank(click.acceptLanguage);
  const noRef = blank(click.referer);
  const fp = fingerprintOf(facts.hash, click);
  expire(state.minute, ts);
  expire(state.tenMinutes, ts);
  const country = click.country ?? "";
  const ref = refererHost(click.referer);
  const id = identityOf(facts.hash, click);
  const entry = { ts, visitor, fp, ua, subnet, ip: ipKey, noLang, noRef, fresh: unique, country, ref, id };
  add(state.minute, entry);
  add(state.tenMinutes, entry);
  const link = linkValues(state, ts);
  if (repeating && !reasons.includes("visitor_burst")) reasons.push("repeat_clicker");
  const b = state.baseline;
  // Counts that cross visitors include the other shards' (shares are the same on every shard).
  const peers = ts - state.peers.at < SUMMARY_TTL_MS ? state.peers : null;
  const n1 = size(state.minute) + (peers?.n1 ?? 0);
  const n10 = size(state.tenMinutes) + (peers?.n10 ?? 0);
  const fp1 = fingerprintCounts(state.minute, fp);
  const fp10 = fingerprintCounts(state.tenMinutes, fp);
  // Shares count the *other* clicks like this one, so one new visitor on a quiet link is not a surge.
  const fpShareNow = (fp10.clicks - 1) / size(state.tenMinutes);
  if (peers) {
    fp1.visitors += peers.fp1[fp] ?? 0;
    fp10.visitors += peers.fp10[fp] ?? 0;
  }
  const fpShareBase = fingerprintShare(b, fp);
  const fpLift = Math.log((fpShareNow + 0.01) / (fpShareBase + 0.01));
  const subnetIps = subnetAddresses(state.tenMinutes, subnet) + (peers?.subnets[subnet] ?? 0);
  // The same, for the click's country, referer host and device identity.
  const own10 = size(state.tenMinutes);
  const lift = (now: number, base: number) => Math.max(-3, Math.min(5, Math.log((now + 0.01) / (base + 0.01))));
  const countryShare = ((state.tenMinutes.byCountry.get(country) ?? 1) - 1) / own10;
  const countryBase = fingerprintShare(b, country, 0.05, "country");
  const refNow = refererCounts(state.tenMinutes, ref);
  const refShare = (refNow.clicks - 1) / own10;
  const refBase = fingerprintShare(b, ref, 0.05, "referer");
  const known = ref === "" || knownSource(ref);
  const idNow = identityCounts(state.tenMinutes, id);
  const idShare = (idNow.clicks - 1) / own10;
  const idBase = fingerprintShare(b, id, 0.01, "identity");

  // Many different visitors presenting one exact fingerprint within a minute: IP rotation.
  if (fp1.visitors >= 8 && fp1.visitors >= 0.05 * n1) reasons.push("shared_fingerprint");
  // One fingerprint taking over a link whose rate is up: a farm spread over unrelated addresses.
  else if (fp10.visitors >= 6 && fpShareNow >= 0.25 && fpShareNow >= 3 * fpShareBase && link.rateRatio >= Math.log(2)) reasons.push("fingerprint_surge");
  // One browser identity on many addresses, far above its usual share: residential proxies.
  if (idNow.visitors >= 8 && idShare >= 0.2 && idShare >= 4 * idBase && link.rateRatio >= Math.log(2) && !reasons.includes("shared_fingerprint") && !reasons.includes("fingerprint_surge")) reasons.push("identity_surge");
  // Many visitors from a site people do not ordinarily come from (coupon pages, offerwalls).
  if (!known && refNow.visitors >= 8 && refShare >= 0.15 && refShare >= 5 * refBase) reasons.push("referer_surge");
  // A burst from a country the link's audience is not in, with no ordinary source behind it, or
  // packed into a few networks (a genuine foreign moment spreads over a country's networks).
  else if (n10 >= 15 && countryShare >= 0.3 && countryShare >= 5 * countryBase && link.rateRatio >= Math.log(2) && ((!(ref !== "" && known) && !facts.webview) || subnetIps >= SUBNET_PACKED)) reasons.push("audience_shift");
  // Many distinct addresses from one small network within minutes: a click farm. (Carrier NAT
  // puts many people behind one address, which does not count here.)
  if (subnetIps >= 6) reasons.push("subnet_farm");
  // A WebView no app claims, arriving from nowhere: the vehicle of hidden background clicks.
  if (facts.bareWebview && noRef) reasons.push("hidden_webview");
  // The link's traffic is up and has changed shape, and this click has the trait that changed.
  const surging = link.rateRatio >= Math.log(3) && n10 >= 20;
  if (surging && !facts.webview && ((noLang && link.noLangDelta >= 0.3) || (noRef && link.noRefDelta >= 0.35 && link.topUaDelta >= 0.25 && link.topUaNow >= 0.4))) reasons.push("composition_anomaly");
  // A minute far above the link's baseline, from few networks and few fingerprints.
  const expectedMinute = Math.max(ratePer(b, ts, MIN) + (peers?.expected1m ?? 0), link.ageHours >= 0.2 ? 1 : 12);
  if (n1 > 60 && n1 > 5 * expectedMinute) {
    if (state.minute.byFp.size / size(state.minute) < 0.15) reasons.push("velocity_spike");
  }

  const ruleScore = combine(reasons);
  if (ruleScore < BASELINE_CUT) learn(b, ts, { fp, country, referer: ref, identity: id, noLang, noRef, fresh: unique, topUaShare: link.topUaNow }, learningWeight(link));

  const f = into ?? new Float64Array(FEATURES.length);
  f[F.visitor_10s] = Math.log1p(in10s);
  f[F.visitor_1m] = Math.log1p(in1m);
  f[F.visitor_sessions_15m] = Math.log1p(sessions15m);
  f[F.visitor_1h] = Math.log1p(before.length - 1);
  f[F.visitor_gap] = unique ? 0 : Math.log1p((ts - before[before.length - 2]!) / SEC) / 10;
  f[F.fingerprint_visitors_1m] = Math.log1p(fp1.visitors);
  f[F.fingerprint_visitors_10m] = Math.log1p(fp10.visitors);
  f[F.fingerprint_share] = fpShareNow;
  f[F.fingerprint_lift] = Math.max(-3, Math.min(5, fpLift));
  f[F.subnet_addresses] = Math.log1p(subnetIps);
  f[F.rate_ratio] = Math.max(-3, Math.min(6, link.rateRatio));
  f[F.clicks_10m] = Math.log1p(n10);
  f[F.no_lang_delta] = link.noLangDelta;
  f[F.no_referer_delta] = link.noRefDelta;
  f[F.top_ua_delta] = link.topUaDelta;
  f[F.fresh_delta] = link.freshDelta;
  f[F.arrival_regularity] = link.regularity;
  f[F.no_lang] = noLang ? 1 : 0;
  f[F.no_referer] = noRef ? 1 : 0;
  f[F.webview] = facts.webview ? 1 : 0;
  f[F.header_mismatch] = mismatch ? 1 : 0;
  f[F.not_navigation] = notNavigate ? 1 : 0;
  f[F.datacenter] = datacenter && !PUBLIC_CLOUD_ASNS.has(click.asn!) ? 1 : 0;
  f[F.declared_bot] = uaClass === "browser" ? 0 : 1;
  f[F.baseline_age] = Math.log1p(link.ageHours);
  f[F.country_share] = countryShare;
  f[F.country_lift] = lift(countryShare, countryBase);
  f[F.referer_share] = refShare;
  f[F.referer_lift] = lift(refShare, refBase);
  f[F.referer_known] = known ? 1 : 0;
  f[F.identity_visitors_10m] = Math.log1p(idNow.visitors);
  f[F.identity_lift] = lift(idShare, idBase);
  f[F.bare_webview] = facts.bareWebview ? 1 : 0;
  return { visitor, unique, reasons, ruleScore, features: f };
}

/** Addresses from the click's /24 in ten minutes that pack a foreign burst into few networks. */
const SUBNET_PACKED = 3;

/**
 * How much one valid click teaches a mature baseline: fully at up to LEARN_SURGE× the link's
 * normal rate, less above it, so a surge teaches at most LEARN_SURGE× the normal rate's worth of
 * clicks. Otherwise a farm the rules miss would, within minutes, become the link's normal mix
 * (its country, fingerprint, referer) and hide itself and every farm after it. A young baseline
 * (under an hour) learns everything: it has no normal to protect yet.
 */
function learningWeight(link: LinkValues) {
  if (link.ageHours < 1) return 1;
  return Math.min(1, Math.exp(Math.log(LEARN_SURGE) - link.rateRatio));
}
const LEARN_SURGE = 1.5;

const F = Object.fromEntries(FEATURES.map((name, i) => [name, i])) as Record<FeatureName, number>;

function combine(reasons: string[]) {
  return 1 - reasons.reduce((keep, r) => keep * (1 - (WEIGHTS[r] ?? 0)), 1);
}

/**
 * Whether a click has no tell of its own: nothing wrong with its headers or network, at most a
 * visit or two before it this hour (people come back), and at most two others in the window
 * sharing its browser identity or fingerprint (identical phones are common). The model may not
 * call such a click invalid on the link's context alone (a rate or a country mix), which is what
 * keeps a genuine viral moment, full of new and different people, from being judged a farm.
 */
export function contextOnly(f: ArrayLike<number>) {
  return (
    f[F.identity_visitors_10m]! <= LOG4 + 1e-9 &&
    f[F.fingerprint_visitors_10m]! <= LOG4 + 1e-9 &&
    (f[F.referer_known] === 1 || f[F.no_referer] === 1) &&
    f[F.visitor_1h]! <= LOG3 + 1e-9 &&
    f[F.header_mismatch] === 0 &&
    f[F.not_navigation] === 0 &&
    f[F.datacenter] === 0 &&
    f[F.declared_bot] === 0
  );
}
const LOG3 = Math.log1p(2);
const LOG4 = Math.log1p(3);

/** The model's say on a click (0 when it may not judge it on context alone). */
export function learnedScore(model: Model, features: ArrayLike<number>) {
  return contextOnly(features) ? 0 : modelScore(model, features);
}

/** Maps the model's probability so that its calibrated threshold lands on 0.5, the default cut-off. */
export function modelScore(model: Model, features: ArrayLike<number>) {
  const p = predict(model, features);
  const t = model.threshold;
  return p < t ? (0.5 * p) / t : 0.5 + (0.5 * (p - t)) / (1 - t);
}

/** The features of the click being scored (reused: scoring is synchronous). */
const scratch = new Float64Array(FEATURES.length);

/** Scores one click against the link's state, then records it. Clicks must arrive in time order. */
export function scoreClick(state: LinkState, click: Click, options: ScoringOptions = DEFAULT_OPTIONS, identity?: Identity): Verdict & { visitor: string; identity: Identity } {
  const id = identity ?? identify(state, click, options.saltSecret);
  const seen = observe(state, click, options, id, scratch);
  const model = options.model === undefined ? MODEL : options.model;
  let score = seen.ruleScore;
  const reasons = seen.reasons;
  if (model) {
    const learned = learnedScore(model, seen.features);
    // Named only where the model decided: the rules' reasons already explain the rest.
    if (learned >= 0.5 && seen.ruleScore < 0.5) reasons.push("learned_pattern");
    score = Math.max(score, learned);
  }
  const rounded = Math.round(score * 1000) / 1000;
  return { id: click.id, fraud: rounded >= options.threshold, score: rounded, reasons, unique: seen.unique, visitor: seen.visitor, identity: id };
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

/** The link's rolling windows as of `now` (with the other shards' when sharded): clicks in the last second and minute, the per-minute baseline, unique visitors this hour. */
export function windowCounts(state: LinkState, now: number) {
  let visitors = 0;
  for (const times of state.visitors.values()) if (times.some((t) => t > now - HOUR)) visitors++;
  let lastSecond = 0;
  let lastMinute = 0;
  const w = state.minute;
  for (let i = w.head; i < w.entries.length; i++) {
    const t = w.entries[i]!.ts;
    if (t > now - MIN) lastMinute++;
    if (t > now - SEC) lastSecond++;
  }
  const peers = now - state.peers.at < SUMMARY_TTL_MS ? state.peers : emptySummary();
  return {
    lastSecond: lastSecond + peers.lastSecond,
    lastMinute: lastMinute + peers.n1,
    baselinePerMinute: Math.round((ratePer(state.baseline, now, MIN) + peers.expected1m) * 100) / 100,
    uniqueVisitorsLastHour: visitors + peers.visitorsLastHour,
  };
}
