import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";
import { price } from "../components/storefront/format";
import { ProductPageFrame } from "../components/storefront/product-frame";
import { KIND_LABELS } from "../components/storefront/blocks/shop";
import { api } from "../lib/api.server";
import { readForm } from "../lib/read-body.server";
import { bookmarkOf, handleFrom, loadShopProduct } from "../lib/storefront.server";
import { jsonLd, storefrontHead } from "../lib/storefront-page.server";
import { fractionDigits } from "../../workers/lib/money";

/** A creator's own product: its page ships no JavaScript; the buy button is a plain form post. */
export const handle = { storefront: true };

async function load(params: LoaderFunctionArgs["params"], request: Request, env: Env) {
  const h = handleFrom(params.handle);
  if (!h || !params.slug) throw new Response("Not found", { status: 404 });
  const found = await loadShopProduct(env, h, params.slug, bookmarkOf(request));
  if (!found) throw new Response("Not found", { status: 404 });
  return { h, ...found };
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { h, sf, item } = await load(params, request, context.cloudflare.env);
  const { css, headers } = await storefrontHead(sf.doc, null);
  const origin = new URL(request.url).origin;
  const url = `${origin}/@${h}/shop/${item.slug}`;
  const d = fractionDigits(item.currency);
  const ld = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: item.title,
    description: item.description.slice(0, 300),
    ...(item.imageUrl ? { image: [new URL(item.imageUrl, origin).href] } : {}),
    brand: { "@type": "Brand", name: sf.data.displayName },
    offers: { "@type": "Offer", price: (item.priceMinor / 10 ** d).toFixed(d), priceCurrency: item.currency, availability: item.soldOut ? "https://schema.org/OutOfStock" : "https://schema.org/InStock", url },
  };
  const cancelled = new URL(request.url).searchParams.has("cancelled");
  return data({ doc: sf.doc, css, handle: h, displayName: sf.data.displayName, url, item, ld: jsonLd(ld), cancelled }, { headers });
}

export const headers = ({ loaderHeaders }: { loaderHeaders: Headers }) => loaderHeaders;

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { h, item } = await load(params, request, context.cloudflare.env);
  const form = await readForm(request);
  const quantity = item.kind === "digital" ? 1 : Number(form.get("quantity") ?? 1);
  const res = await api<{ orderId: string; url: string }>(context, request, "/api/v1/checkout", { method: "POST", body: { items: [{ productId: item.id, quantity }] } });
  if (res.ok) return redirect(res.data.url);
  if (res.problem.status === 401) return redirect(`/signin?next=${encodeURIComponent(`/@${h}/shop/${item.slug}`)}`);
  return { error: res.problem.errors?.[0]?.message ? `${res.problem.detail} ${res.problem.errors[0].message}.` : res.problem.detail };
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => {
  if (!d) return [{ title: "Product not found · Tandem" }];
  const description = d.item.description.slice(0, 160) || `${d.item.title} from ${d.displayName}.`;
  return [
    { title: `${d.item.title} · @${d.handle}` },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: d.url },
    { property: "og:type", content: "product" },
    { property: "og:title", content: d.item.title },
    { property: "og:description", content: description },
    { property: "og:url", content: d.url },
    ...(d.item.imageUrl ? [{ property: "og:image", content: new URL(d.item.imageUrl, d.url).href }] : []),
    { name: "theme-color", content: d.doc.theme.background },
    { "script:ld+json": JSON.parse(d.ld) },
  ];
};

export default function ShopProductPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const item = d.item;
  return (
    <ProductPageFrame doc={d.doc} handle={d.handle} displayName={d.displayName}>
        <article className="sf-product">
          <div className="sf-gallery">
            <span className="sf-card-media">{item.imageUrl ? <img src={item.imageUrl} alt={item.title} /> : <span className="sf-card-blank" aria-hidden="true">{item.title.slice(0, 1)}</span>}</span>
          </div>
          <div>
            <p className="sf-eyebrow">{KIND_LABELS[item.kind]}</p>
            <h1 className="sf-h1">{item.title}</h1>
            <p className="sf-price sf-price-lg">{price(item.priceMinor, item.currency)}</p>
            {d.cancelled ? <p className="sf-notice" role="status">Checkout cancelled: nothing was charged.</p> : null}
            {result?.error ? (
              <p className="sf-notice sf-notice-error" role="alert">
                {result.error}
              </p>
            ) : null}
            {item.soldOut ? (
              <p className="sf-notice">Sold out for now.</p>
            ) : (
              <form method="post" className="sf-buy">
                {item.kind === "digital" ? null : (
                  <label className="sf-qty">
                    <span>Quantity</span>
                    <input type="number" name="quantity" min={1} max={99} defaultValue={1} inputMode="numeric" />
                  </label>
                )}
                <button className="sf-btn" type="submit">
                  Buy · {price(item.priceMinor, item.currency)}
                </button>
              </form>
            )}
            <p className="sf-disclosure">
              Sold by {d.displayName} through Tandem. {item.kind === "digital" ? "Your download is ready the moment you pay." : item.kind === "physical" ? "You give a shipping address at checkout." : `${d.displayName} gets in touch to arrange it.`} Your email goes to {d.displayName} for this order.
            </p>
            <div className="sf-prose">
              {item.description.split(/\n{2,}/).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
            </div>
          </div>
        </article>
    </ProductPageFrame>
  );
}
