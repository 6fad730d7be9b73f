import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * A creator's storefront: a draft document the editor saves, and the published document the
 * edge renders (a copy of the newest published version, so a page view is one row read).
 */
export const storefronts = sqliteTable("storefronts", {
  id: text("id").primaryKey(),
  creatorId: text("creator_id").notNull().unique(),
  template: text("template").notNull(),
  draft: text("draft", { mode: "json" }).$type<unknown>().notNull(),
  /** Bumped on every draft save; a save naming an older revision is refused (two tabs, one draft). */
  draftRevision: integer("draft_revision").notNull(),
  publishedVersion: integer("published_version"),
  published: text("published", { mode: "json" }).$type<unknown>(),
  publishedAt: integer("published_at"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** Every publish, kept for roll back. */
export const storefrontVersions = sqliteTable(
  "storefront_versions",
  {
    id: text("id").primaryKey(),
    storefrontId: text("storefront_id").notNull(),
    version: integer("version").notNull(),
    doc: text("doc", { mode: "json" }).$type<unknown>().notNull(),
    note: text("note").notNull(),
    publishedAt: integer("published_at").notNull(),
  },
  (t) => [uniqueIndex("storefront_versions_version").on(t.storefrontId, t.version), index("storefront_versions_sf_idx").on(t.storefrontId, t.publishedAt)],
);
