/**
 * The one check for post-sign-in destinations (`?next=`), used by the app's sign-in page and OTP
 * action and by the gateway's OAuth flows alike.
 *
 * The value is resolved against the app's origin with the WHATWG URL parser, the same parser the
 * browser will use on the Location header, so every trick a browser honours (backslashes as
 * slashes, tabs and newlines stripped, `//host`, `https:host`, encoded forms) is seen as the
 * browser would see it. It is kept only when it lands on the app's own origin, and is returned as
 * a path that cannot be read as protocol-relative.
 */
export function safeNext(value: string | null | undefined, appOrigin: string, fallback: string): string {
  if (!value) return fallback;
  let url: URL;
  let own: string;
  try {
    own = new URL(appOrigin).origin;
    url = new URL(value, own);
  } catch {
    return fallback;
  }
  if (url.origin !== own) return fallback;
  // `https://app//evil.example` is same-origin but its path would read as `//evil.example`.
  const path = `/${url.pathname.replace(/^[/\\]+/, "")}`;
  return `${path}${url.search}${url.hash}`;
}
