import type { Drop, Poll, Post } from "../community-room.protocol";
import { migrateOutbox } from "../outbox/sql-outbox";

/**
 * The room object's SQLite tables and the reads the room needs. Plain functions over the
 * object's `SqlStorage`: every call is synchronous, so a check and the write that follows it
 * in one method cannot interleave with another request (that is what keeps drops atomic).
 */
export function migrateRoom(sql: SqlStorage) {
  sql.exec(`CREATE TABLE IF NOT EXISTS posts (id TEXT PRIMARY KEY, author_id TEXT NOT NULL, author_name TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)`);
  sql.exec(`CREATE INDEX IF NOT EXISTS posts_created ON posts (created_at)`);
  // Added with replies, media and moderation (old rooms get the columns on their next start).
  const cols = new Set(sql.exec("SELECT name FROM pragma_table_info('posts')").toArray().map((r) => String(r.name)));
  if (!cols.has("parent_id")) sql.exec("ALTER TABLE posts ADD COLUMN parent_id TEXT");
  if (!cols.has("media")) sql.exec("ALTER TABLE posts ADD COLUMN media TEXT NOT NULL DEFAULT '[]'");
  if (!cols.has("deleted_at")) sql.exec("ALTER TABLE posts ADD COLUMN deleted_at INTEGER");
  sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  sql.exec(`CREATE TABLE IF NOT EXISTS reactions (post_id TEXT NOT NULL, user_id TEXT NOT NULL, emoji TEXT NOT NULL, PRIMARY KEY (post_id, user_id, emoji))`);
  sql.exec(`CREATE TABLE IF NOT EXISTS polls (id TEXT PRIMARY KEY, question TEXT NOT NULL, options TEXT NOT NULL, multi INTEGER NOT NULL, closes_at INTEGER NOT NULL, closed INTEGER NOT NULL DEFAULT 0, created_by TEXT NOT NULL, created_at INTEGER NOT NULL)`);
  sql.exec(`CREATE TABLE IF NOT EXISTS poll_votes (poll_id TEXT NOT NULL, user_id TEXT NOT NULL, choices TEXT NOT NULL, voted_at INTEGER NOT NULL, PRIMARY KEY (poll_id, user_id))`);
  sql.exec(`CREATE TABLE IF NOT EXISTS drops (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL, product_id TEXT, product_url TEXT, perk TEXT, quantity INTEGER NOT NULL, claimed INTEGER NOT NULL DEFAULT 0, release_at INTEGER NOT NULL, created_at INTEGER NOT NULL)`);
  sql.exec(`CREATE TABLE IF NOT EXISTS drop_claims (drop_id TEXT NOT NULL, user_id TEXT NOT NULL, claim_id TEXT NOT NULL UNIQUE, claimed_at INTEGER NOT NULL, PRIMARY KEY (drop_id, user_id))`);
  sql.exec(`CREATE TABLE IF NOT EXISTS mutes (user_id TEXT PRIMARY KEY, until INTEGER NOT NULL)`);
  sql.exec(`CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, body TEXT NOT NULL)`);
  // The latest membership change the gateway told this room about, per member (see memberAccess).
  sql.exec(`CREATE TABLE IF NOT EXISTS member_access (user_id TEXT PRIMARY KEY, version INTEGER NOT NULL, allowed INTEGER NOT NULL)`);
  migrateOutbox(sql);
}

/**
 * Whether a member whose socket was let in on their membership as of `version` (its `updatedAt`)
 * may still act here: refused when the gateway has since told the room of a newer membership
 * that does not open it. `newer` says the room knows a newer version than the socket carries.
 */
export function memberAccess(sql: SqlStorage, userId: string, version: number): { allowed: boolean; newer: number | null } {
  const r = sql.exec("SELECT version, allowed FROM member_access WHERE user_id = ?", userId).toArray()[0];
  if (!r || Number(r.version) <= version) return { allowed: true, newer: null };
  return { allowed: Number(r.allowed) === 1, newer: Number(r.version) };
}

/** Records a member's membership as of `version`; an older version than the one held is ignored (calls may arrive out of order). */
export function recordAccess(sql: SqlStorage, userId: string, version: number, allowed: boolean) {
  sql.exec(
    "INSERT INTO member_access (user_id, version, allowed) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET version = excluded.version, allowed = excluded.allowed WHERE excluded.version >= member_access.version",
    userId, version, allowed ? 1 : 0,
  );
}

const reactionCounts = (sql: SqlStorage, ids: string[]) => {
  const out = new Map<string, Record<string, number>>();
  if (!ids.length) return out;
  for (const r of sql.exec("SELECT post_id, emoji, count(*) AS n FROM reactions WHERE post_id IN (SELECT value FROM json_each(?)) GROUP BY post_id, emoji", JSON.stringify(ids))) {
    const m = out.get(String(r.post_id)) ?? {};
    m[String(r.emoji)] = Number(r.n);
    out.set(String(r.post_id), m);
  }
  return out;
};

