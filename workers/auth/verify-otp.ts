import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { otpCodes, otpThrottles, users } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { timingSafeEqual } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { hashOtp, normalizeEmail } from "./start-otp";

export const MAX_ATTEMPTS_PER_CODE = 5;
export const MAX_CONSECUTIVE_FAILURES = 10;
export const LOCK_MS = 30 * 60 * 1000;

/**
 * Checks a code and, on success, returns the user (created on first sign-in).
 * Every failure counts toward the per-code and per-account limits.
 */
export async function verifyOtp(deps: Deps, rawEmail: string, code: string) {
  const email = normalizeEmail(rawEmail);
  const now = deps.now();
  const throttle = await deps.db.select().from(otpThrottles).where(eq(otpThrottles.email, email)).get();
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    throw lockedError(throttle.lockedUntil, now);
  }

  const row = await deps.db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.email, email), isNull(otpCodes.consumedAt)))
    .orderBy(desc(otpCodes.createdAt))
    .get();

  const expected = await hashOtp(deps.config.sessionSecret, email, code);
  const live = row && row.expiresAt > now && row.attempts < MAX_ATTEMPTS_PER_CODE;
  if (!row || !live || !timingSafeEqual(expected, row.codeHash)) {
    return fail(deps, email, now, row && live ? row.id : undefined, row && row.expiresAt <= now);
  }

  // Single use even under a race: only the request that flips consumed_at wins.
  const consumed = await deps.db
    .update(otpCodes)
    .set({ consumedAt: now })
    .where(and(eq(otpCodes.id, row.id), isNull(otpCodes.consumedAt)))
    .returning({ id: otpCodes.id });
  if (consumed.length === 0) return fail(deps, email, now, undefined, false);

  const [, user] = await deps.db.batch([
    deps.db.update(otpThrottles).set({ consecutiveFailures: 0, lockedUntil: null }).where(eq(otpThrottles.email, email)),
    deps.db
      .insert(users)
      .values({ id: newId("user"), email, emailVerifiedAt: now, createdAt: now, lastSignInAt: now })
      .onConflictDoUpdate({
        target: users.email,
        set: { lastSignInAt: now, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now})` },
      })
      .returning(),
  ]);
  return user[0]!;
}

function lockedError(lockedUntil: number, now: number) {
  const seconds = Math.ceil((lockedUntil - now) / 1000);
  return new AppError(
    "account_locked",
    `Too many wrong codes. Sign-in for this email is locked for ${Math.ceil(seconds / 60)} more minutes.`,
    undefined,
    { "retry-after": String(seconds) },
  );
}

async function fail(deps: Deps, email: string, now: number, liveCodeId: string | undefined, expired: boolean | undefined): Promise<never> {
  let burned = false;
  if (liveCodeId) {
    const [updated] = await deps.db
      .update(otpCodes)
      .set({ attempts: sql`${otpCodes.attempts} + 1` })
      .where(eq(otpCodes.id, liveCodeId))
      .returning({ attempts: otpCodes.attempts });
    burned = (updated?.attempts ?? 0) >= MAX_ATTEMPTS_PER_CODE;
  }
  const [t] = await deps.db
    .insert(otpThrottles)
    .values({ email, consecutiveFailures: 1 })
    .onConflictDoUpdate({ target: otpThrottles.email, set: { consecutiveFailures: sql`${otpThrottles.consecutiveFailures} + 1` } })
    .returning();
  if ((t?.consecutiveFailures ?? 0) >= MAX_CONSECUTIVE_FAILURES) {
    const lockedUntil = now + LOCK_MS;
    await deps.db.update(otpThrottles).set({ lockedUntil, consecutiveFailures: 0 }).where(eq(otpThrottles.email, email));
    throw lockedError(lockedUntil, now);
  }
  if (burned) throw new AppError("too_many_attempts", "Too many wrong tries for this code. Request a new code.");
  if (expired) throw new AppError("code_expired", "That code has expired. Request a new one.");
  throw new AppError("invalid_code", "That code is not right. Check the latest email and try again.", [
    { path: "code", message: "Incorrect or expired code" },
  ]);
}
