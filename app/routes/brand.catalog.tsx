import type { LinksFunction } from "@remix-run/cloudflare";
import { NavLink, Outlet } from "@remix-run/react";
import catalogCss from "../styles/catalog.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: catalogCss }];

const TABS = [
  { to: "/brand/catalog", label: "Categories", end: true },
  { to: "/brand/catalog/products", label: "Products", end: false },
  { to: "/brand/catalog/import", label: "Import", end: false },
] as const;

/** The catalog's frame: its three parts as tabs, and the catalog's styles. */
export default function CatalogLayout() {
  return (
    <>
      <nav className="catalog-tabs" aria-label="Catalog">
        {TABS.map((t) => (
          <NavLink key={t.to} to={t.to} end={t.end} prefetch="intent">
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
