import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Client } from "pg";
import worker from "../../workers/index";
import type { TrackedEvent } from "../../workers/events/envelope";
import { newId } from "../../workers/lib/ids";

/** A raw query against the test Postgres (tests check tables the API does not expose). */
export async function query<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: env.DATABASE_URL });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Money-plane entries whose lines do not sum to zero (campaign charges are left out: a reconciliation test breaks one on purpose). */
export const unbalancedMoneyEntries = () => query("select e.key from ledger_lines l join ledger_entries e on e.id = l.entry_id group by e.key having sum(l.amount_minor) <> 0 and e.key not like 'charge:%'");

export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last = await fn();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    last = await fn();
  }
  return last;
}

/** Hands a batch straight to the events consumer, as the queue would (redeliveries included). */
export async function deliver(bodies: unknown[], ids?: string[]) {
  const batch = createMessageBatch("tandem-events", bodies.map((body, i) => ({ id: ids?.[i] ?? `m${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue!(batch as MessageBatch<unknown>, env, ctx);
  return getQueueResult(batch, ctx);
}

/** Runs the gateway's cron handler once, as the trigger `cron` would (by default the every-minute outbox drains). */
/** Runs the gateway's scheduled handler; `scheduledTime` is the run's clock (the settlement job reads it). */
export async function runScheduled(cron = "* * * * *", scheduledTime = Date.now()) {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ scheduledTime, cron }), env, ctx);
  await waitOnExecutionContext(ctx);
}

export const clickEvent = (over: Partial<TrackedEvent> & Pick<TrackedEvent, "brandId" | "campaignId" | "linkId" | "creatorId">): TrackedEvent => ({
  id: newId("event"),
  type: "click",
  at: Date.now(),
  clickId: newId("click"),
  // A visitor of its own: one visitor's repeats within the campaign's window are duplicates.
  visitorHash: `v-${Math.random().toString(36).slice(2)}`,
  props: { fraud: false, score: 0, reasons: [], unique: true },
  utm: {},
  ...over,
});

/**
 * Makes a campaign as if it was created and launched `ms` ago (its status history says so), so
 * traffic from that time lies inside a live period and is billable (ADR 015).
 */
export async function launchedAgo(campaignId: string, ms: number) {
  await query("update campaign_status_history set at = at - make_interval(secs => $2 / 1000.0) where campaign_id = $1", [campaignId, ms]);
  await query("update campaigns set created_at = created_at - make_interval(secs => $2 / 1000.0) where id = $1", [campaignId, ms]);
}
