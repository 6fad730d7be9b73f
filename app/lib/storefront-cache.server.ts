import { bookmarkOf, handleFrom, liveVersion } from "./storefront.server";

/** How long a rendered page is served without a background re-render (product prices and stock can change between publishes). */
const FRESH_MS = 60_000;
/** Query parameters that do not change the page (attribution is read from the pixel's Referer). */
const IGNORED = /^(utm_\w+|fbclid|gclid|ttclid|igshid|ref)$/;

/**
 * Storefront pages from the Cache API. The key carries the storefront's live version, so a
 * publish is a new key in every location at once (no purge to fan out); within a version, a
 * copy older than FRESH_MS is still served and re-rendered in the background
 * (stale-while-revalidate). A creator who just published (D1 bookmark cookie) bypasses the cache.
 */
export async function serveStorefrontCached(ctx: EventContext<Env, string, unknown>, render: () => Promise<Response>): Promise<Response> {
  const url = new URL(ctx.request.url);
  const h = handleFrom(url.pathname.split("/")[1]);
  const cacheable = h && [...url.searchParams.keys()].every((k) => IGNORED.test(k)) && !bookmarkOf(ctx.request);
  if (!cacheable) return withCacheStatus(await render(), "bypass");
  const version = await liveVersion(ctx.env, h);
  if (version === null) return render();
  const key = new Request(`${url.origin}${url.pathname}?__v=${version}`);
  const cache = (caches as unknown as { default: Cache }).default;
  const hit = await cache.match(key);
  if (hit) {
    const age = Date.now() - Number(hit.headers.get("x-rendered-at") ?? 0);
    if (age > FRESH_MS) ctx.waitUntil(refresh(cache, key, render));
    return withCacheStatus(hit, age > FRESH_MS ? "stale" : "hit");
  }
  const res = await render();
  if (res.status === 200) ctx.waitUntil(store(cache, key, res.clone()));
  return withCacheStatus(res, "miss");
}

async function store(cache: Cache, key: Request, res: Response) {
  const copy = new Response(res.body, res);
  copy.headers.set("x-rendered-at", String(Date.now()));
  // The cached copy lives for a day per version; browsers still get the page's own max-age.
  copy.headers.set("cache-control", "public, max-age=86400");
  copy.headers.delete("set-cookie");
  await cache.put(key, copy);
}

async function refresh(cache: Cache, key: Request, render: () => Promise<Response>) {
  const res = await render();
  if (res.status === 200) await store(cache, key, res);
}

function withCacheStatus(res: Response, status: string) {
  const out = new Response(res.body, res);
  out.headers.set("x-storefront-cache", status);
  if (out.headers.has("x-rendered-at")) {
    out.headers.delete("x-rendered-at");
    out.headers.set("cache-control", "public, max-age=60, stale-while-revalidate=600");
  }
  return out;
}
