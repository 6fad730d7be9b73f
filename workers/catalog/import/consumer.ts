import { d1Client } from "../../db/d1/client";
import { lazyPg } from "../../db/pg/client";
import { postgresUrl } from "../../db/pg/url";
import { readConfig } from "../../lib/config";
import { outboxEmailer } from "../../lib/emailer";
import { jsonLogger } from "../../lib/logger";
import { runImport } from "./run-import";
import type { ImportMessage } from "./start-import";

/** The `catalog-imports` queue consumer: one job per message; a crash retries the whole job (upserts make that safe). */
export async function consumeImports(batch: MessageBatch<ImportMessage>, env: Env): Promise<void> {
  const log = jsonLogger({ queue: batch.queue });
  const db = d1Client(env.DB);
  const pg = lazyPg(postgresUrl(env));
  const now = () => Date.now();
  const deps = { config: readConfig(env), db, pg: pg.get, emailer: outboxEmailer(db, now), now, log, bucket: env.MEDIA };
  try {
    for (const msg of batch.messages) {
      const started = Date.now();
      try {
        await runImport(deps, msg.body.importId);
        log.info("import finished", { importId: msg.body.importId, ms: Date.now() - started });
        msg.ack();
      } catch (e) {
        log.error("import crashed; will retry", { importId: msg.body.importId, attempts: msg.attempts, error: String(e), stack: (e as Error).stack });
        msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) });
      }
    }
  } finally {
    await pg.close();
  }
}
