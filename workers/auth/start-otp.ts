import { and, eq, isNull } from "drizzle-orm";
import { otpCodes, otpThrottles } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { hmacSha256Hex, otpCode } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { otpMail } from "./otp-mail";

export const OTP_TTL_MS = 10 * 60 * 1000;
export const SEND_WINDOW_MS = 15 * 60 * 1000;
export const MAX_SENDS_PER_WINDOW = 5;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const hashOtp = (secret: string, email: string, code: string) => hmacSha256Hex(secret, `otp:${email}:${code}`);

/**
 * Issues a fresh code for `email`. Answers the same whether or not an account exists:
 * it never looks users up. Earlier unused codes for the email stop working.
 */
export async function startOtp(deps: Deps, rawEmail: string) {
  const email = normalizeEmail(rawEmail);
  const now = deps.now();
  const throttle = await deps.db.select().from(otpThrottles).where(eq(otpThrottles.email, email)).get();

  const windowFresh = !throttle || now - throttle.sendWindowStart > SEND_WINDOW_MS;
  const sends = windowFresh ? 0 : throttle.sendsInWindow;
  if (sends >= MAX_SENDS_PER_WINDOW) {
    const retry = Math.ceil((throttle!.sendWindowStart + SEND_WINDOW_MS - now) / 1000);
    throw new AppError("rate_limited", "Too many codes requested for this email. Try again in a few minutes.", undefined, {
      "retry-after": String(retry),
    });
  }
  const locked = throttle?.lockedUntil != null && throttle.lockedUntil > now;

  const code = otpCode();
  const codeHash = await hashOtp(deps.config.sessionSecret, email, code);
  await deps.db.batch([
    deps.db
      .update(otpCodes)
      .set({ expiresAt: now })
      .where(and(eq(otpCodes.email, email), isNull(otpCodes.consumedAt))),
    deps.db.insert(otpCodes).values({ id: newId("otp"), email, codeHash, createdAt: now, expiresAt: now + OTP_TTL_MS }),
    deps.db
      .insert(otpThrottles)
      .values({ email, sendWindowStart: windowFresh ? now : throttle!.sendWindowStart, sendsInWindow: sends + 1 })
      .onConflictDoUpdate({
        target: otpThrottles.email,
        set: { sendWindowStart: windowFresh ? now : throttle!.sendWindowStart, sendsInWindow: sends + 1 },
      }),
  ]);
  // A locked address gets the same answer but no mail: the lock is explained at verify time.
  if (!locked) await deps.emailer.send(otpMail(email, code, deps.config.appOrigin));
  return { sent: true as const, expiresInSeconds: OTP_TTL_MS / 1000 };
}
