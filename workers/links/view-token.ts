import { hmacSha256Hex, timingSafeEqual } from "../lib/crypto";

/**
 * Signed, expiring item tokens for the CPV view pixel. The page that renders the pixel asks for
 * a token per item it shows (POST /api/v1/links/{code}/view-tokens); the pixel counts a view only
 * for a token this server signed, for that link, before it expired. A made-up item is never a
 * view. Format: `<expiry, unix seconds in base 36>.<item>.<HMAC-SHA256, 128 bits in hex>`.
 */
export const VIEW_ITEM = /^[A-Za-z0-9._:/-]{1,128}$/;
export const VIEW_TOKEN_MAX_CHARS = 180;
export const VIEW_TOKEN_TTL = { defaultSeconds: 3_600, minSeconds: 60, maxSeconds: 86_400 };

const signed = (secret: string, code: string, item: string, exp: string) => hmacSha256Hex(`view-token:${secret}`, `${code}\n${item}\n${exp}`).then((h) => h.slice(0, 32));

export async function issueViewToken(secret: string, code: string, item: string, expiresAtMs: number): Promise<string> {
  const exp = Math.floor(expiresAtMs / 1000).toString(36);
  return `${exp}.${item}.${await signed(secret, code, item, exp)}`;
}

export type ViewTokenCheck = { ok: true; item: string } | { ok: false; reason: "malformed" | "forged" | "expired" };

/** The item a token names, if this server signed it for this link and it has not expired. */
export async function checkViewToken(secret: string, code: string, token: string, nowMs: number): Promise<ViewTokenCheck> {
  const first = token.indexOf(".");
  const last = token.lastIndexOf(".");
  if (token.length > VIEW_TOKEN_MAX_CHARS || first <= 0 || last <= first) return { ok: false, reason: "malformed" };
  const exp = token.slice(0, first);
  const item = token.slice(first + 1, last);
  const sig = token.slice(last + 1);
  if (!/^[0-9a-z]{1,10}$/.test(exp) || !VIEW_ITEM.test(item) || !/^[0-9a-f]{32}$/.test(sig)) return { ok: false, reason: "malformed" };
  if (!timingSafeEqual(sig, await signed(secret, code, item, exp))) return { ok: false, reason: "forged" };
  if (parseInt(exp, 36) * 1000 <= nowMs) return { ok: false, reason: "expired" };
  return { ok: true, item };
}
