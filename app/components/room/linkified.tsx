import { Fragment } from "react";

const URL_RE = /(https?:\/\/[^\s<]+[^\s<.,;:!?)\]'"]|\/@[a-z0-9_.]+\/p\/[a-z0-9-]+)/gi;

/**
 * A storefront product mentioned in a room links back to it with the room's attribution
 * (utm_source=community); any other link opens in a new tab without a referrer.
 */
export function attributed(href: string, origin: string, communitySlug: string): { href: string; internal: boolean } {
  const url = new URL(href, origin);
  const internal = url.origin === origin && /^\/@[^/]+\/p\//.test(url.pathname);
  if (internal) {
    url.searchParams.set("utm_source", url.searchParams.get("utm_source") ?? "community");
    url.searchParams.set("utm_medium", url.searchParams.get("utm_medium") ?? "room");
    url.searchParams.set("utm_campaign", url.searchParams.get("utm_campaign") ?? communitySlug);
    return { href: `${url.pathname}${url.search}`, internal };
  }
  return { href: url.href, internal };
}

export function Linkified({ text, origin, communitySlug }: { text: string; origin: string; communitySlug: string }) {
  const parts = text.split(URL_RE);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return <Fragment key={i}>{part}</Fragment>;
        const a = attributed(part, origin, communitySlug);
        return a.internal ? (
          <a key={i} href={a.href}>
            {part}
          </a>
        ) : (
          <a key={i} href={a.href} target="_blank" rel="noopener noreferrer nofollow">
            {part}
          </a>
        );
      })}
    </>
  );
}
