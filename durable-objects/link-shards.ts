import { mergeSummaries, SUMMARY_TTL_MS, type ShardSummary } from "../workers/fraud/shard-summary";

/**
 * Hot links (ADR 016). Shard 0 of a link is its primary: it decides how many shards the link
 * has (one, until its own rate passes HOT_CLICKS_PER_SECOND over ten seconds; then HOT_SHARDS),
 * keeps that in its storage, and collects every shard's summary so each can add the others'
 * counts to its own. The redirect learns the shard count from each click's answer.
 */
export const HOT_CLICKS_PER_SECOND = 150;
export const HOT_SHARDS = 8;
export const MAX_SHARDS = 32;

export class LinkShards {
  /** On the primary: the latest summary of every shard, itself included. */
  private summaries = new Map<number, ShardSummary>();
  count: number;

  constructor(
    private readonly sql: SqlStorage,
    readonly shard: number,
  ) {
    sql.exec("CREATE TABLE IF NOT EXISTS link_shards (id INTEGER PRIMARY KEY CHECK (id = 1), shards INTEGER NOT NULL)");
    this.count = sql.exec<{ shards: number }>("SELECT shards FROM link_shards WHERE id = 1").toArray()[0]?.shards ?? 1;
  }

  get primary() {
    return this.shard === 0;
  }

  /** Sets the link's shard count (the primary only; persisted). */
  configure(shards: number) {
    const n = Math.max(1, Math.min(MAX_SHARDS, Math.floor(shards)));
    this.count = n;
    if (this.primary) this.sql.exec("INSERT INTO link_shards (id, shards) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET shards = excluded.shards", n);
    return n;
  }

  /** On the primary, after each click: spreads the link once its rate runs hot. */
  checkHot(clicksLastTenSeconds: number) {
    if (this.primary && this.count === 1 && clicksLastTenSeconds >= HOT_CLICKS_PER_SECOND * 10) this.configure(HOT_SHARDS);
  }

  /** On the primary: records a shard's summary and answers with the sum of the others' (fresh ones only). */
  exchange(shard: number, summary: ShardSummary, now: number) {
    this.summaries.set(shard, summary);
    const others = [...this.summaries.entries()].filter(([s, v]) => s !== shard && now - v.at < SUMMARY_TTL_MS).map(([, v]) => v);
    return { peers: mergeSummaries(others, now), shards: this.count };
  }
}
