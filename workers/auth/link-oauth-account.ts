import { and, eq } from "drizzle-orm";
import { oauthAccounts, users } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { IdentityProfile, SignInProvider } from "./oauth-providers";

/**
 * Finds or creates the user for a provider identity. An existing account is joined only
 * when the provider vouches for the email (email_verified); otherwise it is refused.
 */
export async function linkOAuthAccount(deps: Deps, provider: SignInProvider, profile: IdentityProfile) {
  const now = deps.now();
  const linked = await deps.db
    .select({ user: users })
    .from(oauthAccounts)
    .innerJoin(users, eq(users.id, oauthAccounts.userId))
    .where(and(eq(oauthAccounts.provider, provider), eq(oauthAccounts.providerUserId, profile.subject)))
    .get();
  if (linked) {
    await deps.db.update(users).set({ lastSignInAt: now }).where(eq(users.id, linked.user.id));
    return linked.user;
  }
  if (!profile.email) throw new AppError("oauth_failed", "The provider did not share an email address.");

  const existing = await deps.db.select().from(users).where(eq(users.email, profile.email)).get();
  if (existing && !profile.emailVerified) {
    throw new AppError(
      "oauth_failed",
      "An account with this email exists, and the provider has not verified the email. Sign in with an email code instead.",
    );
  }
  const user =
    existing ??
    (
      await deps.db
        .insert(users)
        .values({
          id: newId("user"),
          email: profile.email,
          emailVerifiedAt: profile.emailVerified ? now : null,
          name: profile.name,
          createdAt: now,
          lastSignInAt: now,
        })
        .returning()
    )[0]!;
  await deps.db.batch([
    deps.db.insert(oauthAccounts).values({
      id: newId("oauth"),
      provider,
      providerUserId: profile.subject,
      userId: user.id,
      email: profile.email,
      createdAt: now,
    }),
    deps.db
      .update(users)
      .set({
        lastSignInAt: now,
        ...(profile.emailVerified && !user.emailVerifiedAt ? { emailVerifiedAt: now } : {}),
        ...(!user.name && profile.name ? { name: profile.name } : {}),
      })
      .where(eq(users.id, user.id)),
  ]);
  return user;
}
