/**
 * The longest visitor-supplied strings we put into an event or a queue message. Longer ones are
 * cut, never refused: the visitor still gets their redirect, pixel or page, and no single event
 * can grow past a few KB whatever the request carried. This table is the one place these live;
 * request schemas that refuse instead of cut (pixel item, storefront path, conversion ids) use it too.
 */
export const INBOUND_LIMITS = {
  /** A `utm_*` parameter's name, including the `utm_` prefix. */
  utmKey: 64,
  /** A `utm_*` parameter's value. */
  utmValue: 200,
  /** `utm_*` parameters kept per event (the first ones in the URL). */
  utmParams: 10,
  referer: 1024,
  userAgent: 512,
  acceptLanguage: 128,
  /** Sec-CH-UA, Sec-Fetch-Mode and Accept, which the fraud scorer compares with the user agent. */
  clientHint: 256,
  /** The client address, when it comes from a header a visitor could set. */
  ip: 64,
  /** A storefront page path in a view event. */
  path: 500,
  /** The item a view pixel counts. */
  pixelItem: 200,
  /** A click id (`tclid`) a store reports with a conversion. */
  clickId: 64,
  /** An order id a store reports with a sale or refund. */
  orderId: 128,
  /** The Idempotency-Key a store sends with a conversion (it goes into the event's props). */
  idempotencyKey: 200,
} as const;

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
export function clampText(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

export const clampNullable = (s: string | null | undefined, max: number): string | null => (s == null ? null : clampText(s, max));

/** The `utm_*` pairs of a query, clamped: the first `utmParams` names (repeats keep the first value), each name and value cut to length. */
export function clampUtm(params: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of params) {
    if (!k.startsWith("utm_") || k.length > INBOUND_LIMITS.utmKey || k in out) continue;
    if (n++ >= INBOUND_LIMITS.utmParams) break;
    out[k] = clampText(v, INBOUND_LIMITS.utmValue);
  }
  return out;
}

/** The visitor-supplied headers an event may carry, each clamped. */
export function visitorHeaders(headers: Headers) {
  return {
    ua: clampText(headers.get("user-agent") ?? "", INBOUND_LIMITS.userAgent),
    referer: clampNullable(headers.get("referer"), INBOUND_LIMITS.referer),
    acceptLanguage: clampNullable(headers.get("accept-language"), INBOUND_LIMITS.acceptLanguage),
    secChUa: clampNullable(headers.get("sec-ch-ua"), INBOUND_LIMITS.clientHint),
    secFetchMode: clampNullable(headers.get("sec-fetch-mode"), INBOUND_LIMITS.clientHint),
    accept: clampNullable(headers.get("accept"), INBOUND_LIMITS.clientHint),
    ip: clampText(headers.get("cf-connecting-ip") ?? headers.get("x-real-ip") ?? "0.0.0.0", INBOUND_LIMITS.ip),
  };
}
