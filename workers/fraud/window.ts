/**
 * A sliding time window of a link's recent clicks with counters kept incrementally (added as a
 * click enters, taken away as it ages out), so every question the scorer asks about the window
 * costs O(1). Serialised by durable-objects/scoring-store.ts (Maps included).
 */
export interface WindowEntry {
  ts: number;
  visitor: string;
  fp: string;
  ua: string;
  subnet: string;
  ip: string;
  noLang: boolean;
  noRef: boolean;
  fresh: boolean;
  country: string;
  /** Referer host ("" without one). */
  ref: string;
  /** Device identity: user agent, languages and client hints, whatever the referer. */
  id: string;
}

export interface ClickWindow {
  span: number;
  /** A light window keeps only clicks and visitors per fingerprint (the one-minute window needs no more). */
  light: boolean;
  entries: WindowEntry[];
  head: number;
  byFp: Map<string, Map<string, number>>; // fingerprint → visitor → clicks
  fpClicks: Map<string, number>;
  bySubnet: Map<string, Map<string, number>>; // subnet → ip key → clicks
  byUa: Map<string, number>;
  byCountry: Map<string, number>;
  byRef: Map<string, Map<string, number>>; // referer host → visitor → clicks
  byId: Map<string, Map<string, number>>; // device identity → visitor → clicks
  refClicks: Map<string, number>;
  idClicks: Map<string, number>;
  /** How many user agents have each count, so the top count is known without a scan. */
  uaHist: Map<number, number>;
  uaTop: number;
  noLang: number;
  noRef: number;
  fresh: number;
}

export function newWindow(span: number, light = false): ClickWindow {
  return { span, light, entries: [], head: 0, byFp: new Map(), fpClicks: new Map(), bySubnet: new Map(), byUa: new Map(), byCountry: new Map(), byRef: new Map(), byId: new Map(), refClicks: new Map(), idClicks: new Map(), uaHist: new Map(), uaTop: 0, noLang: 0, noRef: 0, fresh: 0 };
}

export const size = (w: ClickWindow) => w.entries.length - w.head;

function bump(map: Map<string, Map<string, number>>, outer: string, inner: string, by: number) {
  let m = map.get(outer);
  if (!m) map.set(outer, (m = new Map()));
  const next = (m.get(inner) ?? 0) + by;
  if (next > 0) m.set(inner, next);
  else {
    m.delete(inner);
    if (m.size === 0) map.delete(outer);
  }
}

function count<K>(map: Map<K, number>, key: K, by: number) {
  const next = (map.get(key) ?? 0) + by;
  if (next > 0) map.set(key, next);
  else map.delete(key);
  return next;
}

function countUa(w: ClickWindow, ua: string, by: 1 | -1) {
  const before = w.byUa.get(ua) ?? 0;
  const after = count(w.byUa, ua, by);
  if (before > 0) count(w.uaHist, before, -1);
  if (after > 0) count(w.uaHist, after, 1);
  if (after > w.uaTop) w.uaTop = after;
  else if (before === w.uaTop && !w.uaHist.has(before)) w.uaTop = after;
}

function apply(w: ClickWindow, e: WindowEntry, by: 1 | -1) {
  bump(w.byFp, e.fp, e.visitor, by);
  if (w.light) return;
  count(w.fpClicks, e.fp, by);
  bump(w.bySubnet, e.subnet, e.ip, by);
  countUa(w, e.ua, by);
  count(w.byCountry, e.country, by);
  bump(w.byRef, e.ref, e.visitor, by);
  bump(w.byId, e.id, e.visitor, by);
  count(w.refClicks, e.ref, by);
  count(w.idClicks, e.id, by);
  if (e.noLang) w.noLang += by;
  if (e.noRef) w.noRef += by;
  if (e.fresh) w.fresh += by;
}

/** Drops what has aged out as of `now` (clicks arrive in time order). */
export function expire(w: ClickWindow, now: number) {
  while (w.head < w.entries.length && w.entries[w.head]!.ts <= now - w.span) apply(w, w.entries[w.head++]!, -1);
  if (w.head > 1024 && w.head * 2 > w.entries.length) {
    w.entries = w.entries.slice(w.head);
    w.head = 0;
  }
}

export function add(w: ClickWindow, e: WindowEntry) {
  w.entries.push(e);
  apply(w, e, 1);
}

/** Distinct visitors that presented this fingerprint, and their clicks. */
export function fingerprintCounts(w: ClickWindow, fp: string) {
  return { visitors: w.byFp.get(fp)?.size ?? 0, clicks: w.fpClicks.get(fp) ?? 0 };
}

/** Clicks and distinct visitors from one referer host. */
export const refererCounts = (w: ClickWindow, host: string) => ({ visitors: w.byRef.get(host)?.size ?? 0, clicks: w.refClicks.get(host) ?? 0 });

/** Clicks and distinct visitors of one device identity. */
export const identityCounts = (w: ClickWindow, id: string) => ({ visitors: w.byId.get(id)?.size ?? 0, clicks: w.idClicks.get(id) ?? 0 });

/** Distinct addresses seen in one subnet. */
export const subnetAddresses = (w: ClickWindow, subnet: string) => w.bySubnet.get(subnet)?.size ?? 0;

/** The most common user agent's share of the window. */
export function topUaShare(w: ClickWindow) {
  const n = size(w);
  return n === 0 ? 0 : w.uaTop / n;
}

/** Coefficient of variation of the gaps between the window's last `k` arrivals (1 for random arrivals, near 0 for a metronome). */
export function arrivalRegularity(w: ClickWindow, k: number) {
  const n = size(w);
  if (n < 6) return 1;
  const from = Math.max(w.head, w.entries.length - k);
  let sum = 0;
  let sq = 0;
  let m = 0;
  for (let i = from + 1; i < w.entries.length; i++) {
    const gap = w.entries[i]!.ts - w.entries[i - 1]!.ts;
    sum += gap;
    sq += gap * gap;
    m++;
  }
  const mean = sum / m;
  if (mean <= 0) return 0;
  return Math.sqrt(Math.max(0, sq / m - mean * mean)) / mean;
}
