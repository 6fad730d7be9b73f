/**
 * The learned model's inputs, in order (workers/fraud/score-click.ts computes them). Changing the
 * list means retraining: `npm run train:fraud` refuses weights whose feature list differs.
 */
export const FEATURES = [
  "visitor_10s",
  "visitor_1m",
  "visitor_sessions_15m",
  "visitor_1h",
  "visitor_gap",
  "fingerprint_visitors_1m",
  "fingerprint_visitors_10m",
  "fingerprint_share",
  "fingerprint_lift",
  "subnet_addresses",
  "rate_ratio",
  "clicks_10m",
  "no_lang_delta",
  "no_referer_delta",
  "top_ua_delta",
  "fresh_delta",
  "arrival_regularity",
  "no_lang",
  "no_referer",
  "webview",
  "header_mismatch",
  "not_navigation",
  "datacenter",
  "declared_bot",
  "baseline_age",
  "country_share",
  "country_lift",
  "referer_share",
  "referer_lift",
  "referer_known",
  "identity_visitors_10m",
  "identity_lift",
  "bare_webview",
] as const;

export type FeatureName = (typeof FEATURES)[number];
