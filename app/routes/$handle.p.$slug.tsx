import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { price } from "../components/storefront/format";
import { ProductPageFrame } from "../components/storefront/product-frame";
import { SfImage } from "../components/storefront/image";
import { bookmarkOf, handleFrom, loadStorefrontProduct } from "../lib/storefront.server";
import { jsonLd, storefrontHead } from "../lib/storefront-page.server";
import { htmlToText } from "../../workers/catalog/sanitize-html";
import { fractionDigits } from "../../workers/lib/money";

export const handle = { storefront: true };

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const h = handleFrom(params.handle);
  if (!h || !params.slug) throw new Response("Not found", { status: 404 });
  const found = await loadStorefrontProduct(context.cloudflare.env, h, params.slug, bookmarkOf(request));
  if (!found) throw new Response("Not found", { status: 404 });
  const { css, headers } = await storefrontHead(found.sf.doc, found.sf.data.turnstileSiteKey);
  const { product, card, sf } = found;
  const origin = new URL(request.url).origin;
  const url = `${origin}/@${h}/p/${product.handle}`;
  const description = product.seoDescription || htmlToText(product.descriptionHtml).slice(0, 160) || `${product.title} from ${product.vendor}.`;
  const d = fractionDigits(product.currency);
  const inStock = product.variants.some((v) => v.inventory > 0);
  const ld = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.title,
    description,
    ...(product.images.length ? { image: product.images.map((i) => new URL(i.url, origin).href) } : {}),
    ...(product.vendor ? { brand: { "@type": "Brand", name: product.vendor } } : {}),
    ...(product.variants[0]?.sku ? { sku: product.variants[0].sku } : {}),
    offers: product.variants.map((v) => ({
      "@type": "Offer",
      price: (v.priceMinor / 10 ** d).toFixed(d),
      priceCurrency: product.currency,
      availability: v.inventory > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      url,
      ...(v.sku ? { sku: v.sku } : {}),
    })),
  };
  return data(
    {
      doc: sf.doc,
      css,
      handle: h,
      displayName: sf.data.displayName,
      resize: sf.data.resizeImages,
      url,
      description,
      ld: jsonLd(ld),
      card,
      inStock,
      product: { title: product.seoTitle || product.title, name: product.title, vendor: product.vendor, descriptionHtml: product.descriptionHtml, options: product.options, images: product.images, currency: product.currency, compareAt: card.compareAtMinor },
    },
    { headers },
  );
}

export const headers = ({ loaderHeaders }: { loaderHeaders: Headers }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: d }) => {
  if (!d) return [{ title: "Product not found · Tandem" }];
  return [
    { title: `${d.product.title} · @${d.handle}` },
    { name: "description", content: d.description },
    { tagName: "link", rel: "canonical", href: d.url },
    { property: "og:type", content: "product" },
    { property: "og:title", content: d.product.name },
    { property: "og:description", content: d.description },
    { property: "og:url", content: d.url },
    ...(d.product.images[0] ? [{ property: "og:image", content: new URL(d.product.images[0].url, d.url).href }] : []),
    { name: "twitter:card", content: "summary_large_image" },
    { name: "theme-color", content: d.doc.theme.background },
    { "script:ld+json": JSON.parse(d.ld) },
  ];
};

export default function StorefrontProductPage() {
  const d = useLoaderData<typeof loader>();
  const p = d.product;
  return (
    <ProductPageFrame doc={d.doc} handle={d.handle} displayName={d.displayName}>
        <article className="sf-product">
          <div className="sf-gallery">
            {p.images.length ? p.images.slice(0, 4).map((img, i) => <SfImage key={img.url} image={img} sizes="(min-width: 720px) 55vw, 100vw" priority={i === 0} resize={d.resize} />) : <span className="sf-card-media"><span className="sf-card-blank" aria-hidden="true">{p.name.slice(0, 1)}</span></span>}
          </div>
          <div>
            {p.vendor ? <p className="sf-eyebrow">{p.vendor}</p> : null}
            <h1 className="sf-h1">{p.name}</h1>
            <p className="sf-price sf-price-lg">
              {price(d.card.priceMinor, p.currency)}
              {p.compareAt && p.compareAt > d.card.priceMinor ? <s>{price(p.compareAt, p.currency)}</s> : null}
            </p>
            {p.options.map((o) => (
              <div key={o.name}>
                <p className="sf-muted">{o.name}</p>
                <ul className="sf-options">
                  {o.values.map((v) => (
                    <li key={v}>{v}</li>
                  ))}
                </ul>
              </div>
            ))}
            <a className="sf-btn" href={`/@${d.handle}/go/${d.card.handle}`} rel="sponsored">
              {d.inStock ? `Buy from ${p.vendor || "the brand"}` : "See it on the brand's site"}
            </a>
            <p className="sf-disclosure">{d.displayName} may earn a commission from purchases through this link.</p>
            <div className="sf-prose" dangerouslySetInnerHTML={{ __html: p.descriptionHtml }} />
          </div>
        </article>
    </ProductPageFrame>
  );
}
