/**
 * Cloudflare Queues' producer limits (developers.cloudflare.com/queues/platform/limits/):
 * a message is at most 128 KB, one `sendBatch` at most 100 messages and 256 KB in all.
 * A send over any of them is refused as a whole, so every outbox packs its batches to fit.
 */
export const QUEUE_LIMITS = { messageBytes: 128_000, batchBytes: 256_000, batchMessages: 100 } as const;

/** Headroom per message for what the queue adds to the body (content type, id, timestamps). */
const MESSAGE_OVERHEAD_BYTES = 256;

const encoder = new TextEncoder();

/** What one JSON message counts against the limits: its UTF-8 body plus the queue's own overhead. */
export const messageBytes = (json: string) => encoder.encode(json).byteLength + MESSAGE_OVERHEAD_BYTES;

/** Why a message can never be sent, or null when it fits in one message. */
export function tooLarge(bytes: number): string | null {
  return bytes > QUEUE_LIMITS.messageBytes ? `message too large for the queue: ${bytes} bytes (limit ${QUEUE_LIMITS.messageBytes})` : null;
}

export interface Packed<T> {
  /** Rows for one sendBatch, in order, within the count and byte limits. */
  batch: T[];
  /** Rows that can never be sent (each over the per-message limit), in order. */
  oversized: T[];
  /** How many of the given rows were looked at (batch + oversized); the rest wait for the next batch. */
  consumed: number;
}

/** Packs rows, oldest first, into one batch that Queues will accept; stops at the first row that no longer fits. */
export function packBatch<T extends { bytes: number }>(rows: T[]): Packed<T> {
  const batch: T[] = [];
  const oversized: T[] = [];
  let total = 0;
  let consumed = 0;
  for (const row of rows) {
    if (tooLarge(row.bytes)) {
      oversized.push(row);
      consumed++;
      continue;
    }
    if (batch.length === QUEUE_LIMITS.batchMessages || total + row.bytes > QUEUE_LIMITS.batchBytes) break;
    batch.push(row);
    total += row.bytes;
    consumed++;
  }
  return { batch, oversized, consumed };
}
