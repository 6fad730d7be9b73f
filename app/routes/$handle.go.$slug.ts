import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { handleFrom } from "../lib/storefront.server";

/** "Buy" on a storefront product: the gateway records product.click and answers the onward redirect. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const h = handleFrom(params.handle);
  if (!h || !params.slug) throw new Response("Not found", { status: 404 });
  const url = new URL(`/api/v1/storefronts/${h}/go/${encodeURIComponent(params.slug)}${new URL(request.url).search}`, request.url);
  const res = await context.cloudflare.env.API.fetch(new Request(url, { headers: request.headers, redirect: "manual" }));
  return new Response(null, { status: res.status === 302 ? 302 : 404, headers: { location: res.headers.get("location") ?? `/@${h}`, "cache-control": "private, no-store" } });
}
