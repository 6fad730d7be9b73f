import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The D1-side event outbox: a producer writes its event here in the same batch as its own
 * write, sends it at once and deletes it on success; the cron drain sends what is left.
 * `id` is the event's own id, so a re-send is a duplicate the events consumer ignores.
 */
export const eventOutbox = sqliteTable(
  "event_outbox",
  {
    id: text("id").primaryKey(),
    /** The event envelope as JSON, exactly as it is sent. */
    body: text("body").notNull(),
    /** `pending` waits to be sent; `dead` could not be sent (too big, or refused on every try). */
    state: text("state", { enum: ["pending", "dead"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("event_outbox_state_idx").on(t.state)],
);
