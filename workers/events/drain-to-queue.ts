import type { Logger } from "../lib/logger";
import { messageBytes, packBatch, tooLarge } from "./queue-batch";

/** Tries a row gets on its own before it is dead-lettered (an outage costs a row one try per drain at most). */
export const OUTBOX_MAX_ATTEMPTS = 10;

/** One waiting message: `seq` orders the outbox (oldest first), `body` is the JSON to send. */
export interface OutboxRow {
  seq: number;
  id: string;
  body: string;
  attempts: number;
}

/** Where an outbox lives: a Durable Object's SQLite or the D1 table. Sync or async, the drain awaits it. */
export interface OutboxStore {
  /** Up to `limit` waiting rows with `seq` above `after`, oldest first. */
  read(after: number, limit: number): OutboxRow[] | Promise<OutboxRow[]>;
  /** The rows were sent: forget them. */
  remove(ids: string[]): void | Promise<void>;
  /** The row failed on its own: keep it for another try. */
  failed(row: OutboxRow, attempts: number, error: string): void | Promise<void>;
  /** The row will never be sent: move it out of the way. */
  deadLetter(row: OutboxRow, attempts: number, error: string): void | Promise<void>;
}

export interface DrainResult {
  sent: number;
  deadLettered: number;
  /** Rows that failed this drain and stay queued for another try. */
  failed: number;
  /** The queue refused two rows running without accepting one: it looks down, so the drain stopped early. */
  stalled: boolean;
}

/** Rows read per step; packBatch then cuts them to what one sendBatch may carry. */
const READ = 100;

/**
 * Sends an outbox to the queue, oldest first, in batches that fit Queues' count and byte
 * limits, removing what was sent. A row too big for one message, or whose body is not JSON, is
 * dead-lettered at once. When a batch fails its rows are tried one by one, so one bad row never
 * holds back the others: a row that fails alone counts a try and is dead-lettered after
 * OUTBOX_MAX_ATTEMPTS. When a second row is refused before any is accepted again, the queue
 * itself is failing: the drain stops without counting that one, and the caller backs off.
 * Every dead letter is logged as an error naming the owner (`log`'s fields), the row and why.
 */
export async function drainToQueue(store: OutboxStore, queue: Queue, log: Logger, opts: { maxBatches?: number } = {}): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, deadLettered: 0, failed: 0, stalled: false };
  const deadLetter = async (row: OutboxRow, attempts: number, error: string) => {
    await store.deadLetter(row, attempts, error);
    result.deadLettered++;
    log.error("outbox row dead-lettered", { rowId: row.id, attempts, bytes: messageBytes(row.body), error });
  };
  const failOnce = async (row: OutboxRow, error: string) => {
    const attempts = row.attempts + 1;
    if (attempts >= OUTBOX_MAX_ATTEMPTS) return deadLetter(row, attempts, error);
    await store.failed(row, attempts, error);
    result.failed++;
  };
  const send = (list: { body: unknown }[]) => queue.sendBatch(list.map((m) => ({ body: m.body, contentType: "json" as const })));

  let cursor = 0;
  let batches = 0;
  /** Rows refused one after another since the queue last accepted one. */
  let streak = 0;
  while (batches < (opts.maxBatches ?? Infinity)) {
    const rows = (await store.read(cursor, READ)).map((r) => ({ ...r, bytes: messageBytes(r.body) }));
    if (!rows.length) break;
    const { batch, oversized, consumed } = packBatch(rows);
    cursor = rows[consumed - 1]!.seq;
    for (const row of oversized) await deadLetter(row, row.attempts, tooLarge(row.bytes)!);
    const messages: { row: OutboxRow; body: unknown }[] = [];
    for (const row of batch) {
      try {
        messages.push({ row, body: JSON.parse(row.body) });
      } catch (e) {
        await deadLetter(row, row.attempts, `body is not JSON: ${String(e)}`);
      }
    }
    if (!messages.length) continue;
    batches++;
    if (messages.length > 1) {
      try {
        await send(messages);
        await store.remove(messages.map((m) => m.row.id));
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
        await store.remove([m.row.id]);
        result.sent++;
        streak = 0;
      } catch (e) {
        if (streak > 0) {
          result.stalled = true;
          break;
        }
        streak++;
        await failOnce(m.row, String(e));
      }
    }
    if (result.stalled) break;
  }
  return result;
}
