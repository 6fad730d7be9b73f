/**
 * Builds the redirect target. The visitor's own `utm_*` win, then the destination's, then the
 * campaign's values fill the gaps; every other parameter (destination's or visitor's) is kept,
 * the destination's taking precedence; `tclid` is always ours, never the visitor's.
 */
export function mergeDestination(
  destination: string,
  visitor: URLSearchParams,
  utm: { source: string; medium: string; campaign: string },
  clickId?: string,
): string {
  const url = new URL(destination);
  const out = url.searchParams;
  const brandKeys = new Set(out.keys());
  const visitorUtm = new Set<string>();
  for (const [key, value] of visitor) {
    if (key === "tclid") continue;
    if (key.startsWith("utm_")) {
      // The first visitor value replaces the destination's; repeats are kept.
      if (visitorUtm.has(key)) out.append(key, value);
      else out.set(key, value);
      visitorUtm.add(key);
    } else if (!brandKeys.has(key)) out.append(key, value);
  }
  const fill = { utm_source: utm.source, utm_medium: utm.medium, utm_campaign: utm.campaign };
  for (const [key, value] of Object.entries(fill)) if (!out.has(key)) out.set(key, value);
  out.delete("tclid");
  if (clickId) out.set("tclid", clickId);
  return url.toString();
}
