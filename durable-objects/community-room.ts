import { DurableObject } from "cloudflare:workers";
import { newId } from "../workers/lib/ids";
import { parseClientFrame, PollInput, RoomEntry, type ClientFrame, type Drop, type ErrorFrame, type Member, type Post, type ServerFrame } from "./community-room.protocol";
import { deadLetters, redriveDeadLetters, sendOutbox } from "./outbox/sql-outbox";
import { roomEvent, type RoomContext, type RoomEventKind } from "./room/room-events";
import { getPost, listDrops, listPolls, listPosts, memberAccess, memberState, migrateRoom, mutedUntil, nextPollClose, readDrop, readPoll, recordAccess } from "./room/room-store";
import { finishClose } from "./room/finish-close";

const HISTORY = 50;
/** Posting rate limit per member: at most this many posts and replies per window. */
const POSTS_PER_WINDOW = 5;
const WINDOW_MS = 10_000;
const MAX_POLL_DAYS = 30;
/** Presence is announced at most this often (a thousand joins are one frame, not a million). */
const PRESENCE_MS = 1000;
const OUTBOX_RETRY_MS = 5000;
/** The close code (and reason) of a socket whose membership no longer opens the room: banned, or a tier that does not admit it. */
const REVOKED = 4003;
const REVOKED_REASON = "Your membership no longer opens this room";

export type RoomFailure = { ok: false; code: ErrorFrame["code"] | "sold_out" | "not_released"; message: string; path?: string };
export type ClaimResult = { ok: true; claimId: string; fresh: boolean; claimedAt: number; drop: Drop } | RoomFailure;
export interface DropInput {
  id: string;
  title: string;
  description: string;
  productId: string | null;
  productUrl: string | null;
  perk: string | null;
  quantity: number;
  releaseAt: number;
}

/**
 * One per live room (`idFromName(roomId)`). WebSockets use the hibernation API, so an idle room
 * costs nothing; who each socket belongs to rides in its attachment. Posts, reactions, polls,
 * drops and mutes live in the object's SQLite storage and survive hibernation, eviction and
 * redeploys. Every change that the rest of the product must know about is written to an outbox
 * in the same synchronous step and sent to the events queue after it (retried by alarm), which
 * mirrors posts to D1, turns drop claims into reservations and feeds community analytics.
 * The gateway checks the session, membership and tier before it forwards an upgrade or a call,
 * and tells the room when a member's membership changes (`setAccess`): sockets it no longer
 * admits close at once, and a connect or a frame let in on an older membership is refused.
 */
