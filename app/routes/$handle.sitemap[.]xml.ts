import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { handleFrom, loadStorefront } from "../lib/storefront.server";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A sitemap per storefront: its home and every product page it links to. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const h = handleFrom(params.handle);
  const sf = h ? await loadStorefront(context.cloudflare.env, h, null) : null;
  if (!h || !sf) throw new Response("Not found", { status: 404 });
  const origin = new URL(request.url).origin;
  const products = [...Object.values(sf.data.products), ...Object.values(sf.data.collections).flat()];
  const urls = [`${origin}/@${h}`, ...[...new Set(products.map((p) => p.handle))].map((slug) => `${origin}/@${h}/p/${slug}`)];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${esc(u)}</loc></url>`).join("\n")}\n</urlset>\n`;
  return new Response(xml, { headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=300" } });
}
