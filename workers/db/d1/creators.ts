import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./identity";

/** A creator's public identity: read on every storefront request, so it lives at the edge. */
export const creators = sqliteTable("creators", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().unique().references(() => users.id),
  handle: text("handle").notNull().unique(),
  displayName: text("display_name").notNull(),
  bio: text("bio").notNull().default(""),
  niches: text("niches", { mode: "json" }).$type<string[]>().notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** Social handles with a follower snapshot; `verified` only when proven through OAuth. */
export const socialAccounts = sqliteTable(
  "social_accounts",
  {
    id: text("id").primaryKey(),
    creatorId: text("creator_id").notNull().references(() => creators.id),
    platform: text("platform", { enum: ["youtube", "tiktok", "instagram", "x"] }).notNull(),
    handle: text("handle").notNull(),
    followers: integer("followers"),
    verified: integer("verified", { mode: "boolean" }).notNull(),
    providerAccountId: text("provider_account_id"),
    snapshotAt: integer("snapshot_at").notNull(),
  },
  (t) => [
    uniqueIndex("social_accounts_creator_platform").on(t.creatorId, t.platform),
    index("social_accounts_creator_idx").on(t.creatorId),
  ],
);
