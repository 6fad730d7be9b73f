import { and, eq, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { D1Db } from "../db/d1/client";
import { communityDrops, communityPosts } from "../db/d1/schema";
import type { PgTx } from "../db/pg/client";
import { dropReservations } from "../db/pg/schema";
import type { TrackedEvent } from "../events/envelope";

/** The props of the room events this consumer acts on (others are analytics only). */
const Props = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("post.created"), communityId: z.string(), roomId: z.string(), userId: z.string(), postId: z.string(), parentId: z.string().nullable(), body: z.string() }),
  z.object({ kind: z.literal("post.deleted"), postId: z.string() }),
  z.object({ kind: z.literal("drop.claimed"), communityId: z.string(), userId: z.string(), dropId: z.string(), claimId: z.string(), productId: z.string().nullable(), claimed: z.number().int() }),
]);
const parse = (e: TrackedEvent) => (e.type === "community" ? Props.safeParse(e.props) : null);

/** Postgres side, in the event's own transaction: each drop claim becomes a reservation, once. */
export async function recordCommunityFacts(tx: PgTx, e: TrackedEvent) {
  const p = parse(e);
  if (!p?.success || p.data.kind !== "drop.claimed") return;
  await tx
    .insert(dropReservations)
    .values({ id: p.data.claimId, dropId: p.data.dropId, communityId: p.data.communityId, userId: p.data.userId, creatorId: e.creatorId, productId: p.data.productId, status: "reserved", eventId: e.id, claimedAt: new Date(e.at) })
    .onConflictDoNothing({ target: dropReservations.id });
}

/**
 * D1 side: what lists and search read (posts, drop counts) mirrored from the room. Every write
 * converges (insert-if-absent, set-once, max), so it runs on redelivery too and changes nothing.
 */
export async function mirrorCommunityEvent(db: D1Db, e: TrackedEvent) {
  const p = parse(e);
  if (!p?.success) return;
  const d = p.data;
  if (d.kind === "post.created") {
    await db.insert(communityPosts).values({ id: d.postId, communityId: d.communityId, roomId: d.roomId, authorId: d.userId, parentId: d.parentId, body: d.body, createdAt: e.at }).onConflictDoNothing();
  } else if (d.kind === "post.deleted") {
    await db.update(communityPosts).set({ deletedAt: e.at }).where(and(eq(communityPosts.id, d.postId), isNull(communityPosts.deletedAt)));
  } else {
    await db.update(communityDrops).set({ claimed: d.claimed }).where(and(eq(communityDrops.id, d.dropId), lt(communityDrops.claimed, d.claimed)));
  }
}
