import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { communityMembers, creators, users } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { memberName } from "./member-name";
import { requireOwner } from "./manage-community";

/**
 * The owner's member list, oldest first, with each member's tier and standing; `q` matches the
 * name; `after` is the previous page's `nextAfter`.
 */
export async function listMembers(deps: Deps, slug: string, ownerUserId: string, input: { q?: string; after?: string; limit: number }) {
  const c = await requireOwner(deps, slug, ownerUserId);
  let cursor: { at: number; userId: string } | null = null;
  if (input.after) {
    const m = /^(\d+)_(usr_[0-9a-z]{26})$/.exec(input.after);
    if (!m) throw new AppError("validation_failed", "Not a page cursor from this list.", [{ path: "query.after", message: "Use nextAfter from the previous page" }]);
    cursor = { at: Number(m[1]), userId: m[2]! };
  }
  const rows = await deps.db
    .select({ userId: communityMembers.userId, name: memberName, tierId: communityMembers.tierId, role: communityMembers.role, status: communityMembers.status, joinedAt: communityMembers.createdAt })
    .from(communityMembers)
    .innerJoin(users, eq(users.id, communityMembers.userId))
    .leftJoin(creators, eq(creators.userId, communityMembers.userId))
    .where(
      and(
        eq(communityMembers.communityId, c.id),
        input.q ? sql`${memberName} like ${`%${input.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`} escape '\\'` : undefined,
        cursor ? or(gt(communityMembers.createdAt, cursor.at), and(eq(communityMembers.createdAt, cursor.at), gt(communityMembers.userId, cursor.userId))) : undefined,
      ),
    )
    .orderBy(asc(communityMembers.createdAt), asc(communityMembers.userId))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page, nextAfter: rows.length > input.limit && last ? `${last.joinedAt}_${last.userId}` : null };
}
