/**
 * The one cross-site rule, for the gateway and the app alike: a state-changing request (any
 * method but GET, HEAD and OPTIONS) and every WebSocket upgrade must come from one of our own
 * origins when a browser sent it.
 *
 * Browsers send `Origin` on every cross-origin request, on same-origin POSTs and on every
 * WebSocket handshake; where a browser leaves it out, `Sec-Fetch-Site` still tells. A request
 * with neither is not from a browser (a brand's server with an API key, curl), so no ambient
 * cookie of a victim can ride on it, and it is let through. `Origin: null` (sandboxed frames,
 * privacy-preserving redirects) is refused: we cannot tell it is ours.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function needsOriginCheck(request: Request): boolean {
  return !SAFE_METHODS.has(request.method) || request.headers.get("upgrade")?.toLowerCase() === "websocket";
}

/** Why the request is foreign, or null when it may go on. */
export function foreignOrigin(headers: Headers, allowed: readonly string[]): string | null {
  const origin = headers.get("origin");
  if (origin !== null) {
    if (origin === "null") return "The request has an opaque origin (Origin: null).";
    return allowed.includes(origin) ? null : `Requests from ${origin} are not accepted here.`;
  }
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return `A ${site} request was refused.`;
  return null;
}

export const CROSS_SITE_DETAIL = "Cross-origin request refused: this action can only be taken from Tandem's own pages.";
