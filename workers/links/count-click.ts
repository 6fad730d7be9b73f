import type { ClickInput } from "../../durable-objects/link-counter";
import { classifyUserAgent } from "../fraud/signals";
import { clampUtm, visitorHeaders } from "../lib/inbound-limits";
import type { Logger } from "../lib/logger";
import type { LinkTarget } from "./link-cache";

/** Shards per link: one object handles a link's traffic; hot links can spread by visitor later. */
export const counterName = (linkId: string, shard = 0) => `${linkId}:${shard}`;

/**
 * Runs after the redirect has been sent (waitUntil). HEAD requests and link-preview fetchers
 * are never counted; everything else goes to the link's LinkCounter for scoring and buffering.
 * Any failure here is logged and swallowed: the visitor already has their redirect. Every
 * visitor-supplied field is clamped to INBOUND_LIMITS first.
 */
export async function countClick(env: Env, log: Logger, req: Request, target: LinkTarget, clickId: string, utm: Record<string, string>) {
  const { ua, referer, acceptLanguage, ip } = visitorHeaders(req.headers);
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
  };
  try {
    const stub = env.LINK_COUNTER.get(env.LINK_COUNTER.idFromName(counterName(target.linkId)));
    await stub.record(input);
  } catch (e) {
    log.error("click not counted", { linkId: target.linkId, clickId, error: String(e) });
  }
}
