import { createPagesFunctionHandler } from "@remix-run/cloudflare-pages";
// @ts-expect-error: the server build exists after `remix vite:build`.
import * as build from "../build/server";
import { serveStorefrontCached } from "../lib/storefront-cache.server";

const remix = createPagesFunctionHandler({ build });

export const onRequest: PagesFunction<Env> = (ctx) => {
  const url = new URL(ctx.request.url);
  if (ctx.request.method === "GET" && url.pathname.startsWith("/@")) return serveStorefrontCached(ctx, () => remix(ctx as never));
  return remix(ctx as never);
};
