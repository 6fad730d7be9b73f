import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A community belongs to a creator or a brand; its content lives at the edge, its money (paid tiers) in Postgres. */
export const communities = sqliteTable("communities", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  ownerKind: text("owner_kind", { enum: ["creator", "brand"] }).notNull(),
  ownerId: text("owner_id").notNull(),
  /** The person who manages it (the creator's user, or the brand member who made it). */
  ownerUserId: text("owner_user_id").notNull(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Membership tiers: free ones anyone may join; paid ones are bought as subscriptions (ADR 020) or granted by the owner. */
export const communityTiers = sqliteTable(
  "community_tiers",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["free", "paid"] }).notNull(),
    /** Paid tiers: the monthly price. */
    priceMinor: integer("price_minor").notNull(),
    /** Paid tiers: the yearly price (null: ten months' worth, two months free). */
    annualPriceMinor: integer("annual_price_minor"),
    currency: text("currency").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("community_tiers_community_idx").on(t.communityId, t.position)],
);

export const communityMembers = sqliteTable(
  "community_members",
  {
    communityId: text("community_id").notNull(),
    userId: text("user_id").notNull(),
    tierId: text("tier_id").notNull(),
    role: text("role", { enum: ["owner", "member"] }).notNull(),
    status: text("status", { enum: ["active", "banned"] }).notNull(),
    /** The subscription whose payment holds this tier (ADR 020); null for the free tier and the owner's grants (comps), which no subscription event takes away. */
    grantedBy: text("granted_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.userId] }), index("community_members_user_idx").on(t.userId)],
);

/** A live room; `tierIds` empty means every member may enter. */
export const communityRooms = sqliteTable(
  "community_rooms",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id").notNull(),
    name: text("name").notNull(),
    tierIds: text("tier_ids", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("community_rooms_name").on(t.communityId, t.name)],
);

/**
 * A drop: a limited quantity of a product or perk released in a room at a set time. The row is
 * the definition (what the claim route looks up); the live count and the claims themselves are
 * atomic inside the room's Durable Object, and `claimed` here is the mirror the events consumer keeps.
 */
export const communityDrops = sqliteTable(
  "community_drops",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id").notNull(),
    roomId: text("room_id").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    /** A catalog product (links back to the owner's storefront product), or null for a perk. */
    productId: text("product_id"),
    perk: text("perk"),
    quantity: integer("quantity").notNull(),
    claimed: integer("claimed").notNull().default(0),
    releaseAt: integer("release_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("community_drops_community_idx").on(t.communityId, t.releaseAt), index("community_drops_room_idx").on(t.roomId)],
);

/** What lists and search read of room posts: mirrored from the room object through the events queue. */
export const communityPosts = sqliteTable(
  "community_posts",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id").notNull(),
    roomId: text("room_id").notNull(),
    authorId: text("author_id").notNull(),
    parentId: text("parent_id"),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("community_posts_community_idx").on(t.communityId, t.createdAt), index("community_posts_room_idx").on(t.roomId, t.createdAt)],
);
