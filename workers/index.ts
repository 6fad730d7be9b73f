import { createApp } from "./app";
import { consumeEvents } from "./events/consumer";

export { LinkCounter } from "../durable-objects/link-counter";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: consumeEvents,
} satisfies ExportedHandler<Env>;
