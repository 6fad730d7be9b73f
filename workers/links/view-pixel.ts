import type { Context } from "hono";
import type { ViewInput } from "../../durable-objects/link-counter";
import { DATACENTER_ASNS, classifyUserAgent } from "../fraud/signals";
import type { AppEnv } from "../lib/context";
import { visitorHeaders } from "../lib/inbound-limits";
import { counterName } from "./count-click";
import { lookupLink } from "./link-cache";
import { isLive } from "./redirect";
import { checkViewToken } from "./view-token";

/** A transparent 1×1 GIF. */
const GIF = Uint8Array.from(atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"), (ch) => ch.charCodeAt(0));

/**
 * GET /api/v1/px?l=<link code>&t=<item token> — the view pixel for CPV. Always answers the image
 * (a page never breaks over analytics); after the response it counts a view only for an item
 * token this server signed for this link and that has not expired (view-token.ts), from browsers
 * only (bots, previews and datacenters excluded), for a live campaign. The LinkCounter then
 * scores it, keeps one per visitor per item per hour and caps each visitor's views across items.
 */
export async function viewPixel(c: Context<AppEnv>, code: string, token: string) {
  const req = c.req.raw;
  const { ua, ip, referer, acceptLanguage } = visitorHeaders(req.headers);
  const cf = (req as Request & { cf?: { asn?: number; country?: string } }).cf;
  const human = req.method === "GET" && classifyUserAgent(ua) === "browser" && !(cf?.asn != null && DATACENTER_ASNS.has(cf.asn));
  if (human) {
    c.executionCtx.waitUntil(
      (async () => {
        const checked = await checkViewToken(c.var.deps.config.sessionSecret, code, token, Date.now());
        if (!checked.ok) {
          c.var.deps.log.warn("view refused: item token not ours", { code, reason: checked.reason });
          return;
        }
        const item = checked.item;
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
          referer,
          acceptLanguage,
          asn: cf?.asn ?? null,
          country: cf?.country ?? null,
          threshold: target.campaign?.fraudThreshold ?? 0.5,
        };
        await c.env.LINK_COUNTER.get(c.env.LINK_COUNTER.idFromName(counterName(target.linkId))).recordView(input);
      })().catch((e) => c.var.deps.log.error("view not counted", { code, error: String(e) })),
    );
  }
  return new Response(GIF, { headers: { "content-type": "image/gif", "cache-control": "private, no-store", "content-length": String(GIF.length) } });
}
