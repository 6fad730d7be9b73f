import storefrontCss from "../styles/storefront.css?raw";
import { themeRule } from "../components/storefront/storefront-view";
import type { StorefrontDoc } from "../components/storefront/types";

const encoder = new TextEncoder();

async function sha256Base64(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  return btoa(String.fromCharCode(...digest));
}

/**
 * The page's one stylesheet (base + theme) and the headers every storefront response sends: a
 * strict CSP that allows no script at all and only this exact stylesheet (by hash), and caching
 * with stale-while-revalidate.
 */
export const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

/** With Turnstile configured, a page with a contact form runs exactly one script: Turnstile's widget. */
export async function storefrontHead(doc: StorefrontDoc, turnstileSiteKey?: string | null) {
  const widget = !!turnstileSiteKey && doc.blocks.some((b) => b.type === "contactForm");
  const css = `${storefrontCss}\n${themeRule(doc.theme)}\nhtml,body{margin:0;background:${doc.theme.background}}.sf-px{position:absolute;width:1px;height:1px;opacity:0}`;
  const hash = await sha256Base64(css);
  const headers = {
    "content-security-policy": [
      "default-src 'none'",
      ...(widget ? [`script-src ${TURNSTILE_ORIGIN}`] : []),
      `style-src 'sha256-${hash}'`,
      "img-src 'self' https: data:",
      // No script can run here; 'self' only lets crawlers' in-page fetches (robots.txt) through.
      "connect-src 'self'",
      `frame-src https://www.youtube-nocookie.com https://player.vimeo.com${widget ? ` ${TURNSTILE_ORIGIN}` : ""}`,
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join("; "),
    "cache-control": "public, max-age=60, stale-while-revalidate=600",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
  return { css, headers };
}

/** JSON for a <script type="application/ld+json"> data block (never executed; `<` escaped). */
export const jsonLd = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
