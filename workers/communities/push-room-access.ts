import { eq } from "drizzle-orm";
import { communityMembers, communityRooms } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { mayEnter, roomObject } from "./community-access";

type Membership = typeof communityMembers.$inferSelect;

/**
 * Tells a community's rooms that a member's membership changed, so open sockets follow it: a
 * room the membership no longer opens closes the member's sockets now (and refuses frames and
 * connects let in on the older membership); a room it still opens keeps them. `rooms: "gated"`
 * is for tier changes (a room open to every member is not affected by one); bans and unbans
 * reach every room. Sent after the membership is written, before the owner's call returns.
 */
export async function pushRoomAccess(deps: Deps, env: Env, member: Membership, rooms: "gated" | "all") {
  const all = await deps.db.select({ id: communityRooms.id, tierIds: communityRooms.tierIds }).from(communityRooms).where(eq(communityRooms.communityId, member.communityId));
  const affected = rooms === "all" ? all : all.filter((r) => r.tierIds.length > 0);
  await Promise.all(affected.map((r) => roomObject(env, r.id).setAccess(member.userId, member.updatedAt, mayEnter(member, r))));
}
