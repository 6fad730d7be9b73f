import { and, eq, sql } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { eventOutbox } from "../db/d1/schema";
import { drainToQueue, type OutboxStore } from "./drain-to-queue";
import type { OutboxDeps } from "./event-outbox";

/** Batches per cron run: bounds the run's subrequests; what is left waits for the next minute. */
const MAX_BATCHES_PER_RUN = 40;
const MAX_ERROR_CHARS = 1000;

/**
 * The `scheduled()` job: sends what the D1 event outbox still holds, oldest first, in batches
 * that fit the queue's limits (workers/events/drain-to-queue.ts). A row that fails counts a try;
 * one too big to send, or refused OUTBOX_MAX_ATTEMPTS times, is marked `dead` with its error
 * and an alert. Re-sends keep the event's own id, so the events consumer applies each once.
 */
export async function drainEventOutbox(deps: Omit<OutboxDeps, "now">) {
  const { db } = deps;
  const store: OutboxStore = {
    read: (after, limit) =>
      db
        .select({ seq: sql<number>`rowid`, id: eventOutbox.id, body: eventOutbox.body, attempts: eventOutbox.attempts })
        .from(eventOutbox)
        .where(and(eq(eventOutbox.state, "pending"), sql`rowid > ${after}`))
        .orderBy(sql`rowid`)
        .limit(limit),
    remove: async (ids) => void (await db.delete(eventOutbox).where(inList(eventOutbox.id, ids))),
    failed: async (row, attempts, error) => void (await db.update(eventOutbox).set({ attempts, lastError: error.slice(0, MAX_ERROR_CHARS) }).where(eq(eventOutbox.id, row.id))),
    deadLetter: async (row, attempts, error) =>
      void (await db.update(eventOutbox).set({ state: "dead", attempts, lastError: error.slice(0, MAX_ERROR_CHARS) }).where(eq(eventOutbox.id, row.id))),
  };
  const result = await drainToQueue(store, deps.events, deps.log, { maxBatches: MAX_BATCHES_PER_RUN });
  const counts = await db.select({ state: eventOutbox.state, n: sql<number>`count(*)` }).from(eventOutbox).groupBy(eventOutbox.state);
  const of = (state: string) => Number(counts.find((c) => c.state === state)?.n ?? 0);
  const summary = { ...result, pending: of("pending"), dead: of("dead") };
  if (result.stalled || result.failed) deps.log.error("event outbox drain incomplete; the next run retries", summary);
  else deps.log.info("event outbox drained", summary);
  return summary;
}
