import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Each drop claim becomes a reservation (paid orders arrive with payments): written once by the
 * events consumer from the room's `drop.claimed` event, keyed by the claim id.
 */
export const dropReservations = pgTable(
  "drop_reservations",
  {
    id: text("id").primaryKey(),
    dropId: text("drop_id").notNull(),
    communityId: text("community_id").notNull(),
    userId: text("user_id").notNull(),
    /** The community's owning creator, who the sale is attributed to (null for brand communities). */
    creatorId: text("creator_id"),
    productId: text("product_id"),
    status: text("status", { enum: ["reserved", "fulfilled", "cancelled"] }).notNull(),
    eventId: text("event_id").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("drop_reservations_drop").on(t.dropId), index("drop_reservations_user").on(t.userId)],
);
