import { and, asc, eq, gte } from "drizzle-orm";
import { communities, communityDrops, communityMembers, communityRooms, communityTiers, creators, users } from "../db/d1/schema";
import type { Actor, Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import type { RoomContext } from "../../durable-objects/room/room-events";
import { generatedName, memberName } from "./member-name";

type Member = typeof communityMembers.$inferSelect;


/**
 * Whether an active member's tier opens something gated by tiers (a room or a course): with no
 * tiers it is open to every member; owners open everything.
 */
export function mayEnter(member: Member | null, gated: { tierIds: string[] }): boolean {
  if (!member || member.status !== "active") return false;
  return member.role === "owner" || gated.tierIds.length === 0 || gated.tierIds.includes(member.tierId);
}

export async function communityBySlug(deps: Deps, slug: string) {
  const c = await deps.db.select().from(communities).where(eq(communities.slug, slug)).get();
  if (!c) throw new AppError("not_found", `No community ${slug}.`);
  return c;
}

export async function membership(deps: Deps, communityId: string, userId: string | null) {
  if (!userId) return null;
  return (await deps.db.select().from(communityMembers).where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId))).get()) ?? null;
}

/** A creator's community (their first), found by their handle: `/@handle/community` leads here. */
export async function communityOfCreator(deps: Deps, handle: string) {
  const row = await deps.db
    .select({ slug: communities.slug })
    .from(communities)
    .innerJoin(creators, and(eq(communities.ownerKind, "creator"), eq(communities.ownerId, creators.id)))
    .where(eq(creators.handle, handle))
    .orderBy(asc(communities.createdAt))
    .get();
  if (!row) throw new AppError("not_found", `@${handle} has no community yet.`);
  return row;
}

/** The community as a visitor sees it: tiers, rooms (with whether they may enter) and their own membership. */
export async function communityView(deps: Deps, slug: string, actor: Actor | null) {
  const c = await communityBySlug(deps, slug);
  const me = await membership(deps, c.id, actor?.kind === "user" ? actor.userId : null);
  const [tiers, rooms, drops] = await Promise.all([
    deps.db.select().from(communityTiers).where(eq(communityTiers.communityId, c.id)).orderBy(asc(communityTiers.position)),
    deps.db.select().from(communityRooms).where(eq(communityRooms.communityId, c.id)).orderBy(asc(communityRooms.createdAt)),
    // Drops that open soon or opened in the last week (counts are the events consumer's mirror).
    deps.db
      .select()
      .from(communityDrops)
      .where(and(eq(communityDrops.communityId, c.id), gte(communityDrops.releaseAt, deps.now() - 7 * 86_400_000)))
      .orderBy(asc(communityDrops.releaseAt))
      .limit(6),
  ]);
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    ownerKind: c.ownerKind,
    tiers: tiers.map((t) => ({ id: t.id, name: t.name, kind: t.kind, priceMinor: t.priceMinor, annualPriceMinor: t.kind === "paid" ? (t.annualPriceMinor ?? t.priceMinor * 10) : null, currency: t.currency })),
    rooms: rooms.map((r) => ({ id: r.id, name: r.name, tierIds: r.tierIds, canEnter: mayEnter(me, r) })),
    drops: drops.map((d) => dropTeaser(d, rooms.find((r) => r.id === d.roomId), me)),
    membership: me ? { tierId: me.tierId, role: me.role, status: me.status } : null,
  };
}

/**
 * A drop on the community's home: what it is (title, perk) only for visitors who may enter its
 * room; anyone else learns that a drop exists there, how many and when, so the page can invite
 * them to join or upgrade without giving away what a tier pays for.
 */
function dropTeaser(d: typeof communityDrops.$inferSelect, room: { tierIds: string[] } | undefined, me: Member | null) {
  const open = !!room && mayEnter(me, room);
  return { id: d.id, roomId: d.roomId, locked: !open, title: open ? d.title : null, perk: open ? d.perk : null, quantity: d.quantity, claimed: d.claimed, releaseAt: d.releaseAt };
}

/**
 * The check before a room's socket opens (and before its posts are listed): a signed-in person,
 * an active member, a tier the room admits. Outsiders learn nothing about members-only rooms.
 */
export async function roomAccess(deps: Deps, actor: Actor | null, roomId: string) {
  if (!actor || actor.kind !== "user") throw new AppError("unauthenticated", "Sign in to enter this room.");
  const room = await deps.db.select().from(communityRooms).where(eq(communityRooms.id, roomId)).get();
  if (!room) throw new AppError("not_found", `No room ${roomId}.`);
  const member = await membership(deps, room.communityId, actor.userId);
  if (!member) throw new AppError("forbidden", "Join this community to enter its rooms.");
  if (member.status === "banned") throw new AppError("forbidden", "You cannot enter this community.");
  if (!mayEnter(member, room)) throw new AppError("forbidden", "This room is for members of another tier.");
  const [named, community] = await Promise.all([
    deps.db.select({ name: memberName }).from(users).leftJoin(creators, eq(creators.userId, users.id)).where(eq(users.id, actor.userId)).get(),
    deps.db.select().from(communities).where(eq(communities.id, room.communityId)).get(),
  ]);
  return {
    room,
    community: community!,
    context: roomContext(community!, room.id),
    member: { userId: actor.userId, name: named?.name ?? generatedName(actor.userId), role: member.role, version: member.updatedAt },
  };
}

/** What the room object is told about where it lives (events carry the community and the creator they are attributed to). */
export function roomContext(c: typeof communities.$inferSelect, roomId: string): RoomContext {
  return { roomId, communityId: c.id, communitySlug: c.slug, creatorId: c.ownerKind === "creator" ? c.ownerId : null };
}

/** The room's Durable Object. */
export function roomObject(env: Env, roomId: string) {
  return env.COMMUNITY_ROOM.get(env.COMMUNITY_ROOM.idFromName(roomId));
}
