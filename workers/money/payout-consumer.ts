import { d1Client } from "../db/d1/client";
import { lazyPg } from "../db/pg/client";
import { postgresUrl } from "../db/pg/url";
import { readConfig } from "../lib/config";
import { outboxEmailer } from "../lib/emailer";
import { jsonLogger } from "../lib/logger";
import { sendPayout, type PayoutMessage } from "./payouts";

/**
 * The `payouts` queue consumer (ADR 019): each message sends one payout. Redelivery is safe: only
 * a pending payout moves, and the transfer's idempotency key is the payout's id. A provider that
 * could not be reached is retried with backoff until the payout's attempts run out.
 */
export async function consumePayouts(batch: MessageBatch<PayoutMessage>, env: Env): Promise<void> {
  const log = jsonLogger({ queue: batch.queue });
  const db = d1Client(env.DB);
  const pg = lazyPg(postgresUrl(env));
  const now = () => Date.now();
  const deps = { config: readConfig(env), db, pg: pg.get, emailer: outboxEmailer(db, now), now, log };
  try {
    for (const msg of batch.messages) {
      try {
        const outcome = await sendPayout(deps, msg.body.payoutId);
        if (outcome === "retry") msg.retry({ delaySeconds: Math.min(600, 30 * 2 ** msg.attempts) });
        else msg.ack();
      } catch (err) {
        log.error("payout crashed; will retry", { payoutId: msg.body.payoutId, attempts: msg.attempts, error: String(err) });
        msg.retry({ delaySeconds: Math.min(600, 30 * 2 ** msg.attempts) });
      }
    }
  } finally {
    await pg.close();
  }
}
