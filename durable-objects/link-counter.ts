import { DurableObject } from "cloudflare:workers";
import { windowCounts, type Click, type Identity, type ScoringInput, type Verdict } from "../workers/fraud/score-click";
import type { TrackedEvent } from "../workers/events/envelope";
import { newId } from "../workers/lib/ids";
import { deadLetters, migrateOutbox, redriveDeadLetters, sendOutbox } from "./outbox/sql-outbox";
import { LinkShards } from "./link-shards";
import { ScoringStore } from "./scoring-store";
import { summarize, type ShardSummary } from "../workers/fraud/shard-summary";

/** What the redirect tells the counter about one click (no raw IP leaves this object). */
export interface ClickInput extends Omit<Click, "id" | "link"> {
  clickId: string;
  linkId: string;
  brandId: string;
  campaignId: string;
  creatorId: string;
  utm: Record<string, string>;
  threshold?: number;
  /** How many shards the redirect spread the link over when it routed this click. */
  shards?: number;
}

/** What the view pixel tells the counter about one view of an item. */
export interface ViewInput {
  linkId: string;
  brandId: string;
  campaignId: string;
  creatorId: string;
  item: string;
  ts: number;
  ip: string;
  ua: string;
  referer?: string | null;
  acceptLanguage?: string | null;
  asn?: number | null;
  country?: string | null;
  threshold?: number;
}

/**
 * What a click event keeps of the scorer's input so a dispute can re-score it later with the
 * scorer of that day (workers/billing/dispute.ts): the headers, and the keys derived from the
 * address instead of the address.
 */
export function scoringInput(click: Omit<Click, "id" | "link">, identity: Identity): ScoringInput {
  return { ua: click.ua, acceptLanguage: click.acceptLanguage ?? null, secChUa: click.secChUa ?? null, secFetchMode: click.secFetchMode ?? null, accept: click.accept ?? null, method: click.method ?? "GET", identity };
}

const FLUSH_DELAY_MS = 500;
const VIEW_DEDUP_MS = 3_600_000;
/** Views one visitor may count on one link in a day, across all items (ADR 015). */
export const VIEW_CAP_PER_VISITOR_DAY = 5;
const DAY_MS = 86_400_000;

/**
 * One per affiliate link (`idFromName(linkId + ":" + shard)`). Scores every click with the
 * shared scorer against the link's rolling windows, which live in its SQLite (scoring-store.ts:
 * journalled per click, snapshotted after flushes) so an eviction resumes detection where it
 * stopped, and buffers each click event in the same storage until an alarm has sent it to the
 * events queue: an eviction between the click and the flush loses nothing.
 */