export class CommunityRoom extends DurableObject<Env> {
  private recent = new Map<string, number[]>();
  private presenceTimer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> | null = null;
  private contextCache: RoomContext | null = null;
  private sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    migrateRoom(this.sql);
  }

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("Expected a WebSocket upgrade", { status: 426 });
    const member = RoomEntry.parse(JSON.parse(request.headers.get("x-room-member") ?? "null"));
    this.remember(JSON.parse(request.headers.get("x-room-context") ?? "null") as RoomContext);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [member.userId]);
    server.serializeAttachment(member);
    // Checked against a membership that has since stopped opening this room (a revocation raced the connect).
    if (!memberAccess(this.sql, member.userId, member.version).allowed) {
      server.close(REVOKED, REVOKED_REASON);
      return new Response(null, { status: 101, webSocket: client });
    }
    this.send(server, this.hello(member));
    this.announcePresence();
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    const entry = ws.deserializeAttachment() as RoomEntry;
    const access = memberAccess(this.sql, entry.userId, entry.version ?? 0);
    if (!access.allowed) {
      ws.close(REVOKED, REVOKED_REASON);
      return this.announcePresence();
    }
    if (access.newer !== null) ws.serializeAttachment({ ...entry, version: access.newer });
    const parsed = parseClientFrame(message);
    if (!parsed.ok) return this.send(ws, parsed.error);
    const failure = this.handle(entry, parsed.frame);
    if (failure) this.send(ws, { type: "error", code: failure.code as ErrorFrame["code"], message: failure.message, ...(failure.path ? { path: failure.path } : {}) });
  }

  async webSocketClose(ws: WebSocket, code: number) {
    finishClose(ws, code);
    this.announcePresence();
  }

  async webSocketError(ws: WebSocket) {
    finishClose(ws, 1011, "error");
    this.announcePresence();
  }

  /** Closes polls that are due and sends what the outbox still holds; then sleeps until the next poll closes. */
  async alarm() {
    const now = Date.now();
    const due = this.sql.exec("SELECT id FROM polls WHERE closed = 0 AND closes_at <= ?", now).toArray();
    for (const { id } of due) {
      this.sql.exec("UPDATE polls SET closed = 1 WHERE id = ?", id);
      this.broadcast({ type: "poll.updated", poll: readPoll(this.sql, String(id), now)! });
    }
    await this.flush();
    await this.scheduleAlarm();
  }

  // ——— RPC from the gateway (after its session, membership and tier checks) ———

  /** Newest first; `before` is a post id. */
  listPosts(before: string | undefined, limit: number): Post[] {
    return listPosts(this.sql, before, limit);
  }

  /** Newest first, with live tallies and the member's own choices. */
  listPolls(userId: string) {
    const votes = memberState(this.sql, userId, []).votes;
    return listPolls(this.sql, Date.now(), 20).map((p) => ({ ...p, myVote: votes[p.id] ?? null }));
  }

  createPoll(ctx: RoomContext, member: Member, input: unknown) {
    this.remember(ctx);
    const parsed = PollInput.safeParse(input);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      return { ok: false, code: "invalid_frame", message: i.message, path: i.path.join(".") } satisfies RoomFailure;
    }
    const failure = this.handle(member, { type: "poll.create", ...parsed.data });
    if (failure) return failure;
    return { ok: true as const, poll: listPolls(this.sql, Date.now(), 1)[0]! };
  }

  createDrop(ctx: RoomContext, input: DropInput): Drop {
    this.remember(ctx);
    this.sql.exec(
      "INSERT INTO drops (id, title, description, product_id, product_url, perk, quantity, release_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
      input.id, input.title, input.description, input.productId, input.productUrl, input.perk, input.quantity, input.releaseAt, Date.now(),
    );
    const { productId: _, ...drop } = readDrop(this.sql, input.id)!;
    this.broadcast({ type: "drop.created", drop });
    return drop;
  }

  getDrop(dropId: string, userId: string) {
    const d = readDrop(this.sql, dropId);
    if (!d) return null;
    const mine = this.sql.exec("SELECT claim_id, claimed_at FROM drop_claims WHERE drop_id = ? AND user_id = ?", dropId, userId).toArray()[0];
    const { productId: _, ...drop } = d;
    return { ...drop, myClaim: mine ? { claimId: String(mine.claim_id), claimedAt: Number(mine.claimed_at) } : null };
  }

  /**
   * One claim, atomically: no await between the checks and the writes, so concurrent claims are
   * served one at a time. At most one per member (a repeat returns the same claim) and never
   * more than the quantity.
   */
  claimDrop(ctx: RoomContext, dropId: string, userId: string): ClaimResult {
    this.remember(ctx);
    const now = Date.now();
    const d = readDrop(this.sql, dropId);
    if (!d) return { ok: false, code: "not_found", message: `No drop ${dropId} in this room.` };
    const { productId, ...drop } = d;
    const mine = this.sql.exec("SELECT claim_id, claimed_at FROM drop_claims WHERE drop_id = ? AND user_id = ?", dropId, userId).toArray()[0];
    if (mine) return { ok: true, claimId: String(mine.claim_id), fresh: false, claimedAt: Number(mine.claimed_at), drop };
    if (now < drop.releaseAt) return { ok: false, code: "not_released", message: `This drop opens at ${new Date(drop.releaseAt).toISOString()}.` };
    if (drop.claimed >= drop.quantity) return { ok: false, code: "sold_out", message: "All gone: every one of this drop has been claimed." };
    const claimId = newId("dropClaim");
    this.sql.exec("INSERT INTO drop_claims (drop_id, user_id, claim_id, claimed_at) VALUES (?, ?, ?, ?)", dropId, userId, claimId, now);
    this.sql.exec("UPDATE drops SET claimed = claimed + 1 WHERE id = ?", dropId);
    const claimed = drop.claimed + 1;
    this.emit("drop.claimed", userId, now, { dropId, claimId, productId, claimed, quantity: drop.quantity });
    this.broadcast({ type: "drop.claimed", dropId, claimed, quantity: drop.quantity, userId });
    return { ok: true, claimId, fresh: true, claimedAt: now, drop: { ...drop, claimed } };
  }

  /**
   * The gateway tells the room of a member's changed membership (`version` is its `updatedAt`):
   * when it no longer opens this room (banned, or a tier the room does not admit) their sockets
   * close now and later frames or connects let in on an older membership are refused; when it
   * still does, their sockets stay open.
   */
  setAccess(userId: string, version: number, allowed: boolean) {
    recordAccess(this.sql, userId, version, allowed);
    if (allowed) return;
    for (const ws of this.ctx.getWebSockets(userId)) ws.close(REVOKED, REVOKED_REASON);
    this.announcePresence();
  }

  /** Test hook for the vitest pool's eviction check: how many rows of each kind the room holds. */
  counts() {
    const n = (t: string) => Number(this.sql.exec(`SELECT count(*) AS n FROM ${t}`).one().n);
    return { posts: n("posts"), polls: n("polls"), votes: n("poll_votes"), drops: n("drops"), claims: n("drop_claims"), outbox: n("outbox"), deadLetters: n("outbox_dead") };
  }

  /** Room events that could not be sent (too big, or refused on every try): how many, and the latest. */
  deadLetters() {
    return deadLetters(this.sql);
  }

  /** Puts the dead letters back in the outbox for another round of tries; returns how many. */
  async redriveDeadLetters(): Promise<number> {
    const moved = redriveDeadLetters(this.sql);
    if (moved) this.ctx.waitUntil(this.flush());
    return moved;
  }

  // ——— frames ———

  /** Applies one valid frame; returns what to tell the sender when it is refused. */
  private handle(member: Member, f: ClientFrame): RoomFailure | null {
    const now = Date.now();
    const owner = member.role === "owner";
    switch (f.type) {
      case "post.create":
      case "reply.create": {
        const until = mutedUntil(this.sql, member.userId, now);
        if (until) return { ok: false, code: "muted", message: `You are muted in this room until ${new Date(until).toISOString()}.` };
        if (f.type === "reply.create") {
          const parent = getPost(this.sql, f.parentId);
          if (!parent || parent.deleted_at != null) return { ok: false, code: "not_found", message: "That post is gone.", path: "parentId" };
        }
        const times = (this.recent.get(member.userId) ?? []).filter((t) => now - t < WINDOW_MS);
        if (times.length >= POSTS_PER_WINDOW) return { ok: false, code: "rate_limited", message: `Slow down: up to ${POSTS_PER_WINDOW} posts every ${WINDOW_MS / 1000} seconds.` };
        this.recent.set(member.userId, [...times, now]);
        const post: Post = { id: newId("post"), authorId: member.userId, authorName: member.name, body: f.body, parentId: f.type === "reply.create" ? f.parentId : null, media: f.type === "post.create" ? f.media : [], reactions: {}, createdAt: now };
        this.sql.exec("INSERT INTO posts (id, author_id, author_name, body, parent_id, media, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", post.id, post.authorId, post.authorName, post.body, post.parentId, JSON.stringify(post.media), now);
        this.emit("post.created", member.userId, now, { postId: post.id, parentId: post.parentId, body: post.body });
        this.broadcast({ type: "post.created", post });
        return null;
      }
      case "reaction.toggle": {
        const post = getPost(this.sql, f.postId);
        if (!post || post.deleted_at != null) return { ok: false, code: "not_found", message: "That post is gone.", path: "postId" };
        const had = this.sql.exec("DELETE FROM reactions WHERE post_id = ? AND user_id = ? AND emoji = ? RETURNING 1", f.postId, member.userId, f.emoji).toArray().length > 0;
        if (!had) this.sql.exec("INSERT INTO reactions (post_id, user_id, emoji) VALUES (?, ?, ?)", f.postId, member.userId, f.emoji);
        const count = Number(this.sql.exec("SELECT count(*) AS n FROM reactions WHERE post_id = ? AND emoji = ?", f.postId, f.emoji).one().n);
        this.broadcast({ type: "reaction.updated", postId: f.postId, emoji: f.emoji, count, userId: member.userId, on: !had });
        return null;
      }
      case "poll.create": {
        if (!owner) return { ok: false, code: "forbidden", message: "Only the community's owner starts polls." };
        if (f.closesAt <= now + 30_000 || f.closesAt > now + MAX_POLL_DAYS * 86_400_000) return { ok: false, code: "invalid_frame", message: `Close it between a minute and ${MAX_POLL_DAYS} days from now`, path: "closesAt" };
        const id = newId("poll");
        this.sql.exec("INSERT INTO polls (id, question, options, multi, closes_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, f.question, JSON.stringify(f.options), f.multi ? 1 : 0, f.closesAt, member.userId, now);
        this.emit("poll.created", member.userId, now, { pollId: id });
        this.broadcast({ type: "poll.updated", poll: readPoll(this.sql, id, now)! });
        this.ctx.waitUntil(this.scheduleAlarm());
        return null;
      }
      case "poll.vote": {
        const poll = readPoll(this.sql, f.pollId, now);
        if (!poll) return { ok: false, code: "not_found", message: "No such poll.", path: "pollId" };
        if (poll.closed) return { ok: false, code: "closed", message: "This poll has closed." };
        const choices = [...new Set(f.choices)].sort((a, b) => a - b);
        if (choices.some((c) => c >= poll.options.length)) return { ok: false, code: "invalid_frame", message: "Not one of the options", path: "choices" };
        if (!poll.multi && choices.length > 1) return { ok: false, code: "invalid_frame", message: "Pick one option", path: "choices" };
        // One row per member: a second vote replaces the first (until the poll closes).
        const first = this.sql.exec("SELECT 1 FROM poll_votes WHERE poll_id = ? AND user_id = ?", f.pollId, member.userId).toArray().length === 0;
        this.sql.exec("INSERT INTO poll_votes (poll_id, user_id, choices, voted_at) VALUES (?, ?, ?, ?) ON CONFLICT (poll_id, user_id) DO UPDATE SET choices = excluded.choices, voted_at = excluded.voted_at", f.pollId, member.userId, JSON.stringify(choices), now);
        // Analytics count who took part, so only a member's first vote is an event.
        if (first) this.emit("poll.voted", member.userId, now, { pollId: f.pollId });
        this.broadcast({ type: "poll.updated", poll: readPoll(this.sql, f.pollId, now)! });
        return null;
      }
      case "post.delete": {
        const post = getPost(this.sql, f.postId);
        if (!post || post.deleted_at != null) return { ok: false, code: "not_found", message: "That post is gone.", path: "postId" };
        if (!owner && post.author_id !== member.userId) return { ok: false, code: "forbidden", message: "Only the author or the owner removes a post." };
        this.sql.exec("UPDATE posts SET deleted_at = ? WHERE id = ?", now, f.postId);
        this.emit("post.deleted", member.userId, now, { postId: f.postId });
        this.broadcast({ type: "post.deleted", postId: f.postId });
        return null;
      }
      case "member.mute": {
        if (!owner) return { ok: false, code: "forbidden", message: "Only the community's owner mutes members." };
        if (f.userId === member.userId) return { ok: false, code: "invalid_frame", message: "You cannot mute yourself", path: "userId" };
        const until = now + f.minutes * 60_000;
        this.sql.exec("INSERT INTO mutes (user_id, until) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET until = excluded.until", f.userId, until);
        this.broadcast({ type: "member.muted", userId: f.userId, until });
        return null;
      }
    }
  }

  private hello(member: Member): ServerFrame {
    const now = Date.now();
    const history = listPosts(this.sql, undefined, HISTORY).reverse();
    return {
      type: "hello",
      roomId: this.context()?.roomId ?? "",
      you: { userId: member.userId, name: member.name, role: member.role },
      history,
      polls: listPolls(this.sql, now),
      drops: listDrops(this.sql),
      mine: memberState(this.sql, member.userId, history.map((p) => p.id)),
      online: this.ctx.getWebSockets().length,
    };
  }

  // ——— context, events, presence ———

  /** The room's context, kept in storage (an alarm after eviction needs it) and in memory. */
  private remember(ctx: RoomContext | null) {
    if (!ctx || JSON.stringify(ctx) === JSON.stringify(this.contextCache)) return;
    this.contextCache = ctx;
    this.sql.exec("INSERT INTO meta (key, value) VALUES ('context', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", JSON.stringify(ctx));
  }

  private context(): RoomContext | null {
    if (this.contextCache) return this.contextCache;
    const r = this.sql.exec("SELECT value FROM meta WHERE key = 'context'").toArray()[0];
    this.contextCache = r ? (JSON.parse(String(r.value)) as RoomContext) : null;
    return this.contextCache;
  }

  /** Writes the event to the outbox now; it is sent after this step (and by the alarm if sending fails). */
  private emit(kind: RoomEventKind, userId: string, at: number, props: Record<string, unknown>) {
    const ctx = this.context();
    if (!ctx) return;
    const e = roomEvent(ctx, kind, userId, at, props);
    this.sql.exec("INSERT INTO outbox (id, body) VALUES (?, ?)", e.id, JSON.stringify(e));
    this.ctx.waitUntil(this.flush());
  }

  /** One sender at a time; rows written while it runs are picked up by its next loop. */
  private flush(): Promise<void> {
    this.flushing ??= this.sendOutbox().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /**
   * Sends the outbox in batches that fit the queue's limits (durable-objects/outbox/sql-outbox.ts):
   * a row that can never be sent is dead-lettered, so it never holds back later events. What is
   * left (the queue is failing, or a row waits for another try) is retried by alarm.
   */
  private async sendOutbox() {
    try {
      const drained = await sendOutbox(this.sql, this.env.EVENTS, { object: "CommunityRoom", objectName: this.context()?.roomId ?? this.ctx.id.name ?? this.ctx.id.toString() });
      if (drained.pending === 0) return;
      console.error(JSON.stringify({ level: "error", msg: "room outbox not fully sent; retrying by alarm", object: "CommunityRoom", pending: drained.pending, stalled: drained.stalled }));
    } catch (e) {
      console.error(JSON.stringify({ level: "error", msg: "room outbox not sent; retrying by alarm", object: "CommunityRoom", error: String(e) }));
    }
    await this.scheduleAlarm();
  }

  private async scheduleAlarm() {
    const pending = this.sql.exec("SELECT 1 FROM outbox LIMIT 1").toArray().length > 0;
    const times = [nextPollClose(this.sql), pending ? Date.now() + OUTBOX_RETRY_MS : null].filter((t): t is number => t !== null);
    if (!times.length) return;
    const next = Math.min(...times);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next || current < Date.now()) await this.ctx.storage.setAlarm(next);
  }

  private announcePresence() {
    if (this.presenceTimer) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      this.broadcast({ type: "presence", online: this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length });
    }, PRESENCE_MS);
  }

  private send(ws: WebSocket, frame: ServerFrame) {
    try {
      ws.send(JSON.stringify(frame));
    } catch {
      /* a socket closing under us */
    }
  }

  private broadcast(frame: ServerFrame) {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(text);
      } catch {
        /* closing */
      }
    }
  }
}
