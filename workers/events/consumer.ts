import { syncCampaignEdge } from "../campaigns/sync-campaign-edge";
import { d1Client } from "../db/d1/client";
import { lazyPg } from "../db/pg/client";
import { rejectedEvents } from "../db/pg/schema";
import { postgresUrl } from "../db/pg/url";
import { jsonLogger } from "../lib/logger";
import { mirrorCommunityEvent } from "../communities/community-events";
import { applyEvent } from "./apply-event";
import { EventEnvelope } from "./envelope";

/**
 * The `events` queue consumer. Each message is handled on its own: a valid event is applied
 * exactly once (see applyEvent); an unreadable one is kept in `rejected_events` and
 * acknowledged, so it never blocks the batch; a database failure retries just that message
 * (after max_retries it goes to the dead-letter queue).
 */
export async function consumeEvents(batch: MessageBatch<unknown>, env: Env, _ctx?: ExecutionContext): Promise<void> {
  const log = jsonLogger({ queue: batch.queue });
  const pg = lazyPg(postgresUrl(env));
  let applied = 0;
  let duplicates = 0;
  try {
    for (const msg of batch.messages) {
      const parsed = EventEnvelope.safeParse(msg.body);
      try {
        const db = await pg.get();
        if (!parsed.success) {
          await db
            .insert(rejectedEvents)
            .values({ messageId: msg.id, body: msg.body as object, reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") })
            .onConflictDoNothing();
          log.warn("event rejected", { messageId: msg.id });
          msg.ack();
          continue;
        }
        const result = await applyEvent(db, parsed.data);
        // The D1 mirror converges, so it runs on redelivery too (a failed mirror write retries the message).
        await mirrorCommunityEvent(d1Client(env.DB), parsed.data);
        if (result.applied) applied++;
        else duplicates++;
        // A campaign that just ran out of budget stops sending visitors to the destination.
        // (Not fatal: charges past the budget are refused in Postgres either way.)
        if (result.pausedCampaign) {
          await syncCampaignEdge(d1Client(env.DB), result.pausedCampaign).catch((e) =>
            log.error("paused campaign not synced to the edge", { campaignId: result.pausedCampaign!.id, error: String(e) }),
          );
        }
        msg.ack();
      } catch (e) {
        log.error("event not applied; will retry", { messageId: msg.id, attempts: msg.attempts, error: String(e) });
        msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) });
      }
    }
  } finally {
    await pg.close();
    log.info("batch", { size: batch.messages.length, applied, duplicates });
  }
}
