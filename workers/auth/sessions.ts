import { and, eq, gt, isNull } from "drizzle-orm";
import { sessions, users } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { randomToken, sha256Hex } from "../lib/crypto";

export const SESSION_COOKIE = "tandem_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often, so reads stay cheap. */
const SLIDE_EVERY_MS = 24 * 60 * 60 * 1000;

export const sessionCookieOptions = (maxAgeSeconds: number) =>
  ({ httpOnly: true, secure: true, sameSite: "Lax", path: "/", maxAge: maxAgeSeconds }) as const;

export async function createSession(deps: Deps, userId: string, userAgent?: string | null) {
  const token = randomToken(32);
  const now = deps.now();
  await deps.db.insert(sessions).values({
    id: await sha256Hex(token),
    userId,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
    lastSeenAt: now,
    userAgent: userAgent?.slice(0, 256) ?? null,
  });
  return { token, maxAgeSeconds: SESSION_TTL_MS / 1000 };
}

/** Finds the live session for a cookie token and slides its expiry forward. */
export async function resolveSession(deps: Deps, token: string) {
  const now = deps.now();
  const id = await sha256Hex(token);
  const row = await deps.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .get();
  if (!row) return null;
  if (now - row.session.lastSeenAt > SLIDE_EVERY_MS) {
    await deps.db.update(sessions).set({ lastSeenAt: now, expiresAt: now + SESSION_TTL_MS }).where(eq(sessions.id, id));
  }
  return row;
}

export async function revokeSession(deps: Deps, sessionId: string) {
  await deps.db.update(sessions).set({ revokedAt: deps.now() }).where(eq(sessions.id, sessionId));
}
