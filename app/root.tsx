import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useLocation, useMatches, useRouteError } from "@remix-run/react";
import { Shell } from "./components/shell";
import { getMe } from "./lib/me.server";
import appCss from "./styles/app.css?url";
import tokensCss from "./styles/tokens.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tokensCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Tandem — brands and creators, in one place" },
  { name: "description", content: "Catalog, campaigns, storefronts and communities: one product for brands and creators." },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Storefront pages are public and cached: no session lookup on that path.
  if (new URL(request.url).pathname.startsWith("/@")) return { me: null };
  return { me: await getMe(context, request) };
}

/** A storefront route's data when the page is one: it then gets its own head, no app chrome and no scripts. */
function useStorefrontPage() {
  const m = useMatches().find((x) => (x.handle as { storefront?: boolean } | undefined)?.storefront);
  return m ? { css: (m.data as { css?: string } | undefined)?.css ?? null } : null;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { pathname } = useLocation();
  const storefront = useStorefrontPage();
  if (storefront?.css) {
    return (
      <html lang="en">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <Meta />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <style dangerouslySetInnerHTML={{ __html: storefront.css }} />
        </head>
        <body>{children}</body>
      </html>
    );
  }
  const persona = pathname.startsWith("/studio") ? "creator" : "brand";
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#f7f6f3" />
        <Meta />
        <Links />
      </head>
      <body data-persona={persona}>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { me } = useLoaderData<typeof loader>();
  if (useStorefrontPage()) return <Outlet />;
  return (
    <Shell me={me}>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <Shell me={null}>
      <div className="main-narrow">
        <h1>{status === 404 ? "We could not find that page" : "Something went wrong"}</h1>
        <p className="muted">
          {status === 404 ? "The link may be old, or the page may have moved." : "Please try again. If it keeps happening, tell us what you were doing."}
        </p>
        <a className="btn" href="/">Back to Tandem</a>
      </div>
    </Shell>
  );
}
