import { DurableObject } from "cloudflare:workers";
import { newId } from "../workers/lib/ids";
import { Member, parseClientFrame, type Post, type ServerFrame } from "./community-room.protocol";

const HISTORY = 50;
/** Posting rate limit per member: at most this many posts per window. */
const POSTS_PER_WINDOW = 5;
const WINDOW_MS = 10_000;

/**
 * One per live room (`idFromName(roomId)`). WebSockets are accepted with the hibernation API, so
 * an idle room costs nothing; who each socket belongs to rides in its attachment. Posts live in
 * the object's SQLite storage and survive hibernation, eviction and redeploys. The gateway checks
 * the session and the member's tier before it forwards an upgrade here; this object is not
 * reachable from the internet.
 */
export class CommunityRoom extends DurableObject<Env> {
  private recent = new Map<string, number[]>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS posts (id TEXT PRIMARY KEY, author_id TEXT NOT NULL, author_name TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)`);
    ctx.storage.sql.exec(`CREATE INDEX IF NOT EXISTS posts_created ON posts (created_at)`);
  }

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("Expected a WebSocket upgrade", { status: 426 });
    const member = Member.parse(JSON.parse(request.headers.get("x-room-member") ?? "null"));
    const roomId = request.headers.get("x-room-id") ?? "";
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [member.userId]);
    server.serializeAttachment(member);
    this.send(server, { type: "hello", roomId, you: member, history: this.listPosts(undefined, HISTORY).reverse() });
    this.broadcast({ type: "presence", online: this.ctx.getWebSockets().length });
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    const parsed = parseClientFrame(message);
    if (!parsed.ok) return this.send(ws, parsed.error);
    const member = ws.deserializeAttachment() as Member;
    const now = Date.now();
    const times = (this.recent.get(member.userId) ?? []).filter((t) => now - t < WINDOW_MS);
    if (times.length >= POSTS_PER_WINDOW) return this.send(ws, { type: "error", code: "rate_limited", message: `Slow down: up to ${POSTS_PER_WINDOW} posts every ${WINDOW_MS / 1000} seconds.` });
    this.recent.set(member.userId, [...times, now]);
    const post: Post = { id: newId("post"), authorId: member.userId, authorName: member.name, body: parsed.frame.body, createdAt: now };
    this.ctx.storage.sql.exec("INSERT INTO posts (id, author_id, author_name, body, created_at) VALUES (?, ?, ?, ?, ?)", post.id, post.authorId, post.authorName, post.body, post.createdAt);
    this.broadcast({ type: "post.created", post });
  }

  async webSocketClose(ws: WebSocket, code: number) {
    ws.close(code === 1005 ? 1000 : code, "bye");
    this.broadcast({ type: "presence", online: this.ctx.getWebSockets().filter((s) => s !== ws).length });
  }

  /** Newest first; `before` is a post id (ids sort by time). */
  listPosts(before: string | undefined, limit: number): Post[] {
    const rows = before
      ? this.ctx.storage.sql.exec("SELECT * FROM posts WHERE id < ? ORDER BY id DESC LIMIT ?", before, limit).toArray()
      : this.ctx.storage.sql.exec("SELECT * FROM posts ORDER BY id DESC LIMIT ?", limit).toArray();
    return rows.map((r) => ({ id: String(r.id), authorId: String(r.author_id), authorName: String(r.author_name), body: String(r.body), createdAt: Number(r.created_at) }));
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
