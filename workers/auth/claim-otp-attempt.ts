import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { otpCodes, otpNetworkThrottles, otpThrottles } from "../db/d1/schema";
import type { Deps } from "../lib/context";

/** Comparisons one code allows before it is burned. */
export const MAX_ATTEMPTS_PER_CODE = 5;
/** Attempts in a row from one network before that network pauses for NETWORK_LOCK_MS. */
export const NETWORK_STREAK = 10;
export const NETWORK_LOCK_MS = 30 * 60 * 1000;
/** Attempts one network may make against one email per window: well under the account ceiling. */
export const MAX_ATTEMPTS_PER_NETWORK = 30;
/** NIST SP 800-63B 5.2.2: no more than 100 consecutive failed attempts per account. */
export const MAX_ATTEMPTS_PER_ACCOUNT = 100;
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Each claim below is one conditional upsert/update that counts the attempt and returns the new
 * state, or returns nothing when the limit is already reached. The attempt is counted before the
 * code is compared, so no amount of concurrency yields a comparison the limits did not allow.
 */

/** Counts an attempt from `network` against `email`. Null: this network is locked out of the email. */
export async function claimNetworkAttempt(deps: Deps, email: string, network: string, now: number) {
  const t = otpNetworkThrottles;
  const stale = sql`${t.windowStart} <= ${now - WINDOW_MS}`;
  const [row] = await deps.db
    .insert(t)
    .values({ email, network, attempts: 1, windowStart: now })
    .onConflictDoUpdate({
      target: [t.email, t.network],
      set: {
        attempts: sql`case when ${stale} then 1 else ${t.attempts} + 1 end`,
        windowStart: sql`case when ${stale} then ${now} else ${t.windowStart} end`,
        lockedUntil: sql`case
          when ${stale} then null
          when ${t.attempts} + 1 >= ${MAX_ATTEMPTS_PER_NETWORK} then ${t.windowStart} + ${WINDOW_MS}
          when (${t.attempts} + 1) % ${NETWORK_STREAK} = 0 then ${now + NETWORK_LOCK_MS}
          else ${t.lockedUntil} end`,
      },
      setWhere: sql`${stale} or (${t.attempts} < ${MAX_ATTEMPTS_PER_NETWORK} and (${t.lockedUntil} is null or ${t.lockedUntil} <= ${now}))`,
    })
    .returning({ attempts: t.attempts, lockedUntil: t.lockedUntil });
  return row ?? null;
}

/** Counts an attempt against the account's ceiling. Null: the account is locked. */
export async function claimAccountAttempt(deps: Deps, email: string, now: number) {
  const t = otpThrottles;
  const stale = sql`${t.failureWindowStart} <= ${now - WINDOW_MS}`;
  const [row] = await deps.db
    .insert(t)
    .values({ email, consecutiveFailures: 1, failureWindowStart: now })
    .onConflictDoUpdate({
      target: t.email,
      set: {
        consecutiveFailures: sql`case when ${stale} then 1 else ${t.consecutiveFailures} + 1 end`,
        failureWindowStart: sql`case when ${stale} then ${now} else ${t.failureWindowStart} end`,
        lockedUntil: sql`case
          when ${stale} then null
          when ${t.consecutiveFailures} + 1 >= ${MAX_ATTEMPTS_PER_ACCOUNT} then ${t.failureWindowStart} + ${WINDOW_MS}
          else null end`,
      },
      setWhere: sql`${stale} or ${t.consecutiveFailures} < ${MAX_ATTEMPTS_PER_ACCOUNT}`,
    })
    .returning({ attempts: t.consecutiveFailures, lockedUntil: t.lockedUntil });
  return row ?? null;
}

/** Counts one comparison against a live code. Null: the code is used, expired or burned. */
export async function claimCodeAttempt(deps: Deps, codeId: string, now: number) {
  const [row] = await deps.db
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(and(eq(otpCodes.id, codeId), isNull(otpCodes.consumedAt), gt(otpCodes.expiresAt, now), lt(otpCodes.attempts, MAX_ATTEMPTS_PER_CODE)))
    .returning({ codeHash: otpCodes.codeHash, attempts: otpCodes.attempts });
  return row ?? null;
}
