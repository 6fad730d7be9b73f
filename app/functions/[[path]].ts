import { createPagesFunctionHandler } from "@remix-run/cloudflare-pages";
// @ts-expect-error: the server build exists after `remix vite:build`.
import * as build from "../build/server";
import { AppError, problemResponse } from "../../workers/lib/errors";
import { CROSS_SITE_DETAIL, foreignOrigin, needsOriginCheck } from "../../workers/lib/same-origin";
import { serveStorefrontCached } from "../lib/storefront-cache.server";

const remix = createPagesFunctionHandler({ build });

/** A form posted to one of our pages from another site (login CSRF among others) never reaches an action. */
function refuseCrossSite(request: Request): Response | null {
  if (!needsOriginCheck(request)) return null;
  const reason = foreignOrigin(request.headers, [new URL(request.url).origin]);
  if (!reason) return null;
  return problemResponse(new AppError("forbidden", CROSS_SITE_DETAIL, [{ path: "headers.origin", message: reason }]));
}

export const onRequest: PagesFunction<Env> = (ctx) => {
  const refused = refuseCrossSite(ctx.request);
  if (refused) return refused;
  const url = new URL(ctx.request.url);
  if (ctx.request.method === "GET" && url.pathname.startsWith("/@")) return serveStorefrontCached(ctx, () => remix(ctx as never));
  return remix(ctx as never);
};
