import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { otpCodes, otpNetworkThrottles, otpThrottles, users } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { timingSafeEqual } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { claimAccountAttempt, claimCodeAttempt, claimNetworkAttempt, MAX_ATTEMPTS_PER_CODE } from "./claim-otp-attempt";
import { hashOtp, normalizeEmail } from "./start-otp";

/**
 * Checks a code and, on success, returns the user (created on first sign-in). Every attempt is
 * counted before the code is compared: against the caller's network, then the account's ceiling,
 * then the code itself (docs/decisions/010-sign-in-attempt-limits.md). A success resets the account
 * and the caller's network.
 */
export async function verifyOtp(deps: Deps, input: { email: string; code: string; network: string }) {
  const email = normalizeEmail(input.email);
  const { network } = input;
  const now = deps.now();

  const net = await claimNetworkAttempt(deps, email, network, now);
  if (!net) throw await networkLocked(deps, email, network, now);
  const account = await claimAccountAttempt(deps, email, now);
  if (!account) throw await accountLocked(deps, email, now);

  const row = await deps.db
    .select({ id: otpCodes.id, expiresAt: otpCodes.expiresAt })
    .from(otpCodes)
    .where(and(eq(otpCodes.email, email), isNull(otpCodes.consumedAt)))
    .orderBy(desc(otpCodes.createdAt))
    .get();
  const claim = row ? await claimCodeAttempt(deps, row.id, now) : null;
  const expected = await hashOtp(deps.config.sessionSecret, email, input.code);
  const matched = claim !== null && timingSafeEqual(expected, claim.codeHash);

  // Single use even under a race: only the request that flips consumed_at wins.
  const consumed =
    matched &&
    (await deps.db.update(otpCodes).set({ consumedAt: now }).where(and(eq(otpCodes.id, row!.id), isNull(otpCodes.consumedAt))).returning({ id: otpCodes.id }))
      .length === 1;
  if (!consumed) {
    const lockedUntil = Math.max(net.lockedUntil ?? 0, account.lockedUntil ?? 0);
    if (lockedUntil > now) throw lockedError(lockedUntil, now, account.lockedUntil === lockedUntil ? "account" : "network");
    if (claim && claim.attempts >= MAX_ATTEMPTS_PER_CODE) throw tooManyAttempts();
    if (row && !claim) {
      if (row.expiresAt <= now) throw new AppError("code_expired", "That code has expired. Request a new one.");
      throw tooManyAttempts();
    }
    throw new AppError("invalid_code", "That code is not right. Check the latest email and try again.", [
      { path: "code", message: "Incorrect or expired code" },
    ]);
  }

  const [, , user] = await deps.db.batch([
    deps.db.update(otpThrottles).set({ consecutiveFailures: 0, failureWindowStart: 0, lockedUntil: null }).where(eq(otpThrottles.email, email)),
    deps.db
      .update(otpNetworkThrottles)
      .set({ attempts: 0, lockedUntil: null })
      .where(and(eq(otpNetworkThrottles.email, email), eq(otpNetworkThrottles.network, network))),
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

const tooManyAttempts = () => new AppError("too_many_attempts", "Too many wrong tries for this code. Request a new code.");

function lockedError(lockedUntil: number, now: number, scope: "account" | "network") {
  const seconds = Math.max(1, Math.ceil((lockedUntil - now) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const detail =
    scope === "account"
      ? `Too many wrong codes for this email. Sign-in for it is locked for ${minutes} more minutes.`
      : `Too many wrong codes from your network for this email. Try again in ${minutes} minutes, or from another network.`;
  return new AppError("account_locked", detail, undefined, { "retry-after": String(seconds) });
}

async function networkLocked(deps: Deps, email: string, network: string, now: number) {
  const t = await deps.db
    .select({ lockedUntil: otpNetworkThrottles.lockedUntil })
    .from(otpNetworkThrottles)
    .where(and(eq(otpNetworkThrottles.email, email), eq(otpNetworkThrottles.network, network)))
    .get();
  return lockedError(t?.lockedUntil ?? now, now, "network");
}

async function accountLocked(deps: Deps, email: string, now: number) {
  const t = await deps.db.select({ lockedUntil: otpThrottles.lockedUntil }).from(otpThrottles).where(eq(otpThrottles.email, email)).get();
  return lockedError(t?.lockedUntil ?? now, now, "account");
}
