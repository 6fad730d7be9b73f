import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { StorefrontView } from "../components/storefront/storefront-view";
import { bookmarkOf, handleFrom, loadStorefront } from "../lib/storefront.server";
import { storefrontHead } from "../lib/storefront-page.server";

/** Storefront pages ship no JavaScript and no app chrome (see root.tsx). */
export const handle = { storefront: true };

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const h = handleFrom(params.handle);
  if (!h) throw new Response("Not found", { status: 404 });
  const env = context.cloudflare.env;
  const sf = await loadStorefront(env, h, bookmarkOf(request));
  if (!sf) throw new Response("Not found", { status: 404 });
  const { css, headers } = await storefrontHead(sf.doc, sf.data.turnstileSiteKey);
  const origin = new URL(request.url).origin;
  const firstImage = Object.values(sf.data.products)[0]?.image?.url ?? sf.doc.blocks.find((b) => b.type === "hero" && b.props.imageUrl)?.props;
  return data(
    { doc: sf.doc, data: sf.data, css, url: `${origin}/@${h}`, image: typeof firstImage === "string" ? new URL(firstImage, origin).href : null },
    { headers },
  );
}

export const headers = ({ loaderHeaders }: { loaderHeaders: Headers }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: d }) => {
  if (!d) return [{ title: "Storefront not found · Tandem" }];
  const description = d.doc.description || `Shop ${d.data.displayName}'s picks on Tandem.`;
  return [
    { title: d.doc.title },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: d.url },
    { property: "og:type", content: "website" },
    { property: "og:title", content: d.doc.title },
    { property: "og:description", content: description },
    { property: "og:url", content: d.url },
    ...(d.image ? [{ property: "og:image", content: d.image }] : []),
    { name: "twitter:card", content: d.image ? "summary_large_image" : "summary" },
    { name: "theme-color", content: d.doc.theme.background },
  ];
};

export default function StorefrontPage() {
  const { doc, data: sfData } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const formStatus = params.get("sent") ? "sent" : params.get("form") === "error" ? "error" : null;
  return (
    <StorefrontView doc={doc} data={sfData} formStatus={formStatus} inlineTheme={false}>
      <img className="sf-px" src={`/api/v1/storefronts/${sfData.handle}/px`} width={1} height={1} alt="" />
    </StorefrontView>
  );
}
