import { createApp } from "./app";
import { consumeImports } from "./catalog/import/consumer";
import type { ImportMessage } from "./catalog/import/start-import";
import { d1Client } from "./db/d1/client";
import { consumeEvents } from "./events/consumer";
import { drainEventOutbox } from "./events/drain-event-outbox";
import { jsonLogger } from "./lib/logger";

export { CommunityRoom } from "../durable-objects/community-room";
export { LinkCounter } from "../durable-objects/link-counter";

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env, ctx) {
    if (batch.queue.startsWith("tandem-catalog-imports")) return consumeImports(batch as MessageBatch<ImportMessage>, env);
    return consumeEvents(batch, env, ctx);
  },
  // Every minute (wrangler.toml [triggers]): send what the D1 event outbox still holds.
  async scheduled(controller, env, _ctx) {
    await drainEventOutbox({ db: d1Client(env.DB), events: env.EVENTS, log: jsonLogger({ job: "event-outbox", object: "event_outbox", cron: controller.cron }) });
  },
} satisfies ExportedHandler<Env>;
