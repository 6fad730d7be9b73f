import { sql, type SQL } from "drizzle-orm";
import type { D1Db } from "../db/d1/client";
import { inList } from "../db/d1/in-list";
import { eventOutbox } from "../db/d1/schema";
import type { Logger } from "../lib/logger";
import type { TrackedEvent } from "./envelope";

/** What a D1-side producer needs to publish events: D1 for the outbox, the events queue, a logger and a clock. */
export interface OutboxDeps {
  db: D1Db;
  events: Queue;
  log: Logger;
  now: () => number;
}

const row = (e: TrackedEvent, now: number) => ({ id: e.id, body: JSON.stringify(e), createdAt: now });

/** The insert that parks events in the outbox: put it in the same `db.batch` as the producer's own write. */
export function outboxInsert(db: D1Db, events: [TrackedEvent, ...TrackedEvent[]], now: number) {
  return db.insert(eventOutbox).values(events.map((e) => row(e, now))).onConflictDoNothing();
}

/**
 * Parks one event only if `exists` finds a row: for a write that may turn out to be a no-op
 * (an upsert that kept the first completion), in the same batch, so the event exists exactly
 * when the write happened.
 */
export function outboxInsertIf(db: D1Db, event: TrackedEvent, now: number, exists: SQL) {
  const r = row(event, now);
  // Every column, in the table's order (drizzle names them all for an insert from a select).
  return db
    .insert(eventOutbox)
    .select(sql`select ${r.id}, ${r.body}, 'pending', 0, null, ${r.createdAt} where exists (${exists})`)
    .onConflictDoNothing();
}

/**
 * Sends events that are already parked in the outbox, at once, and removes them once the queue
 * has them. A failure leaves them for the cron drain (workers/events/drain-event-outbox.ts);
 * a send that reached the queue but whose removal failed is sent again, and the consumer
 * ignores the duplicate by id.
 */
export async function sendParked(deps: OutboxDeps, events: TrackedEvent[]) {
  if (!events.length) return;
  const ids = events.map((e) => e.id);
  try {
    await deps.events.sendBatch(events.map((e) => ({ body: e, contentType: "json" as const })));
  } catch (e) {
    deps.log.warn("event not sent yet; the outbox drain will send it", { eventIds: ids, error: String(e) });
    return;
  }
  await deps.db
    .delete(eventOutbox)
    .where(inList(eventOutbox.id, ids))
    .catch((e) => deps.log.warn("sent event left in the outbox; the drain will send it again", { eventIds: ids, error: String(e) }));
}

/**
 * For a producer with no D1 write of its own (a page view): send at once, and park the events
 * in the outbox only when the send fails, so the common case costs no D1 write.
 */
export async function publishEvents(deps: OutboxDeps, events: [TrackedEvent, ...TrackedEvent[]]) {
  try {
    await deps.events.sendBatch(events.map((e) => ({ body: e, contentType: "json" as const })));
  } catch (e) {
    await outboxInsert(deps.db, events, deps.now());
    deps.log.warn("event parked in the outbox; the drain will send it", { eventIds: events.map((x) => x.id), error: String(e) });
  }
}
