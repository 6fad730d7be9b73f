import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { serializeProtocolGroups } from "./pglite-serial-queue";

export interface RunningPostgres {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Postgres for `npm start` and `npm test`: the server in DATABASE_URL when set, otherwise
 * PGlite served over TCP (a data dir for start, in-memory for tests).
 */
export async function startPostgres(opts: { dataDir?: string; port: number }): Promise<RunningPostgres> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const db = await PGlite.create(opts.dataDir);
  const server = new PGLiteSocketServer({ db, port: opts.port, host: "127.0.0.1", maxConnections: 100 });
  serializeProtocolGroups(server);
  await server.start();
  // Hyperdrive's local proxy insists on a password; PGlite accepts any.
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    embedded: true,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

export async function migratePostgres(url: string, migrationsFolder: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.end();
  }
}

/** Creates a throwaway database on an external server and returns its URL. */
export async function createScratchDatabase(serverUrl: string, name: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (!url.password) url.password = "postgres";
  if (!url.username) url.username = "postgres";
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export async function waitForPort(port: number, host = "127.0.0.1", timeoutMs = 60_000) {
  const net = await import("node:net");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, host, () => {
        s.end();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Nothing listening on ${host}:${port} after ${timeoutMs} ms`);
}

export async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}
