/**
 * A link's own normal: exponentially decayed counts (half-life HALF_LIFE) of the clicks the scorer
 * judged valid, overall, per trait and per fingerprint. Attacks never teach it (flagged clicks are
 * not added), so a long attack does not become the new normal. Plain data for storage.
 */
export const HALF_LIFE = 6 * 3_600_000;
const LAMBDA = Math.LN2 / HALF_LIFE;
const MAX_FINGERPRINTS = 8_000;

export interface Baseline {
  t: number; // when the counts were last decayed
  born: number; // first click seen
  total: number;
  noLang: number;
  noRef: number;
  fresh: number;
  topUa: number; // decayed average of the window's top user-agent share, weighted by clicks
  /** Per fingerprint (and per country, referer host, identity), stored divided by `fpScale` so that decaying them all is one multiplication. */
  fps: Map<string, number>;
  cats: Record<Category, Map<string, number>>;
  fpScale: number;
}

export function newBaseline(): Baseline {
  return { t: 0, born: 0, total: 0, noLang: 0, noRef: 0, fresh: 0, topUa: 0, fps: new Map(), cats: { country: new Map(), referer: new Map(), identity: new Map() }, fpScale: 1 };
}

function decayTo(b: Baseline, now: number) {
  if (b.t === 0) {
    b.t = now;
    b.born = now;
    return;
  }
  if (now <= b.t) return;
  const k = Math.exp(-LAMBDA * (now - b.t));
  b.total *= k;
  b.noLang *= k;
  b.noRef *= k;
  b.fresh *= k;
  b.topUa *= k;
  b.fpScale *= k;
  b.t = now;
}

/** The categorical values whose shares the baseline learns, besides the fingerprint. */
export type Category = "country" | "referer" | "identity";

export interface Trait {
  fp: string;
  country: string;
  referer: string;
  identity: string;
  noLang: boolean;
  noRef: boolean;
  fresh: boolean;
  topUaShare: number;
}

/**
 * Teaches the baseline one valid click, counted as `weight` clicks (≤ 1: the scorer bounds how much
 * one surge can teach, so traffic the rules miss cannot flood the link's normal either).
 */
export function learn(b: Baseline, now: number, t: Trait, weight = 1) {
  decayTo(b, now);
  b.total += weight;
  if (t.noLang) b.noLang += weight;
  if (t.noRef) b.noRef += weight;
  if (t.fresh) b.fresh += weight;
  b.topUa += t.topUaShare * weight;
  if (b.fpScale < 1e-6) rescale(b);
  const w = weight / b.fpScale;
  b.fps.set(t.fp, (b.fps.get(t.fp) ?? 0) + w);
  bumpCategory(b, "country", t.country, w);
  bumpCategory(b, "referer", t.referer, w);
  bumpCategory(b, "identity", t.identity, w);
  if (b.fps.size > MAX_FINGERPRINTS) prune(b);
}

function rescale(b: Baseline) {
  const s = b.fpScale;
  for (const m of [b.fps, b.cats.country, b.cats.referer, b.cats.identity]) for (const [k, v] of m) m.set(k, v * s);
  b.fpScale = 1;
}

/** Keeps the heaviest half of the fingerprints. */
function prune(b: Baseline) {
  rescale(b);
  b.fps = heaviest(b.fps);
}

function bumpCategory(b: Baseline, cat: Category, value: string, w: number) {
  const m = b.cats[cat];
  m.set(value, (m.get(value) ?? 0) + w);
  if (m.size > MAX_FINGERPRINTS) b.cats[cat] = heaviest(m);
}

const heaviest = (m: Map<string, number>) => new Map([...m].sort((x, y) => y[1] - x[1]).slice(0, MAX_FINGERPRINTS / 2));

/** The decayed weight of valid clicks as of `now`, and the span of time it stands for. */
function mass(b: Baseline, now: number) {
  if (b.t === 0) return { total: 0, span: 0 };
  const k = now > b.t ? Math.exp(-LAMBDA * (now - b.t)) : 1;
  const age = Math.max(0, now - b.born);
  return { total: b.total * k, span: (1 - Math.exp(-LAMBDA * age)) / LAMBDA };
}

/** Valid clicks per `per` ms the link normally sees (0 with no history). */
export function ratePer(b: Baseline, now: number, per: number) {
  const { total, span } = mass(b, now);
  return span > 0 ? (total / span) * per : 0;
}

/** How long the baseline has been learning, in ms. */
export const ageOf = (b: Baseline, now: number) => (b.t === 0 ? 0 : now - b.born);

/** The share of valid clicks that had a trait, with a prior of `prior` worth `weight` clicks. */
export function share(b: Baseline, trait: "noLang" | "noRef" | "fresh" | "topUa", prior: number, weight = 20) {
  return (b[trait] + prior * weight) / (b.total + weight);
}

/** The share of valid clicks that carried one fingerprint or categorical value (a small prior for unseen ones). */
export function fingerprintShare(b: Baseline, key: string, prior = 0.01, category?: Category) {
  const scaled = ((category ? b.cats[category] : b.fps).get(key) ?? 0) * b.fpScale;
  return (scaled + prior * 20) / (b.total + 20);
}
