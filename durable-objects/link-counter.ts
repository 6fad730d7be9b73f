import { DurableObject } from "cloudflare:workers";
import { newLinkState, scoreClick, type Click, type LinkState, type Verdict } from "../workers/fraud/score-click";
import type { TrackedEvent } from "../workers/events/envelope";
import { newId } from "../workers/lib/ids";

/** What the redirect tells the counter about one click (no raw IP leaves this object). */
export interface ClickInput extends Omit<Click, "id" | "link"> {
  clickId: string;
  linkId: string;
  brandId: string;
  campaignId: string;
  creatorId: string;
  utm: Record<string, string>;
  threshold?: number;
}

const FLUSH_DELAY_MS = 1_000;
const BATCH = 100;

/**
 * One per affiliate link (`idFromName(linkId + ":" + shard)`). Scores every click with the
 * shared scorer, keeps the link's rolling windows in memory, and buffers each click event in
 * its own SQLite storage until an alarm has sent it to the events queue: an eviction between
 * the click and the flush loses nothing.
 */
export class LinkCounter extends DurableObject<Env> {
  private state: LinkState = newLinkState();
  /** Whether this instance has already scheduled a flush (saves a storage read per click). */
  private flushScheduled = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, body TEXT NOT NULL)");
  }

  async record(input: ClickInput): Promise<Verdict> {
    const { clickId, linkId, brandId, campaignId, creatorId, utm, threshold, ...click } = input;
    const verdict = scoreClick(this.state, { ...click, id: clickId, link: linkId }, { threshold: threshold ?? 0.5, saltSecret: this.env.SESSION_SECRET ?? "tandem-dev" });
    const event: TrackedEvent = {
      id: newId("event"),
      type: "click",
      at: click.ts,
      brandId,
      campaignId,
      linkId,
      creatorId,
      clickId,
      visitorHash: verdict.visitor,
      props: { fraud: verdict.fraud, score: verdict.score, reasons: verdict.reasons, unique: verdict.unique, country: click.country ?? null, asn: click.asn ?? null, referer: click.referer ?? null },
      utm,
    };
    this.ctx.storage.sql.exec("INSERT INTO outbox (id, body) VALUES (?, ?)", event.id, JSON.stringify(event));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + FLUSH_DELAY_MS);
    }
    const { visitor: _visitor, ...publicVerdict } = verdict;
    return publicVerdict;
  }

  /** Sends buffered events in batches; a failed send leaves them buffered and the alarm retries. */
  async alarm() {
    this.flushScheduled = false;
    for (;;) {
      const rows = this.ctx.storage.sql.exec<{ seq: number; body: string }>("SELECT seq, body FROM outbox ORDER BY seq LIMIT ?", BATCH).toArray();
      if (rows.length === 0) return;
      await this.env.EVENTS.sendBatch(rows.map((r) => ({ body: JSON.parse(r.body) as TrackedEvent, contentType: "json" as const })));
      this.ctx.storage.sql.exec("DELETE FROM outbox WHERE seq <= ?", rows.at(-1)!.seq);
    }
  }

  /** How many events wait to be sent (for tests and health). */
  async pending(): Promise<number> {
    return this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
  }
}
