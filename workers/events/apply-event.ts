import { sql } from "drizzle-orm";
import type { PgDb } from "../db/pg/client";
import { events, linkMinutes } from "../db/pg/schema";
import type { TrackedEvent } from "./envelope";

const MINUTE = 60_000;

/**
 * Writes one event exactly once: the insert is keyed by the producer's id, and the rollups are
 * incremented in the same transaction only when that insert happened. Redelivery is a no-op.
 * Returns false when the event had already been applied.
 */
export async function applyEvent(pg: PgDb, e: TrackedEvent): Promise<boolean> {
  return pg.transaction(async (tx) => {
    const p = e.props as { fraud?: boolean; score?: number; reasons?: string[]; unique?: boolean };
    const inserted = await tx
      .insert(events)
      .values({
        id: e.id,
        type: e.type,
        at: new Date(e.at),
        brandId: e.brandId,
        campaignId: e.campaignId,
        linkId: e.linkId,
        creatorId: e.creatorId,
        clickId: e.clickId,
        visitorHash: e.visitorHash,
        fraud: p.fraud ?? false,
        score: p.score ?? null,
        reasons: p.reasons ?? [],
        unique: p.unique ?? false,
        props: e.props,
        utm: e.utm,
      })
      .onConflictDoNothing({ target: events.id })
      .returning({ id: events.id });
    if (inserted.length === 0) return false;
    if (e.type === "click" && e.linkId) {
      const valid = p.fraud ? 0 : 1;
      const row = {
        linkId: e.linkId,
        minute: new Date(e.at - (e.at % MINUTE)),
        brandId: e.brandId,
        campaignId: e.campaignId,
        creatorId: e.creatorId,
        clicks: 1,
        validClicks: valid,
        invalidClicks: 1 - valid,
        uniqueClicks: valid && p.unique ? 1 : 0,
      };
      await tx
        .insert(linkMinutes)
        .values(row)
        .onConflictDoUpdate({
          target: [linkMinutes.linkId, linkMinutes.minute],
          set: {
            clicks: sql`${linkMinutes.clicks} + 1`,
            validClicks: sql`${linkMinutes.validClicks} + ${row.validClicks}`,
            invalidClicks: sql`${linkMinutes.invalidClicks} + ${row.invalidClicks}`,
            uniqueClicks: sql`${linkMinutes.uniqueClicks} + ${row.uniqueClicks}`,
          },
        });
    }
    return true;
  });
}
