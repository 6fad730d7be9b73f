import { and, asc, desc, eq } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { communityDrops, creators, users } from "../db/d1/schema";
import { dropReservations } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { memberName } from "./member-name";
import { requireOwner } from "./manage-community";

/** The owner's drops, newest release first, with the mirrored claim counts. */
export async function listDrops(deps: Deps, slug: string, ownerUserId: string) {
  const c = await requireOwner(deps, slug, ownerUserId);
  const rows = await deps.db.select().from(communityDrops).where(eq(communityDrops.communityId, c.id)).orderBy(desc(communityDrops.releaseAt)).limit(100);
  return rows.map((d) => ({ id: d.id, roomId: d.roomId, title: d.title, perk: d.perk, productId: d.productId, quantity: d.quantity, claimed: d.claimed, releaseAt: d.releaseAt }));
}

/**
 * Who claimed a drop, first come first served: the reservations the events consumer wrote
 * (Postgres) with the members' names (D1). Only the community's owner sees them, to fulfil.
 */
export async function dropClaims(deps: Deps, slug: string, ownerUserId: string, dropId: string) {
  const c = await requireOwner(deps, slug, ownerUserId);
  const drop = await deps.db.select().from(communityDrops).where(and(eq(communityDrops.id, dropId), eq(communityDrops.communityId, c.id))).get();
  if (!drop) throw new AppError("not_found", `No drop ${dropId} in this community.`);
  const pg = await deps.pg();
  const rows = await pg.select().from(dropReservations).where(eq(dropReservations.dropId, dropId)).orderBy(asc(dropReservations.claimedAt));
  const names = rows.length
    ? new Map(
        (await deps.db.select({ id: users.id, name: memberName }).from(users).leftJoin(creators, eq(creators.userId, users.id)).where(inList(users.id, rows.map((r) => r.userId)))).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();
  return {
    drop: { id: drop.id, title: drop.title, perk: drop.perk, productId: drop.productId, quantity: drop.quantity, claimed: drop.claimed, releaseAt: drop.releaseAt },
    items: rows.map((r) => ({ claimId: r.id, userId: r.userId, name: names.get(r.userId) ?? "Former member", status: r.status, claimedAt: r.claimedAt.getTime() })),
  };
}
