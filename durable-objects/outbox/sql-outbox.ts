import { drainToQueue, type DrainResult, type OutboxStore } from "../../workers/events/drain-to-queue";
import { jsonLogger } from "../../workers/lib/logger";

/** Who owns an outbox, named in every alert. */
export interface OutboxOwner {
  object: "LinkCounter" | "CommunityRoom";
  objectName: string;
}

export interface DeadLetter {
  id: string;
  attempts: number;
  error: string;
  deadAt: number;
}

/**
 * Brings an object's `outbox` table (any shape with `id` and `body`) up to the shared one: a
 * per-row try count and last error, and the `outbox_dead` table for rows that cannot be sent.
 */
export function migrateOutbox(sql: SqlStorage) {
  const cols = new Set(sql.exec("SELECT name FROM pragma_table_info('outbox')").toArray().map((r) => String(r.name)));
  if (!cols.has("attempts")) sql.exec("ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0");
  if (!cols.has("last_error")) sql.exec("ALTER TABLE outbox ADD COLUMN last_error TEXT");
  sql.exec("CREATE TABLE IF NOT EXISTS outbox_dead (id TEXT PRIMARY KEY, body TEXT NOT NULL, attempts INTEGER NOT NULL, error TEXT NOT NULL, dead_at INTEGER NOT NULL)");
}

/** The object's outbox as a store for the shared drain (every call is synchronous SQLite). */
function sqlStore(sql: SqlStorage): OutboxStore {
  const remove = (ids: string[]) => void sql.exec("DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))", JSON.stringify(ids));
  return {
    read: (after, limit) =>
      sql.exec<{ seq: number; id: string; body: string; attempts: number }>("SELECT rowid AS seq, id, body, attempts FROM outbox WHERE rowid > ? ORDER BY rowid LIMIT ?", after, limit).toArray(),
    remove,
    failed: (row, attempts, error) => void sql.exec("UPDATE outbox SET attempts = ?, last_error = ? WHERE id = ?", attempts, error, row.id),
    deadLetter: (row, attempts, error) => {
      sql.exec(
        "INSERT INTO outbox_dead (id, body, attempts, error, dead_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, attempts = excluded.attempts, error = excluded.error, dead_at = excluded.dead_at",
        row.id, row.body, attempts, error, Date.now(),
      );
      remove([row.id]);
    },
  };
}

/**
 * Sends the object's outbox with the shared drain (workers/events/drain-to-queue.ts): batches
 * that fit the queue's limits, dead letters for rows that can never be sent. Returns what
 * happened and how many rows still wait.
 */
export async function sendOutbox(sql: SqlStorage, queue: Queue, owner: OutboxOwner): Promise<DrainResult & { pending: number }> {
  const result = await drainToQueue(sqlStore(sql), queue, jsonLogger({ object: owner.object, objectName: owner.objectName }));
  return { ...result, pending: Number(sql.exec("SELECT count(*) AS n FROM outbox").one().n) };
}

/** How many rows are dead-lettered, and the latest of them (without their bodies). */
export function deadLetters(sql: SqlStorage, limit = 20): { count: number; rows: DeadLetter[] } {
  const count = Number(sql.exec("SELECT count(*) AS n FROM outbox_dead").one().n);
  const rows = sql
    .exec("SELECT id, attempts, error, dead_at FROM outbox_dead ORDER BY dead_at DESC, id LIMIT ?", limit)
    .toArray()
    .map((r) => ({ id: String(r.id), attempts: Number(r.attempts), error: String(r.error), deadAt: Number(r.dead_at) }));
  return { count, rows };
}

/** Puts dead letters back in the outbox with fresh tries (after the cause is fixed); returns how many. */
export function redriveDeadLetters(sql: SqlStorage): number {
  const moved = Number(sql.exec("SELECT count(*) AS n FROM outbox_dead").one().n);
  sql.exec("INSERT INTO outbox (id, body) SELECT id, body FROM outbox_dead WHERE true ON CONFLICT (id) DO NOTHING");
  sql.exec("DELETE FROM outbox_dead");
  return moved;
}
