import { and, eq } from "drizzle-orm";
import { oauthAccounts, users } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { IdentityProfile, SignInProvider } from "./oauth-providers";

/**
 * Finds or creates the user for a provider identity. A new identity is accepted only when the
 * provider vouches for its email (email_verified): an unverified email neither creates an
 * account nor joins one, so a later email-code sign-in can never inherit such an identity.
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
  if (!profile.emailVerified) {
    throw new AppError(
      "oauth_failed",
      "The provider has not verified this email address. Verify it with the provider, or sign in with an email code instead.",
    );
  }

  const existing = await deps.db.select().from(users).where(eq(users.email, profile.email)).get();
  // One batch (one transaction): a new user never exists without its provider link.
  const user = existing ?? { id: newId("user"), email: profile.email, emailVerifiedAt: now, name: profile.name, createdAt: now, lastSignInAt: now };
  const link = deps.db
    .insert(oauthAccounts)
    .values({ id: newId("oauth"), provider, providerUserId: profile.subject, userId: user.id, email: profile.email, createdAt: now });
  const touch = deps.db
    .update(users)
    .set({
      lastSignInAt: now,
      ...(!user.emailVerifiedAt ? { emailVerifiedAt: now } : {}),
      ...(!user.name && profile.name ? { name: profile.name } : {}),
    })
    .where(eq(users.id, user.id));
  if (existing) await deps.db.batch([link, touch]);
  else await deps.db.batch([deps.db.insert(users).values(user), link, touch]);
  return user;
}
