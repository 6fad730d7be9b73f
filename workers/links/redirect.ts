import type { Context } from "hono";
import type { AppEnv } from "../lib/context";
import { newId } from "../lib/ids";
import { isLinkCode } from "./codes";
import { countClick } from "./count-click";
import { lookupLink, type LinkTarget } from "./link-cache";
import { mergeDestination } from "./merge-destination";

const NO_STORE = { "cache-control": "private, no-store", "x-robots-tag": "noindex" };

export function isLive(campaign: LinkTarget["campaign"], now: number) {
  if (!campaign || campaign.status !== "active") return false;
  if (campaign.startsAt != null && now < campaign.startsAt) return false;
  if (campaign.endsAt != null && now >= campaign.endsAt) return false;
  return true;
}

/**
 * GET|HEAD /l/:code — the hot path. A warm hit reads no database. A live campaign sends the
 * visitor to the destination with UTM merged and a fresh click id; an inactive one sends them
 * to the brand's fallback without a click id (nothing billable).
 */
export async function redirect(c: Context<AppEnv>) {
  const code = c.req.param("code") ?? "";
  const now = Date.now();
  const target = isLinkCode(code) ? await lookupLink(c.var.deps.db, code, now, (p) => c.executionCtx.waitUntil(p)) : null;
  if (!target) return notFound(c);
  const visitor = new URL(c.req.url).searchParams;
  const utm = target.campaign?.utm ?? { source: "tandem", medium: "affiliate", campaign: target.campaignId };
  if (!isLive(target.campaign, now)) {
    const fallback = mergeDestination(target.campaign?.fallbackUrl ?? target.destination, visitor, utm);
    return new Response(null, { status: 302, headers: { location: fallback, ...NO_STORE } });
  }
  const clickId = newId("click");
  const location = mergeDestination(target.destination, visitor, utm, clickId);
  const sent = new URL(location).searchParams;
  const utmSent = Object.fromEntries([...sent].filter(([k]) => k.startsWith("utm_")));
  c.executionCtx.waitUntil(countClick(c.env, c.var.deps.log, c.req.raw, target, clickId, utmSent));
  return new Response(null, { status: 302, headers: { location, ...NO_STORE } });
}

function notFound(c: Context<AppEnv>) {
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Link not found · Tandem</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;font:16px/1.5 system-ui,sans-serif;background:#f7f6f3;color:#17161a}main{max-width:26rem;padding:2rem;text-align:center}h1{font-size:1.6rem;margin:0 0 .5rem}p{color:#6e6b76}</style></head>
<body><main><h1>This link does not exist</h1><p>It may have been mistyped or removed. Check with whoever shared it.</p></main></body></html>`,
    404,
    NO_STORE,
  );
}
