import { and, eq } from "drizzle-orm";
import { communityMembers, communityRooms } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { roomObject } from "./community-access";
import { requireOwner } from "./manage-community";

/**
 * The owner bans a member: their membership is marked banned (every REST check and every
 * socket connect refuses them from then on) and their open sockets in every room close now.
 * Unbanning makes them an active member again on the tier they had.
 */
export async function setBanned(deps: Deps, env: Env, slug: string, ownerUserId: string, userId: string, banned: boolean, field = "body.userId") {
  const c = await requireOwner(deps, slug, ownerUserId);
  if (userId === ownerUserId) throw new AppError("validation_failed", "You cannot ban yourself.", [{ path: field, message: "That is you" }]);
  const updated = await deps.db
    .update(communityMembers)
    .set({ status: banned ? "banned" : "active", updatedAt: deps.now() })
    .where(and(eq(communityMembers.communityId, c.id), eq(communityMembers.userId, userId), eq(communityMembers.role, "member")))
    .returning();
  if (!updated.length) throw new AppError("not_found", "No such member in this community.", [{ path: field, message: "Not a member" }]);
  if (banned) {
    const rooms = await deps.db.select({ id: communityRooms.id }).from(communityRooms).where(eq(communityRooms.communityId, c.id));
    await Promise.all(rooms.map((r) => roomObject(env, r.id).kick(userId)));
  }
  const m = updated[0]!;
  return { tierId: m.tierId, role: m.role, status: m.status };
}
