import type { ClickInput } from "../../durable-objects/link-counter";
import { classifyUserAgent } from "../fraud/signals";
import { clampUtm, visitorHeaders } from "../lib/inbound-limits";
import type { Logger } from "../lib/logger";
import type { LinkTarget } from "./link-cache";

/** The LinkCounter of one shard of a link (shard 0 is the link's primary). */
export const counterName = (linkId: string, shard = 0) => `${linkId}:${shard}`;

/**
 * How many shards each link has, as this isolate last heard from its counters (ADR 016): one
 * until a link's primary says it runs hot. Forgotten after a minute, so a cooled link's count
 * is asked again.
 */
const shardCounts = new Map<string, { shards: number; until: number }>();
const SHARDS_TTL_MS = 60_000;

/** A visitor's shard: the same address and browser always reach the same shard, so its history is whole there. */
export function shardOf(ip: string, ua: string, shards: number) {
  if (shards <= 1) return 0;
  let h = 0x811c9dc5;
  const s = `${ip}|${ua}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

function knownShards(linkId: string, now: number) {
  const k = shardCounts.get(linkId);
  return k && k.until > now ? k.shards : 1;
}

/**
 * Runs after the redirect has been sent (waitUntil). HEAD requests and link-preview fetchers
 * are never counted; everything else goes to the link's LinkCounter for scoring and buffering.
 * Any failure here is logged and swallowed: the visitor already has their redirect. Every
 * visitor-supplied field is clamped to INBOUND_LIMITS first.
 */
export async function countClick(env: Env, log: Logger, req: Request, target: LinkTarget, clickId: string, utm: Record<string, string>) {
  const { ua, referer, acceptLanguage, ip, secChUa, secFetchMode, accept } = visitorHeaders(req.headers);
  if (req.method === "HEAD" || classifyUserAgent(ua) === "preview") return;
  const cf = (req as Request & { cf?: { asn?: number; country?: string } }).cf;
  const input: ClickInput = {
    clickId,
    linkId: target.linkId,
    brandId: target.brandId,
    campaignId: target.campaignId,
    creatorId: target.creatorId,
    utm: clampUtm(Object.entries(utm)),
    threshold: target.campaign?.fraudThreshold ?? 0.5,
    ts: Date.now(),
    ip,
    ua,
    asn: cf?.asn ?? null,
    country: cf?.country ?? null,
    referer,
    method: req.method,
    acceptLanguage,
    secChUa,
    secFetchMode,
    accept,
  };
  try {
    input.shards = knownShards(target.linkId, input.ts);
    const shard = shardOf(ip, ua, input.shards);
    const stub = env.LINK_COUNTER.get(env.LINK_COUNTER.idFromName(counterName(target.linkId, shard)));
    const { shards } = await stub.record(input);
    if (shards > 1 || shardCounts.has(target.linkId)) {
      shardCounts.set(target.linkId, { shards, until: Date.now() + SHARDS_TTL_MS });
      if (shardCounts.size > 10_000) shardCounts.delete(shardCounts.keys().next().value!);
    }
  } catch (e) {
    log.error("click not counted", { linkId: target.linkId, clickId, error: String(e) });
  }
}
