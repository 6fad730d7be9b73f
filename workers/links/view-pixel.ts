import type { Context } from "hono";
import type { ViewInput } from "../../durable-objects/link-counter";
import { DATACENTER_ASNS, classifyUserAgent } from "../fraud/signals";
import type { AppEnv } from "../lib/context";
import { visitorHeaders } from "../lib/inbound-limits";
import { counterName } from "./count-click";
import { lookupLink } from "./link-cache";
import { isLive } from "./redirect";

/** A transparent 1×1 GIF. */
const GIF = Uint8Array.from(atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"), (ch) => ch.charCodeAt(0));

/**
 * GET /api/v1/px?l=<link code>&i=<item> — the view pixel for CPV. Always answers the image (a
 * page never breaks over analytics); counts, after the response, one view per visitor per item
 * per hour of a live campaign, from browsers only (bots, previews and datacenters excluded).
 */
export async function viewPixel(c: Context<AppEnv>, code: string, item: string) {
  const req = c.req.raw;
  const { ua, ip } = visitorHeaders(req.headers);
  const cf = (req as Request & { cf?: { asn?: number; country?: string } }).cf;
  const human = req.method === "GET" && classifyUserAgent(ua) === "browser" && !(cf?.asn != null && DATACENTER_ASNS.has(cf.asn));
  if (human) {
    c.executionCtx.waitUntil(
      (async () => {
        const target = await lookupLink(c.var.deps.db, code, Date.now(), (p) => c.executionCtx.waitUntil(p));
        if (!target || !isLive(target.campaign, Date.now())) return;
        const input: ViewInput = {
          linkId: target.linkId,
          brandId: target.brandId,
          campaignId: target.campaignId,
          creatorId: target.creatorId,
          item,
          ts: Date.now(),
          ip,
          ua,
          country: cf?.country ?? null,
        };
        await c.env.LINK_COUNTER.get(c.env.LINK_COUNTER.idFromName(counterName(target.linkId))).recordView(input);
      })().catch((e) => c.var.deps.log.error("view not counted", { code, error: String(e) })),
    );
  }
  return new Response(GIF, { headers: { "content-type": "image/gif", "cache-control": "private, no-store", "content-length": String(GIF.length) } });
}
