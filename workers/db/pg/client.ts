import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Client } from "pg";
import * as schema from "./schema";

export type PgDb = NodePgDatabase<typeof schema>;

/**
 * One Postgres connection per request, opened on first use. Hyperdrive pools behind it,
 * so opening is cheap at the edge. `close()` ends it after the response (waitUntil).
 */
export function lazyPg(connectionString: string) {
  let client: Client | undefined;
  let db: Promise<PgDb> | undefined;
  return {
    get(): Promise<PgDb> {
      db ??= (async () => {
        client = new Client({ connectionString });
        // workerd cancels the socket's read loop when the connection closes; pg surfaces
        // that as an 'error' event after end(). Anything else is logged.
        client.on("error", (e) => {
          if (!String(e).includes("Stream was cancelled")) console.error(JSON.stringify({ level: "error", msg: "pg client error", error: String(e) }));
        });
        await client.connect();
        return drizzle(client, { schema });
      })();
      return db!;
    },
    async close(): Promise<void> {
      if (!client) return;
      const c = client;
      client = undefined;
      db = undefined;
      await c.end().catch(() => undefined);
    },
  };
}

/** A transaction handle, for domain functions that must write inside the caller's transaction. */
export type PgTx = Parameters<Parameters<PgDb["transaction"]>[0]>[0];
