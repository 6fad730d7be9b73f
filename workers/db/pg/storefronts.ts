import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** What visitors send through a storefront's contact or booking form (personal data: the creator's to read, nobody else's). */
export const storefrontMessages = pgTable(
  "storefront_messages",
  {
    id: text("id").primaryKey(),
    creatorId: text("creator_id").notNull(),
    kind: text("kind", { enum: ["contact", "booking"] }).notNull(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    message: text("message").notNull(),
    preferredTime: text("preferred_time").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("storefront_messages_creator").on(t.creatorId, t.createdAt)],
);