/** Posts and replies that are not deleted, newest first; `before` is a post id (ids sort by time). */
export function listPosts(sql: SqlStorage, before: string | undefined, limit: number): Post[] {
  const rows = (
    before
      ? sql.exec("SELECT * FROM posts WHERE deleted_at IS NULL AND id < ? ORDER BY id DESC LIMIT ?", before, limit)
      : sql.exec("SELECT * FROM posts WHERE deleted_at IS NULL ORDER BY id DESC LIMIT ?", limit)
  ).toArray();
  const reactions = reactionCounts(sql, rows.map((r) => String(r.id)));
  return rows.map((r) => ({
    id: String(r.id),
    authorId: String(r.author_id),
    authorName: String(r.author_name),
    body: String(r.body),
    parentId: r.parent_id == null ? null : String(r.parent_id),
    media: JSON.parse(String(r.media)) as Post["media"],
    reactions: reactions.get(String(r.id)) ?? {},
    createdAt: Number(r.created_at),
  }));
}

export function getPost(sql: SqlStorage, id: string) {
  return sql.exec("SELECT id, author_id, parent_id, deleted_at FROM posts WHERE id = ?", id).toArray()[0] as { id: string; author_id: string; parent_id: string | null; deleted_at: number | null } | undefined;
}

export function readPoll(sql: SqlStorage, id: string, now: number): Poll | null {
  const p = sql.exec("SELECT * FROM polls WHERE id = ?", id).toArray()[0];
  if (!p) return null;
  const labels = JSON.parse(String(p.options)) as string[];
  const votes = labels.map(() => 0);
  for (const r of sql.exec("SELECT c.value AS choice, count(*) AS n FROM poll_votes v, json_each(v.choices) c WHERE v.poll_id = ? GROUP BY c.value", id)) votes[Number(r.choice)] = Number(r.n);
  const voters = Number(sql.exec("SELECT count(*) AS n FROM poll_votes WHERE poll_id = ?", id).one().n);
  const closesAt = Number(p.closes_at);
  return { id, question: String(p.question), options: labels.map((label, i) => ({ label, votes: votes[i]! })), multi: p.multi === 1, voters, closesAt, closed: p.closed === 1 || closesAt <= now, createdAt: Number(p.created_at) };
}

export function listPolls(sql: SqlStorage, now: number, limit = 10): Poll[] {
  return sql
    .exec("SELECT id FROM polls ORDER BY id DESC LIMIT ?", limit)
    .toArray()
    .map((r) => readPoll(sql, String(r.id), now)!);
}

export function readDrop(sql: SqlStorage, id: string): (Drop & { productId: string | null }) | null {
  const d = sql.exec("SELECT * FROM drops WHERE id = ?", id).toArray()[0];
  if (!d) return null;
  return {
    id,
    title: String(d.title),
    description: String(d.description),
    productId: d.product_id == null ? null : String(d.product_id),
    productUrl: d.product_url == null ? null : String(d.product_url),
    perk: d.perk == null ? null : String(d.perk),
    quantity: Number(d.quantity),
    claimed: Number(d.claimed),
    releaseAt: Number(d.release_at),
  };
}

export function listDrops(sql: SqlStorage, limit = 10): Drop[] {
  return sql
    .exec("SELECT id FROM drops ORDER BY release_at DESC LIMIT ?", limit)
    .toArray()
    .map((r) => {
      const { productId: _, ...d } = readDrop(sql, String(r.id))!;
      return d;
    });
}

/** What one member already did, for their `hello`. */
export function memberState(sql: SqlStorage, userId: string, postIds: string[]) {
  const reactions = postIds.length
    ? sql.exec("SELECT post_id, emoji FROM reactions WHERE user_id = ? AND post_id IN (SELECT value FROM json_each(?))", userId, JSON.stringify(postIds)).toArray().map((r) => `${r.post_id} ${r.emoji}`)
    : [];
  const votes: Record<string, number[]> = {};
  for (const v of sql.exec("SELECT poll_id, choices FROM poll_votes WHERE user_id = ?", userId)) votes[String(v.poll_id)] = JSON.parse(String(v.choices)) as number[];
  const claims = sql.exec("SELECT drop_id FROM drop_claims WHERE user_id = ?", userId).toArray().map((r) => String(r.drop_id));
  return { reactions, votes, claims };
}

export function mutedUntil(sql: SqlStorage, userId: string, now: number): number | null {
  const r = sql.exec("SELECT until FROM mutes WHERE user_id = ?", userId).toArray()[0];
  return r && Number(r.until) > now ? Number(r.until) : null;
}

/** The next time the room must wake by itself: the first open poll to close. */
export function nextPollClose(sql: SqlStorage): number | null {
  const r = sql.exec("SELECT min(closes_at) AS t FROM polls WHERE closed = 0").toArray()[0];
  return r?.t == null ? null : Number(r.t);
}