export class LinkCounter extends DurableObject<Env> {
  private clicks: ScoringStore;
  /** Views are scored like clicks, against the link's view traffic (its own rates and fingerprints). */
  private views: ScoringStore;
  private shards: LinkShards;
  /** Whether this instance has already scheduled a flush (saves a storage read per click). */
  private flushScheduled = false;
  private failures = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, body TEXT NOT NULL)");
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS views_seen (key TEXT PRIMARY KEY, at INTEGER NOT NULL)");
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS view_caps (visitor TEXT NOT NULL, day INTEGER NOT NULL, views INTEGER NOT NULL, PRIMARY KEY (visitor, day))");
    migrateOutbox(ctx.storage.sql);
    const secret = env.SESSION_SECRET ?? "tandem-dev";
    const transaction = <T,>(fn: () => T) => ctx.storage.transactionSync(fn);
    this.clicks = new ScoringStore(ctx.storage.sql, "clicks", transaction, secret);
    this.views = new ScoringStore(ctx.storage.sql, "views", transaction, secret, null);
    this.shards = new LinkShards(ctx.storage.sql, Number((ctx.id.name ?? "").split(":").pop()) || 0);
  }

  /** Scores and buffers one click; answers the verdict and how many shards the link has now. */
  async record(input: ClickInput): Promise<Verdict & { shards: number }> {
    const { clickId, linkId, brandId, campaignId, creatorId, utm, threshold, shards, ...click } = input;
    if (shards && !this.shards.primary) this.shards.count = shards;
    const verdict = this.clicks.score({ ...click, id: clickId, link: linkId }, { threshold: threshold ?? 0.5 });
    this.shards.checkHot(this.clicks.windows.minute.entries.length - lowerBound(this.clicks.windows.minute.entries, click.ts - 10_000, this.clicks.windows.minute.head));
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
      props: { fraud: verdict.fraud, score: verdict.score, reasons: verdict.reasons, unique: verdict.unique, country: click.country ?? null, asn: click.asn ?? null, referer: click.referer ?? null, scoring: scoringInput(click, verdict.identity) },
      utm,
    };
    await this.buffer(event);
    const { visitor: _visitor, identity: _identity, ...publicVerdict } = verdict;
    return { ...publicVerdict, shards: this.shards.count };
  }

  /**
   * Records a view for CPV. Scored like a click (against the link's view traffic); a valid view
   * counts at most once per visitor per item per hour and at most VIEW_CAP_PER_VISITOR_DAY times
   * per visitor per day across items (both kept in storage, so an eviction reopens nothing).
   * Invalid and capped views are still recorded, never billed. Returns whether it counted.
   */
  async recordView(input: ViewInput): Promise<boolean> {
    const verdict = this.views.score(
      { id: `view:${input.item}`, link: input.linkId, ts: input.ts, ip: input.ip, ua: input.ua, asn: input.asn, country: input.country, referer: input.referer, method: "GET", acceptLanguage: input.acceptLanguage },
      { threshold: input.threshold ?? 0.5, visitorBursts: false },
    );
    const visitor = verdict.visitor;
    const key = `${visitor}|${input.item}`;
    const sql = this.ctx.storage.sql;
    sql.exec("DELETE FROM views_seen WHERE at < ?", input.ts - VIEW_DEDUP_MS);
    if (sql.exec("SELECT at FROM views_seen WHERE key = ?", key).toArray()[0]) return false;
    sql.exec("INSERT INTO views_seen (key, at) VALUES (?, ?)", key, input.ts);
    let capped = false;
    if (!verdict.fraud) {
      const day = Math.floor(input.ts / DAY_MS);
      sql.exec("DELETE FROM view_caps WHERE day < ?", day - 1);
      const views = sql.exec<{ views: number }>("SELECT views FROM view_caps WHERE visitor = ? AND day = ?", visitor, day).toArray()[0]?.views ?? 0;
      capped = views >= VIEW_CAP_PER_VISITOR_DAY;
      if (!capped) sql.exec("INSERT INTO view_caps (visitor, day, views) VALUES (?, ?, 1) ON CONFLICT (visitor, day) DO UPDATE SET views = views + 1", visitor, day);
    }
    await this.buffer({
      id: newId("event"),
      type: "view",
      at: input.ts,
      brandId: input.brandId,
      campaignId: input.campaignId,
      linkId: input.linkId,
      creatorId: input.creatorId,
      clickId: null,
      visitorHash: visitor,
      props: { item: input.item, fraud: verdict.fraud, score: verdict.score, reasons: verdict.reasons, capped, unique: verdict.unique, country: input.country ?? null },
      utm: {},
    });
    return !verdict.fraud && !capped;
  }

  private async buffer(event: TrackedEvent) {
    this.ctx.storage.sql.exec("INSERT INTO outbox (id, body) VALUES (?, ?)", event.id, JSON.stringify(event));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + FLUSH_DELAY_MS);
    }
  }

  /**
   * Sends buffered events in batches that fit the queue's limits, deleting only what was sent
   * (durable-objects/outbox/sql-outbox.ts): a row that can never be sent is dead-lettered, so it
   * never holds back later clicks. While rows remain (the queue is failing, or a row is waiting
   * for another try) the object schedules its own retry with backoff, never relying on the
   * runtime's limited alarm retries.
   */
  async alarm() {
    this.flushScheduled = false;
    await this.shareSummary();
    this.clicks.snapshot(Date.now());
    this.views.snapshot(Date.now());
    const drained = await sendOutbox(this.ctx.storage.sql, this.env.EVENTS, { object: "LinkCounter", objectName: this.ctx.id.name ?? this.ctx.id.toString() });
    if (drained.pending === 0) {
      this.failures = 0;
      // Quiet now: leave a fresh snapshot, so a wake replays next to nothing.
      this.clicks.snapshot(Date.now(), true);
      this.views.snapshot(Date.now(), true);
      return;
    }
    const failing = drained.stalled || drained.failed > 0;
    this.failures = failing ? this.failures + 1 : 0;
    const delay = failing ? Math.min(60_000, 1_000 * 2 ** this.failures) : FLUSH_DELAY_MS;
    if (failing) console.error(JSON.stringify({ level: "error", msg: "event flush failed; will retry", object: "LinkCounter", pending: drained.pending, retryInMs: delay }));
    this.flushScheduled = true;
    await this.ctx.storage.setAlarm(Date.now() + delay);
  }

  /** Sharded links: sends this shard's summary to the primary and keeps the others' (shard-summary.ts). */
  private async shareSummary() {
    if (this.shards.count <= 1 && this.shards.primary) return;
    const now = Date.now();
    const mine = summarize(this.clicks.windows, now);
    try {
      const answer = this.shards.primary ? this.shards.exchange(0, mine, now) : await this.primary().exchange(this.shards.shard, mine);
      this.clicks.windows.peers = answer.peers;
      this.shards.count = answer.shards;
    } catch (e) {
      console.error(JSON.stringify({ level: "error", msg: "shard summary not shared", object: "LinkCounter", error: String(e) }));
    }
  }

  private primary() {
    const name = this.ctx.id.name ?? "";
    return this.env.LINK_COUNTER.get(this.env.LINK_COUNTER.idFromName(`${name.slice(0, name.lastIndexOf(":"))}:0`));
  }

  /** On the primary: one shard's summary in, the sum of the others' and the shard count out. */
  async exchange(shard: number, summary: ShardSummary) {
    return this.shards.exchange(shard, summary, Date.now());
  }

  /** On the primary: spreads the link over `shards` objects now (operators pre-shard a link expected to go viral). */
  async configureShards(shards: number) {
    return this.shards.configure(shards);
  }

  /** The link's live windows (per second, per minute, baseline, unique visitors per hour). */
  async windows() {
    return windowCounts(this.clicks.windows, Date.now());
  }

  /** How many events wait to be sent (for tests and health). */
  async pending(): Promise<number> {
    return this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
  }

  /** Events that could not be sent (too big, or refused on every try): how many, and the latest. */
  async deadLetters() {
    return deadLetters(this.ctx.storage.sql);
  }

  /** Puts the dead letters back in the outbox for another round of tries; returns how many. */
  async redriveDeadLetters(): Promise<number> {
    const moved = redriveDeadLetters(this.ctx.storage.sql);
    if (moved) {
      this.flushScheduled = true;
      await this.ctx.storage.setAlarm(Date.now() + FLUSH_DELAY_MS);
    }
    return moved;
  }
}

/** The index of the first entry at or after `ts` (entries are in time order). */
function lowerBound(entries: { ts: number }[], ts: number, from: number) {
  let lo = from;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
