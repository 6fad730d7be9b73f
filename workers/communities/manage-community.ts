import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { communities, communityMembers, communityRooms, communityTiers } from "../db/d1/schema";
import { creatorOfUser } from "../creators/own-creator";
import type { Deps } from "../lib/context";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { communityBySlug, membership } from "./community-access";
import { pushRoomAccess } from "./push-room-access";
import type { CreateCommunityBody, CreateRoomBody, CreateTierBody } from "./schemas";

/** A creator starts a community: a free tier, a General room, and themselves as owner. */
export async function createCommunity(deps: Deps, userId: string, input: z.infer<typeof CreateCommunityBody>) {
  const creator = await creatorOfUser(deps, userId);
  if (!creator) throw new AppError("forbidden", "Set up your creator profile first.");
  const now = deps.now();
  const id = newId("community");
  const freeTier = newId("tier");
  try {
    await deps.db.batch([
      deps.db.insert(communities).values({ id, slug: input.slug, ownerKind: "creator", ownerId: creator.id, ownerUserId: userId, name: input.name, description: input.description, createdAt: now }),
      deps.db.insert(communityTiers).values({ id: freeTier, communityId: id, name: "Free", kind: "free", priceMinor: 0, currency: "USD", position: 0 }),
      deps.db.insert(communityRooms).values({ id: newId("room"), communityId: id, name: "General", tierIds: [], createdAt: now }),
      deps.db.insert(communityMembers).values({ communityId: id, userId, tierId: freeTier, role: "owner", status: "active", createdAt: now, updatedAt: now }),
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `The address /c/${input.slug} is taken.`, [{ path: "body.slug", message: "Already taken" }]);
    throw e;
  }
  return id;
}

export async function requireOwner(deps: Deps, slug: string, userId: string) {
  const c = await communityBySlug(deps, slug);
  const m = await membership(deps, c.id, userId);
  if (m?.role !== "owner") throw new AppError(m ? "forbidden" : "not_found", m ? "Only the community's owner can do this." : `No community ${slug} that you manage.`);
  return c;
}

export async function createTier(deps: Deps, slug: string, userId: string, input: z.infer<typeof CreateTierBody>) {
  const c = await requireOwner(deps, slug, userId);
  const n = await deps.db.select({ n: sql<number>`count(*)` }).from(communityTiers).where(eq(communityTiers.communityId, c.id)).get();
  const row = { id: newId("tier"), communityId: c.id, ...input, position: n?.n ?? 0 };
  await deps.db.insert(communityTiers).values(row);
  return row;
}

export async function createRoom(deps: Deps, slug: string, userId: string, input: z.infer<typeof CreateRoomBody>) {
  const c = await requireOwner(deps, slug, userId);
  const tiers = await deps.db.select({ id: communityTiers.id }).from(communityTiers).where(eq(communityTiers.communityId, c.id));
  input.tierIds.forEach((t, i) => {
    if (!tiers.some((x) => x.id === t)) throw new AppError("validation_failed", "A tier is not one of this community's.", [{ path: `body.tierIds.${i}`, message: "Unknown tier" }]);
  });
  const row = { id: newId("room"), communityId: c.id, name: input.name, tierIds: input.tierIds, createdAt: deps.now() };
  try {
    await deps.db.insert(communityRooms).values(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `There is already a room called ${input.name}.`, [{ path: "body.name", message: "Already used" }]);
    throw e;
  }
  return row;
}

/** Joining takes the community's first free tier; someone already in (or banned) stays as they are. */
export async function join(deps: Deps, slug: string, userId: string) {
  const c = await communityBySlug(deps, slug);
  const existing = await membership(deps, c.id, userId);
  if (existing) return existing;
  const free = await deps.db.select().from(communityTiers).where(and(eq(communityTiers.communityId, c.id), eq(communityTiers.kind, "free"))).orderBy(communityTiers.position).get();
  if (!free) throw new AppError("conflict", "This community has no free tier; the owner grants access.");
  const now = deps.now();
  await deps.db.insert(communityMembers).values({ communityId: c.id, userId, tierId: free.id, role: "member", status: "active", createdAt: now, updatedAt: now }).onConflictDoNothing();
  return (await membership(deps, c.id, userId))!;
}

/**
 * The owner grants a tier (a comp, beside paid subscriptions) or, with `null`, moves the member
 * back to the free tier. The member's open sockets in rooms the new tier does not open close.
 */
export async function grantTier(deps: Deps, env: Env, slug: string, ownerUserId: string, memberUserId: string, tierId: string | null) {
  const c = await requireOwner(deps, slug, ownerUserId);
  const tier = tierId
    ? await deps.db.select().from(communityTiers).where(and(eq(communityTiers.id, tierId), eq(communityTiers.communityId, c.id))).get()
    : await deps.db.select().from(communityTiers).where(and(eq(communityTiers.communityId, c.id), eq(communityTiers.kind, "free"))).orderBy(communityTiers.position).get();
  if (!tier) throw new AppError("validation_failed", "That tier is not one of this community's.", [{ path: "body.tierId", message: "Unknown tier" }]);
  const now = deps.now();
  await deps.db
    .insert(communityMembers)
    .values({ communityId: c.id, userId: memberUserId, tierId: tier.id, role: "member", status: "active", createdAt: now, updatedAt: now })
    // The owner's grant is a comp: no subscription holds it, so no subscription event takes it (ADR 020).
    .onConflictDoUpdate({ target: [communityMembers.communityId, communityMembers.userId], set: { tierId: tier.id, grantedBy: null, updatedAt: now }, where: sql`${communityMembers.role} = 'member'` });
  const m = (await membership(deps, c.id, memberUserId))!;
  // Sockets follow the new tier: rooms it no longer opens close theirs now.
  await pushRoomAccess(deps, env, m, "gated");
  return m;
}
