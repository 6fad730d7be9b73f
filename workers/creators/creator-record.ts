import { eq } from "drizzle-orm";
import { creators, socialAccounts } from "../db/d1/schema";
import type { Deps } from "../lib/context";

export const socialRecord = (s: typeof socialAccounts.$inferSelect) => ({
  id: s.id,
  platform: s.platform,
  handle: s.handle,
  followers: s.followers,
  verified: s.verified,
  snapshotAt: new Date(s.snapshotAt).toISOString(),
});

export async function creatorRecord(deps: Deps, c: typeof creators.$inferSelect) {
  const socials = await deps.db.select().from(socialAccounts).where(eq(socialAccounts.creatorId, c.id));
  return {
    id: c.id,
    handle: c.handle,
    displayName: c.displayName,
    bio: c.bio,
    niches: c.niches,
    socialAccounts: socials.map(socialRecord),
    createdAt: new Date(c.createdAt).toISOString(),
  };
}
