import { and, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { PgTx } from "../db/pg/client";
import { events } from "../db/pg/schema";
import type { TrackedEvent } from "../events/envelope";

/** The default deduplication window (Dub's): one billable click per visitor per link per hour. */
export const DEFAULT_CLICK_DEDUP_SECONDS = 3600;
/** Visitor hashes rotate daily (workers/fraud/score-click.ts), so no window can be longer. */
export const MAX_CLICK_DEDUP_SECONDS = 86_400;
export const MIN_CLICK_DEDUP_SECONDS = 60;

/**
 * Whether a valid click repeats one the same visitor made on the same link within `windowSeconds`
 * either side of it (either side, so events that arrive out of order are judged the same way:
 * no two counted clicks of one visitor on one link are ever closer than the window). Runs inside
 * the event's transaction, under a lock on (link, visitor), so two consumers handling the same
 * visitor's clicks at once cannot both count theirs.
 */
export async function isDuplicateClick(tx: PgTx, e: TrackedEvent, windowSeconds: number): Promise<boolean> {
  if (e.type !== "click" || !e.linkId || !e.visitorHash) return false;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${e.linkId}|${e.visitorHash}`}, 0))`);
  const w = windowSeconds * 1000;
  const [prior] = await tx
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        eq(events.linkId, e.linkId),
        eq(events.visitorHash, e.visitorHash),
        eq(events.type, "click"),
        eq(events.fraud, false),
        eq(events.duplicate, false),
        ne(events.id, e.id),
        gt(events.at, new Date(e.at - w)),
        lt(events.at, new Date(e.at + w)),
      ),
    )
    .limit(1);
  return Boolean(prior);
}
