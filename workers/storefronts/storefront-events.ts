import type { Context } from "hono";
import { eq } from "drizzle-orm";
import { creators } from "../db/d1/schema";
import { dailyVisitor, track } from "../events/track";
import { DATACENTER_ASNS, classifyUserAgent } from "../fraud/signals";
import type { AppEnv } from "../lib/context";
import { clampText, clampUtm, INBOUND_LIMITS, visitorHeaders } from "../lib/inbound-limits";
import { resolveStorefrontProduct } from "./resolve-product";

const GIF = Uint8Array.from(atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"), (ch) => ch.charCodeAt(0));

function visitor(c: Context<AppEnv>) {
  const req = c.req.raw;
  const { ua, ip } = visitorHeaders(req.headers);
  const cf = (req as Request & { cf?: { asn?: number } }).cf;
  const human = classifyUserAgent(ua) === "browser" && !(cf?.asn != null && DATACENTER_ASNS.has(cf.asn));
  return { human, hash: dailyVisitor(c.var.deps.config.sessionSecret, ip, ua) };
}

/** The outbox deps for this request's events. */
const outbox = (c: Context<AppEnv>) => ({ db: c.var.deps.db, events: c.env.EVENTS, log: c.var.deps.log, now: c.var.deps.now });

const utmOf = (url: URL) => clampUtm(url.searchParams);

/** GET /api/v1/storefronts/{handle}/px — a storefront page view (browsers only); always answers the image. */
export function storefrontViewPixel(c: Context<AppEnv>, handle: string, path: string) {
  const v = visitor(c);
  if (v.human) {
    c.executionCtx.waitUntil(
      (async () => {
        const creator = await c.var.deps.db.select({ id: creators.id }).from(creators).where(eq(creators.handle, handle)).get();
        if (!creator) return;
        const page = new URL(path, "https://x.invalid");
        await track(outbox(c), { type: "storefront.view", brandId: null, campaignId: null, linkId: null, creatorId: creator.id, clickId: null, visitorHash: v.hash, props: { path: clampText(page.pathname, INBOUND_LIMITS.path) }, utm: utmOf(page) });
      })().catch((e) => c.var.deps.log.error("storefront view not tracked", { handle, error: String(e) })),
    );
  }
  return new Response(GIF, { headers: { "content-type": "image/gif", "cache-control": "private, no-store", "content-length": String(GIF.length) } });
}

/**
 * GET /api/v1/storefronts/{handle}/go/{slug} — "Buy" on a storefront product: records
 * `product.click` and sends the visitor on through the creator's affiliate link (which counts
 * and bills the click like any other), or to the product page when the product has no link.
 */
export async function productClick(c: Context<AppEnv>, handle: string, slug: string) {
  const found = await resolveStorefrontProduct(c.var.deps.db, handle, slug);
  const origin = c.var.deps.config.appOrigin;
  if (!found) return c.redirect(`${origin}/@${handle}`, 302);
  const v = visitor(c);
  if (v.human) {
    c.executionCtx.waitUntil(
      track(outbox(c), {
        type: "product.click",
        brandId: found.product.brandId,
        campaignId: found.link?.campaignId ?? null,
        linkId: found.link?.id ?? null,
        creatorId: found.creatorId,
        clickId: null,
        visitorHash: v.hash,
        props: { productId: found.product.id, handle: found.product.handle },
        utm: utmOf(new URL(c.req.url)),
      }).catch((e) => c.var.deps.log.error("product click not tracked", { handle, slug, error: String(e) })),
    );
  }
  const to = found.link ? `${c.var.deps.config.linkOrigin}/l/${found.link.code}` : `${origin}/@${handle}/p/${slug}`;
  return new Response(null, { status: 302, headers: { location: to, "cache-control": "private, no-store" } });
}
