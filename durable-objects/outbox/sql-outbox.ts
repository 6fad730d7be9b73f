import { messageBytes, packBatch, tooLarge } from "../../workers/events/queue-batch";
import { jsonLogger } from "../../workers/lib/logger";

/** Tries a row gets on its own before it moves to the dead letters (an outage costs a row one try per drain at most). */
export const OUTBOX_MAX_ATTEMPTS = 10;
/** Rows read per step; packBatch then cuts them to what one sendBatch may carry. */
const READ = 100;

/** Who owns an outbox, named in every alert. */
export interface OutboxOwner {
  object: "LinkCounter" | "CommunityRoom";
  objectName: string;
}

export interface DrainResult {
  sent: number;
  deadLettered: number;
  /** Rows that failed this drain and stay queued for another try. */
  failed: number;
  /** The queue refused everything tried in a batch: it looks down, so the drain stopped early. */
  stalled: boolean;
  /** Rows still waiting after the drain. */
  pending: number;
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

type Row = { seq: number; id: string; body: string; attempts: number; bytes: number };

/**
 * Sends the outbox to the queue, oldest first, in batches that fit Queues' count and byte
 * limits, deleting what was sent. A row too big for one message, or whose body is not JSON, is
 * dead-lettered at once. When a batch fails its rows are tried one by one, so one bad row never
 * holds back the others: a row that fails alone counts a try and is dead-lettered after
 * OUTBOX_MAX_ATTEMPTS. When a second row is refused before any is accepted again, the queue
 * itself is failing: the drain stops without counting that one, and the caller backs off.
 */
export async function sendOutbox(sql: SqlStorage, queue: Queue, owner: OutboxOwner): Promise<DrainResult> {
  const log = jsonLogger({ object: owner.object, objectName: owner.objectName });
  const result = { sent: 0, deadLettered: 0, failed: 0, stalled: false };
  const drop = (ids: string[]) => sql.exec("DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))", JSON.stringify(ids));
  const deadLetter = (row: Row, error: string) => {
    sql.exec(
      "INSERT INTO outbox_dead (id, body, attempts, error, dead_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, attempts = excluded.attempts, error = excluded.error, dead_at = excluded.dead_at",
      row.id, row.body, row.attempts, error, Date.now(),
    );
    drop([row.id]);
    result.deadLettered++;
    log.error("outbox row dead-lettered", { rowId: row.id, attempts: row.attempts, bytes: row.bytes, error });
  };
  const failOnce = (row: Row, error: string) => {
    const attempts = row.attempts + 1;
    if (attempts >= OUTBOX_MAX_ATTEMPTS) return deadLetter({ ...row, attempts }, error);
    sql.exec("UPDATE outbox SET attempts = ?, last_error = ? WHERE id = ?", attempts, error, row.id);
    result.failed++;
  };

  let cursor = 0;
  /** Rows refused one after another since the queue last accepted one. */
  let streak = 0;
  for (;;) {
    const rows = sql
      .exec<{ seq: number; id: string; body: string; attempts: number }>("SELECT rowid AS seq, id, body, attempts FROM outbox WHERE rowid > ? ORDER BY rowid LIMIT ?", cursor, READ)
      .toArray()
      .map((r): Row => ({ ...r, bytes: messageBytes(r.body) }));
    if (!rows.length) break;
    const { batch, oversized, consumed } = packBatch(rows);
    cursor = rows[consumed - 1]!.seq;
    for (const row of oversized) deadLetter(row, tooLarge(row.bytes)!);
    const messages: { row: Row; body: unknown }[] = [];
    for (const row of batch) {
      try {
        messages.push({ row, body: JSON.parse(row.body) });
      } catch (e) {
        deadLetter(row, `body is not JSON: ${String(e)}`);
      }
    }
    if (!messages.length) continue;
    const send = (list: typeof messages) => queue.sendBatch(list.map((m) => ({ body: m.body, contentType: "json" as const })));
    if (messages.length > 1) {
      try {
        await send(messages);
        drop(messages.map((m) => m.row.id));
        result.sent += messages.length;
        streak = 0;
        continue;
      } catch {
        // Find the row(s) at fault by sending each on its own.
      }
    }
    for (const m of messages) {
      try {
        await send([m]);
        drop([m.row.id]);
        result.sent++;
        streak = 0;
      } catch (e) {
        if (streak > 0) {
          result.stalled = true;
          break;
        }
        streak++;
        failOnce(m.row, String(e));
      }
    }
    if (result.stalled) break;
  }
  const pending = Number(sql.exec("SELECT count(*) AS n FROM outbox").one().n);
  return { ...result, pending };
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
