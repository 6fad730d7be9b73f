import { and, desc, eq, isNull, like, sql } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { communityPosts, communityRooms } from "../db/d1/schema";
import type { Actor, Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { communityBySlug, mayEnter, membership } from "./community-access";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Searches the community's posts (the D1 mirror of the rooms) in the rooms this member may
 * enter, newest first. Every word must appear.
 */
export async function searchPosts(deps: Deps, actor: Actor | null, slug: string, q: string, limit: number) {
  if (!actor || actor.kind !== "user") throw new AppError("unauthenticated", "Sign in to search this community.");
  const c = await communityBySlug(deps, slug);
  const me = await membership(deps, c.id, actor.userId);
  if (!me || me.status !== "active") throw new AppError("forbidden", "Join this community to search it.");
  const rooms = (await deps.db.select().from(communityRooms).where(eq(communityRooms.communityId, c.id))).filter((r) => mayEnter(me, r));
  if (!rooms.length) return [];
  const words = q.split(/\s+/).filter(Boolean).slice(0, 6);
  const rows = await deps.db
    .select()
    .from(communityPosts)
    .where(and(eq(communityPosts.communityId, c.id), isNull(communityPosts.deletedAt), inList(communityPosts.roomId, rooms.map((r) => r.id)), ...words.map((w) => like(communityPosts.body, sql`${`%${escapeLike(w)}%`} escape '\\'`))))
    .orderBy(desc(communityPosts.createdAt))
    .limit(limit);
  const names = new Map(rooms.map((r) => [r.id, r.name]));
  return rows.map((r) => ({ id: r.id, roomId: r.roomId, roomName: names.get(r.roomId) ?? "", authorId: r.authorId, parentId: r.parentId, body: r.body, createdAt: r.createdAt }));
}
