import { createApp } from "./app";
import { consumeImports } from "./catalog/import/consumer";
import type { ImportMessage } from "./catalog/import/start-import";
import { d1Client } from "./db/d1/client";
import { consumeEvents } from "./events/consumer";
import { drainEventOutbox } from "./events/drain-event-outbox";
import { ConfigError, readConfig, type Environment } from "./lib/config";
import { AppError, problemResponse } from "./lib/errors";
import { emailerFor } from "./lib/emailer";
import { jsonLogger } from "./lib/logger";
import { drainNotificationMail } from "./marketplace/drain-notification-mail";
import { RECONCILE_CRON, reconcileCampaigns } from "./billing/reconcile";
import { lazyPg } from "./db/pg/client";
import { postgresUrl } from "./db/pg/url";
import type { Deps } from "./lib/context";
import { expireTestCheckouts } from "./money/manual-checkout";
import { settleStockHolds } from "./money/settle-stock-holds";
import { settleMatured } from "./money/settlement";
import { runSubscriptionJobs } from "./money/subscription-jobs";
import { consumePayouts } from "./money/payout-consumer";
import { stalePendingPayouts, WEEKLY_PAYOUTS_CRON, weeklyPayouts, type PayoutMessage } from "./money/payouts";


export { CommunityRoom } from "../durable-objects/community-room";
export { LinkCounter } from "../durable-objects/link-counter";

/** One app per environment (at most three per isolate): which routes exist depends on it. */
const apps = new Map<Environment, ReturnType<typeof createApp>>();

function appFor(env: Env) {
  const config = readConfig(env);
  let app = apps.get(config.environment);
  if (!app) apps.set(config.environment, (app = createApp(config)));
  return app;
}

/** A misconfigured deployment serves nothing: every request gets the reason, the log gets it once per request. */
function refuse(err: ConfigError): Response {
  console.error(JSON.stringify({ level: "error", msg: "refusing to serve: misconfigured", error: err.message }));
  return problemResponse(new AppError("misconfigured", err.message));
}

export default {
  fetch(request, env, ctx) {
    let app;
    try {
      app = appFor(env);
    } catch (err) {
      if (err instanceof ConfigError) return refuse(err);
      throw err;
    }
    return app.fetch(request, env, ctx);
  },
  async queue(batch, env, ctx) {
    // Throws ConfigError on a misconfigured deployment: the batch is retried, never half-handled.
    readConfig(env);
    if (batch.queue.startsWith("tandem-catalog-imports")) return consumeImports(batch as MessageBatch<ImportMessage>, env);
    if (batch.queue.startsWith("tandem-payouts")) return consumePayouts(batch as MessageBatch<PayoutMessage>, env);
    return consumeEvents(batch, env, ctx);
  },
  // wrangler.toml [triggers]: every minute, send what the D1 outboxes still hold (events,
  // notification mail) and run the money jobs; every hour, reconcile every campaign's rollups,
  // events and ledger; every Monday, the weekly creator payouts.
  async scheduled(controller, env, _ctx) {
    const config = readConfig(env);
    const db = d1Client(env.DB);
    const now = () => Date.now();
    const log = (job: string, object: string) => jsonLogger({ job, object, cron: controller.cron });
    if (controller.cron === WEEKLY_PAYOUTS_CRON) {
      const pg = lazyPg(postgresUrl(env));
      try {
        const messages = await weeklyPayouts({ config, db, emailer: emailerFor(config, env, db, now), now, log: log("weekly-payouts", "payouts"), pg: pg.get });
        if (messages.length) await env.PAYOUTS.sendBatch(messages.map((body) => ({ body, contentType: "json" as const })));
      } finally {
        await pg.close();
      }
      return;
    }
    if (controller.cron === RECONCILE_CRON) {
      const pg = lazyPg(postgresUrl(env));
      try {
        await reconcileCampaigns(await pg.get(), log("reconcile", "campaigns"), now());
      } finally {
        await pg.close();
      }
      return;
    }
    const emailer = emailerFor(config, env, db, now);
    const drains = await Promise.allSettled([
      drainEventOutbox({ db, events: env.EVENTS, log: log("event-outbox", "event_outbox") }),
      drainNotificationMail({ db, emailer, appOrigin: config.appOrigin, now, log: log("notification-mail", "notifications") }),
      moneyMinute({ config, db, emailer, now, log: log("money-minute", "checkout_sessions") }, env, controller.scheduledTime),
    ]);
    // One drain failing never stops the other; the run still fails, so the failure is seen.
    const failed = drains.find((d): d is PromiseRejectedResult => d.status === "rejected");
    if (failed) throw failed.reason;
  },
} satisfies ExportedHandler<Env>;

/**
 * Test checkouts past their hour expire (manual provider only); stock holds left behind are
 * settled; earnings whose window has ended become available, by the run's scheduled time (the
 * settlement clock: tests move it forward).
 */
async function moneyMinute(deps: Omit<Deps, "pg">, env: Env, scheduledTime: number) {
  const pg = lazyPg(postgresUrl(env));
  try {
    await expireTestCheckouts({ ...deps, pg: pg.get }, 200, env);
    await settleStockHolds({ ...deps, pg: pg.get });
    await settleMatured(await pg.get(), scheduledTime);
    await runSubscriptionJobs({ ...deps, pg: pg.get }, env, scheduledTime);
    // A payout whose queue message was lost is sent again (the consumer skips any that moved).
    const stale = await stalePendingPayouts({ ...deps, pg: pg.get });
    if (stale.length) await env.PAYOUTS.sendBatch(stale.map((body) => ({ body, contentType: "json" as const })));
  } finally {
    await pg.close();
  }
}
