import { sql } from "drizzle-orm";
import { socialAccounts } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { newId } from "../lib/ids";
import { socialRecord } from "./creator-record";

const sqlNotVerified = sql`${socialAccounts.verified} = 0`;

export interface SocialSnapshot {
  platform: (typeof socialAccounts.$inferInsert)["platform"];
  handle: string;
  followers: number | null;
  verified: boolean;
  providerAccountId?: string | null;
}

/**
 * Records a handle with a follower snapshot. A verified (OAuth) record always replaces a
 * manual one; a manual entry never overwrites a verified one.
 */
export async function recordSocial(deps: Deps, creatorId: string, snap: SocialSnapshot) {
  const now = deps.now();
  const values = {
    handle: snap.handle,
    followers: snap.followers,
    verified: snap.verified,
    providerAccountId: snap.providerAccountId ?? null,
    snapshotAt: now,
  };
  const [row] = await deps.db
    .insert(socialAccounts)
    .values({ id: newId("social"), creatorId, platform: snap.platform, ...values })
    .onConflictDoUpdate({
      target: [socialAccounts.creatorId, socialAccounts.platform],
      set: values,
      ...(snap.verified ? {} : { setWhere: sqlNotVerified }),
    })
    .returning();
  return row ? socialRecord(row) : null;
}
