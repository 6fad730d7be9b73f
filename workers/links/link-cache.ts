import { eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { D1Db } from "../db/d1/client";
import { campaignEdges, links } from "../db/d1/schema";

/** Everything a redirect needs, in one cacheable record. */
export interface LinkTarget {
  linkId: string;
  code: string;
  brandId: string;
  campaignId: string;
  creatorId: string;
  destination: string;
  campaign: {
    status: "draft" | "active" | "paused" | "ended";
    startsAt: number | null;
    endsAt: number | null;
    fallbackUrl: string;
    utm: { source: string; medium: string; campaign: string };
    fraudThreshold: number;
  } | null;
}

const ISOLATE_TTL_MS = 10_000;
/**
 * Entries this isolate keeps, least recently used dropped first. Unknown codes have their own,
 * smaller cache so that probing random codes can never push a real link out of memory.
 * A `LinkTarget` is well under 1 KB, so the known side stays within a few MB.
 */
export const LINK_CACHE_LIMITS = { known: 5_000, unknown: 1_000 };
const EDGE_TTL_S = 60;
type Entry = { value: LinkTarget | null; expires: number };
const known = new LRUCache<string, Entry>({ max: LINK_CACHE_LIMITS.known });
const unknown = new LRUCache<string, Entry>({ max: LINK_CACHE_LIMITS.unknown });
function remember(code: string, value: LinkTarget | null, now: number) {
  (value ? unknown : known).delete(code);
  (value ? known : unknown).set(code, { value, expires: now + ISOLATE_TTL_MS });
}
const cacheUrl = (code: string) => `https://link-cache.tandem.internal/v1/${encodeURIComponent(code)}`;

async function fromD1(db: D1Db, code: string): Promise<LinkTarget | null> {
  const row = await db
    .select({ link: links, edge: campaignEdges })
    .from(links)
    .leftJoin(campaignEdges, eq(campaignEdges.campaignId, links.campaignId))
    .where(eq(links.code, code))
    .get();
  if (!row) return null;
  const { link, edge } = row;
  return {
    linkId: link.id,
    code: link.code,
    brandId: link.brandId,
    campaignId: link.campaignId,
    creatorId: link.creatorId,
    destination: link.destination,
    campaign: edge
      ? {
          status: edge.status,
          startsAt: edge.startsAt,
          endsAt: edge.endsAt,
          fallbackUrl: edge.fallbackUrl,
          utm: { source: edge.utmSource, medium: edge.utmMedium, campaign: edge.utmCampaign },
          fraudThreshold: edge.fraudThresholdMilli / 1000,
        }
      : null,
  };
}

/**
 * Looks a code up: this isolate's memory first, then the colo's Cache API, then D1. A warm hit
 * touches no database. Unknown codes are remembered briefly in memory only. Memory is bounded
 * (LINK_CACHE_LIMITS, least recently used first out); a lookup adds no await to a warm hit.
 */
export async function lookupLink(db: D1Db, code: string, now: number, waitUntil: (p: Promise<unknown>) => void): Promise<LinkTarget | null> {
  const hit = known.get(code) ?? unknown.get(code);
  if (hit && hit.expires > now) return hit.value;
  const cache = caches.default;
  const cached = await cache.match(cacheUrl(code)).catch(() => undefined);
  if (cached) {
    const value = (await cached.json()) as LinkTarget;
    remember(code, value, now);
    return value;
  }
  const value = await fromD1(db, code);
  remember(code, value, now);
  if (value) {
    const res = new Response(JSON.stringify(value), { headers: { "content-type": "application/json", "cache-control": `max-age=${EDGE_TTL_S}` } });
    waitUntil(cache.put(cacheUrl(code), res).catch(() => undefined));
  }
  return value;
}

/** How many lookups this isolate holds in memory (known links, unknown codes). */
export function isolateCacheSize() {
  return { known: known.size, unknown: unknown.size };
}

/** Drops cached lookups after a link or its campaign changes. */
export async function forgetLinks(codes: string[]) {
  for (const code of codes) {
    known.delete(code);
    unknown.delete(code);
  }
  await Promise.all(codes.map((code) => caches.default.delete(cacheUrl(code)).catch(() => false)));
}
