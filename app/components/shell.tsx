import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { Me } from "../lib/me.server";
import { Button } from "./ui/button";
import { LogoMark } from "./ui/icons";

const NAV = {
  brand: [
    { to: "/brand", label: "Overview", end: true },
    { to: "/brand/catalog", label: "Catalog", end: false },
    { to: "/brand/campaigns", label: "Campaigns", end: false },
    { to: "/brand/wallet", label: "Wallet", end: false },
    { to: "/brand/settings", label: "Settings", end: false },
  ],
  creator: [
    { to: "/studio", label: "Overview", end: true },
    { to: "/studio/storefront", label: "Storefront", end: false },
    { to: "/studio/shop", label: "Shop", end: false },
    { to: "/studio/earnings", label: "Earnings", end: false },
    { to: "/studio/marketplace", label: "Marketplace", end: false },
    { to: "/studio/community", label: "Community", end: false },
    { to: "/studio/profile", label: "Profile", end: false },
  ],
} as const;

/** App frame: logo, persona navigation (one level), who is signed in. */
export function Shell({ me, children }: { me: Me | null; children: ReactNode }) {
  const { pathname } = useLocation();
  const inOnboarding = pathname.endsWith("/signup") || pathname.endsWith("/onboarding");
  const persona = pathname.startsWith("/studio") ? "creator" : pathname.startsWith("/brand") ? "brand" : null;
  const nav = persona && me && !inOnboarding ? NAV[persona] : [];
  // On a phone the navigation scrolls sideways: keep the current page's item in view.
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = navRef.current;
    const active = el?.querySelector<HTMLElement>('[aria-current="page"]');
    if (el && active && el.scrollWidth > el.clientWidth) el.scrollLeft = active.offsetLeft - el.offsetLeft - (el.clientWidth - active.offsetWidth) / 2;
  }, [pathname]);
  return (
    <>
      <a href="#main" className="skip-link">Skip to content</a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="logo" aria-label="Tandem home">
            <LogoMark />
            <span>Tandem</span>
          </Link>
          {persona && <span className="persona-tag">{persona === "brand" ? "Brand console" : "Creator studio"}</span>}
          {nav.length > 0 && (
            <nav className="nav" ref={navRef} aria-label={persona === "brand" ? "Brand console" : "Creator studio"}>
              {nav.map((item) => (
                <NavLink key={item.to} to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              ))}
            </nav>
          )}
          <div className={nav.length ? "account" : "account account-end"}>
            {me ? (
              <Form method="post" action="/signout" className="row account-actions">
                {persona ? null : <Link to="/orders" className="small account-link">Orders</Link>}
                <Button variant="ghost" size="small" type="submit" title={me.user.email}>
                  Sign out
                </Button>
              </Form>
            ) : (
              pathname !== "/signin" && <Button variant="secondary" size="small" to="/signin">Sign in</Button>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="main">
        {children}
      </main>
    </>
  );
}
