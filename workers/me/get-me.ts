import { eq, inArray } from "drizzle-orm";
import { users } from "../db/d1/schema";
import { brandMembers, brands } from "../db/pg/schema";
import type { Actor, Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { creatorRecord } from "../creators/creator-record";
import { creatorOfUser } from "../creators/own-creator";

export const publicUser = (u: typeof users.$inferSelect) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  emailVerified: u.emailVerifiedAt != null,
});

/** Everything the shell needs to know who is here and where they belong. */
export async function getMe(deps: Deps, actor: Actor) {
  if (actor.kind === "apiKey") return { kind: "apiKey" as const, apiKey: { id: actor.keyId, brandId: actor.brandId } };
  const user = await deps.db.select().from(users).where(eq(users.id, actor.userId)).get();
  if (!user) throw new AppError("unauthenticated", "Your account no longer exists.");
  const pg = await deps.pg();
  const memberships = await pg.select().from(brandMembers).where(eq(brandMembers.userId, user.id));
  const brandRows = memberships.length
    ? await pg.select().from(brands).where(inArray(brands.id, memberships.map((m) => m.brandId)))
    : [];
  const creator = await creatorOfUser(deps, user.id);
  return {
    kind: "user" as const,
    user: publicUser(user),
    brands: brandRows.map((b) => ({
      id: b.id,
      name: b.name,
      role: memberships.find((m) => m.brandId === b.id)!.role,
      onboardingStep: b.onboardingStep,
    })),
    creator: creator ? await creatorRecord(deps, creator) : null,
  };
}
