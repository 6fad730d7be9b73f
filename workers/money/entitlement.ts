import { and, asc, eq, sql } from "drizzle-orm";
import { communityMembers, communityTiers } from "../db/d1/schema";
import { membership } from "../communities/community-access";
import { pushRoomAccess } from "../communities/push-room-access";
import type { Deps } from "../lib/context";

/**
 * A subscription's tier in the community (ADR 020). Granting puts the member on the tier and
 * marks the membership as held by the subscription; revoking moves them back to the free tier,
 * but only while the subscription still holds it (an owner's grant, a comp, is never taken by a
 * subscription event). Open sockets follow at once: rooms the tier no longer opens close them.
 */
export async function setEntitlement(deps: Deps, env: Env | undefined, input: { communityId: string; userId: string; subscriptionId: string; tierId: string | null }) {
  const now = deps.now();
  if (input.tierId) {
    await deps.db
      .insert(communityMembers)
      .values({ communityId: input.communityId, userId: input.userId, tierId: input.tierId, role: "member", status: "active", grantedBy: input.subscriptionId, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [communityMembers.communityId, communityMembers.userId],
        set: { tierId: input.tierId, grantedBy: input.subscriptionId, updatedAt: now },
        // Owners keep their own standing; a banned member stays banned (status is not touched).
        where: sql`${communityMembers.role} = 'member'`,
      });
  } else {
    const free = await deps.db.select({ id: communityTiers.id }).from(communityTiers).where(and(eq(communityTiers.communityId, input.communityId), eq(communityTiers.kind, "free"))).orderBy(asc(communityTiers.position)).get();
    if (!free) return;
    await deps.db
      .update(communityMembers)
      .set({ tierId: free.id, grantedBy: null, updatedAt: now })
      .where(and(eq(communityMembers.communityId, input.communityId), eq(communityMembers.userId, input.userId), eq(communityMembers.grantedBy, input.subscriptionId)));
  }
  const m = await membership(deps, input.communityId, input.userId);
  if (m && env) await pushRoomAccess(deps, env, m, "gated");
}
