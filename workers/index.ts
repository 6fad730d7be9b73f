import { createApp } from "./app";
import { consumeImports } from "./catalog/import/consumer";
import type { ImportMessage } from "./catalog/import/start-import";
import { consumeEvents } from "./events/consumer";

export { CommunityRoom } from "../durable-objects/community-room";
export { LinkCounter } from "../durable-objects/link-counter";

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env, ctx) {
    if (batch.queue.startsWith("tandem-catalog-imports")) return consumeImports(batch as MessageBatch<ImportMessage>, env);
    return consumeEvents(batch, env, ctx);
  },
} satisfies ExportedHandler<Env>;
