import type { D1Db } from "../db/d1/client";
import type { PgDb } from "../db/pg/client";
import type { Config } from "./config";
import type { Emailer } from "./emailer";
import type { Logger } from "./logger";

/** Who is calling: a signed-in person (session cookie) or a brand's API key. */
export type Actor =
  | { kind: "user"; userId: string; email: string; sessionId: string }
  | { kind: "apiKey"; keyId: string; brandId: string };

/** What domain functions get instead of Hono: stores, ports, clock, logger. */
export interface Deps {
  config: Config;
  db: D1Db;
  pg: () => Promise<PgDb>;
  emailer: Emailer;
  now: () => number;
  log: Logger;
}

export type AppEnv = {
  Bindings: Env;
  Variables: { requestId: string; deps: Deps; actor: Actor | null };
};
