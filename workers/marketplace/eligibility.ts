import { eq } from "drizzle-orm";
import { socialAccounts } from "../db/d1/schema";
import type { Deps } from "../lib/context";

export interface Audience {
  followers: number;
  platforms: string[];
}

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

/** A creator's reach: followers summed over their accounts, and the platforms they are on. */
export async function creatorAudience(deps: Deps, creatorId: string): Promise<Audience> {
  const rows = await deps.db.select().from(socialAccounts).where(eq(socialAccounts.creatorId, creatorId));
  return { followers: rows.reduce((n, r) => n + (r.followers ?? 0), 0), platforms: rows.map((r) => r.platform) };
}

/** Whether a creator's audience fits a campaign's targeting, and if not, why (in words). */
export function eligibility(c: { audienceMin: number | null; audienceMax: number | null; platforms: string[] }, a: Audience) {
  if (c.platforms.length && !c.platforms.some((p) => a.platforms.includes(p))) {
    return { eligible: false, reason: `For creators on ${c.platforms.join(" or ")}` };
  }
  if (c.audienceMin != null && a.followers < c.audienceMin) return { eligible: false, reason: `Needs at least ${compact.format(c.audienceMin)} followers` };
  if (c.audienceMax != null && a.followers > c.audienceMax) return { eligible: false, reason: `For creators with up to ${compact.format(c.audienceMax)} followers` };
  return { eligible: true, reason: null };
}
