import { and, eq } from "drizzle-orm";
import { communityMembers } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { requireOwner } from "./manage-community";
import { pushRoomAccess } from "./push-room-access";

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
  const m = updated[0]!;
  await pushRoomAccess(deps, env, m, "all");
  return { tierId: m.tierId, role: m.role, status: m.status };
}
