import type { Model } from "../workers/fraud/model";
import { newLinkState, scoreClick, type Click, type Identity, type LinkState, type ScoringOptions } from "../workers/fraud/score-click";

/**
 * A link's scoring windows, kept in the LinkCounter's SQLite so that an eviction (or a restart)
 * resumes detection where it stopped: every click is journalled as it is scored (its raw address
 * replaced by the keys derived from it), and the whole state is snapshotted now and then, after
 * which the journal is trimmed. On wake: load the snapshot, replay the journal.
 */
const CHUNK = 512 * 1024;
const SNAPSHOT_EVERY_MS = 2_000;

type Sql = SqlStorage;

export class ScoringStore {
  private state: LinkState = newLinkState();
  private lastSnapshot = 0;
  private dirty = false;

  constructor(
    private readonly sql: Sql,
    private readonly stream: "clicks" | "views",
    private readonly transaction: <T>(fn: () => T) => T,
    private readonly secret: string,
    /** The learned model this stream uses (`null`: rules only, as views are, the model being trained on clicks). */
    private readonly model?: Model | null,
  ) {
    sql.exec("CREATE TABLE IF NOT EXISTS scoring_journal (stream TEXT NOT NULL, seq INTEGER NOT NULL, click TEXT NOT NULL, identity TEXT NOT NULL, options TEXT NOT NULL, PRIMARY KEY (stream, seq))");
    sql.exec("CREATE TABLE IF NOT EXISTS scoring_snapshot (stream TEXT NOT NULL, part INTEGER NOT NULL, body TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (stream, part))");
    this.restore();
  }

  private seq = 0;

  /** Scores a click against the persisted windows and journals it. */
  score(click: Click, options: Omit<ScoringOptions, "saltSecret" | "model">): ReturnType<typeof scoreClick> {
    const verdict = scoreClick(this.state, click, { ...options, saltSecret: this.secret, model: this.model });
    this.seq++;
    const kept = options;
    const journalled: Click = { ...click, ip: "" };
    this.sql.exec("INSERT INTO scoring_journal (stream, seq, click, identity, options) VALUES (?, ?, ?, ?, ?)", this.stream, this.seq, JSON.stringify(journalled), JSON.stringify(verdict.identity), JSON.stringify(kept));
    this.dirty = true;
    return verdict;
  }

  get windows(): LinkState {
    return this.state;
  }

  /** Writes a snapshot when one is due (at most every SNAPSHOT_EVERY_MS, or `force`), then trims the journal. */
  snapshot(now: number, force = false) {
    if (!this.dirty || (!force && now - this.lastSnapshot < SNAPSHOT_EVERY_MS)) return;
    const body = encode(this.state);
    this.transaction(() => {
      this.sql.exec("DELETE FROM scoring_snapshot WHERE stream = ?", this.stream);
      chunks(body).forEach((chunk, part) => this.sql.exec("INSERT INTO scoring_snapshot (stream, part, body, seq) VALUES (?, ?, ?, ?)", this.stream, part, chunk, this.seq));
      this.sql.exec("DELETE FROM scoring_journal WHERE stream = ? AND seq <= ?", this.stream, this.seq);
    });
    this.lastSnapshot = now;
    this.dirty = false;
  }

  private restore() {
    const parts = this.sql.exec<{ body: string; seq: number }>("SELECT body, seq FROM scoring_snapshot WHERE stream = ? ORDER BY part", this.stream).toArray();
    if (parts.length) {
      this.state = decode(parts.map((p) => p.body).join(""));
      this.seq = parts[0]!.seq;
    }
    for (const row of this.sql.exec<{ seq: number; click: string; identity: string; options: string }>("SELECT seq, click, identity, options FROM scoring_journal WHERE stream = ? AND seq > ? ORDER BY seq", this.stream, this.seq)) {
      scoreClick(this.state, JSON.parse(row.click) as Click, { ...(JSON.parse(row.options) as ScoringOptions), saltSecret: this.secret, model: this.model }, JSON.parse(row.identity) as Identity);
      this.seq = row.seq;
      this.dirty = true;
    }
  }
}

/** Pieces of at most CHUNK UTF-16 units, never splitting a surrogate pair (a lone half would not survive storage). */
export function chunks(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + CHUNK);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

/** LinkState as JSON: Maps (nested ones too) become `{ $map: entries }`. */
export function encode(state: LinkState): string {
  return JSON.stringify(state, (_k, v) => (v instanceof Map ? { $map: [...v] } : v));
}

export function decode(text: string): LinkState {
  return JSON.parse(text, (_k, v) => (v && typeof v === "object" && "$map" in v ? new Map(v.$map) : v)) as LinkState;
}
