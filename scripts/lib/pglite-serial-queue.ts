import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * pglite-socket multiplexes many TCP clients onto one PGlite by interleaving their protocol
 * messages one at a time. That breaks the extended query protocol: client A's Parse/Bind and
 * client B's Bind/Execute clobber the shared unnamed statement and portal ("portal "" does not
 * exist"), which node-postgres hits under any concurrency. This replaces the server's queue
 * processing so a client keeps PGlite from its first message until its group ends (Sync,
 * simple Query, Terminate or the startup packet) or its transaction ends, whichever is later.
 * It also keeps going after a failed message instead of stalling the queue.
 */
interface QueueItem {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (e: unknown) => void;
  onData: (data: Uint8Array) => void;
}

interface QueryQueue {
  db: PGlite & { execProtocolRawStream(m: Uint8Array, o: { onRawData: (d: Uint8Array) => void }): Promise<void>; isInTransaction(): boolean };
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(id: number): void;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

const endsGroup = (message: Uint8Array) => {
  const type = message[0];
  // The startup packet (and SSL/cancel requests) have no type byte: their first byte is 0.
  return type === SYNC || type === QUERY || type === TERMINATE || type === 0;
};

export function serializeProtocolGroups(server: PGLiteSocketServer) {
  const q = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let midGroup = false;

  q.processQueue = async function processQueue() {
    if (q.processing || q.queue.length === 0) return;
    q.processing = true;
    try {
      while (q.queue.length > 0) {
        const sticky = q.lastHandlerId !== null && (midGroup || q.db.isInTransaction());
        let item: QueueItem | undefined;
        if (sticky) {
          const i = q.queue.findIndex((x) => x.handlerId === q.lastHandlerId);
          if (i === -1) break; // wait for the owning client's next message
          item = q.queue.splice(i, 1)[0];
        } else {
          item = q.queue.shift();
        }
        if (!item) break;
        let bytes = 0;
        try {
          await q.db.runExclusive(() =>
            q.db.execProtocolRawStream(item!.message, {
              onRawData: (d: Uint8Array) => {
                bytes += d.length;
                item!.onData(d);
              },
            }),
          );
          item.resolve(bytes);
        } catch (e) {
          item.reject(e);
        }
        q.lastHandlerId = item.handlerId;
        midGroup = !endsGroup(item.message);
      }
    } finally {
      q.processing = false;
    }
  };

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (id: number) => {
    clear(id);
    if (q.lastHandlerId === id && !q.db.isInTransaction()) {
      // The owning client left mid-group: release PGlite to the others.
      midGroup = false;
      q.lastHandlerId = null;
      void q.processQueue();
    }
  };
}
