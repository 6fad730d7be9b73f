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

/** Membership tiers: free ones anyone may join; paid ones are granted (checkout arrives with payments). */
export const communityTiers = sqliteTable(
  "community_tiers",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["free", "paid"] }).notNull(),
    priceMinor: integer("price_minor").notNull(),
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
