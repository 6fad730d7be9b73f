import { and, eq } from "drizzle-orm";
import { creators } from "../db/d1/schema";
import type { Actor, Deps } from "../lib/context";
import { requireUser } from "../lib/tenancy";
import { AppError } from "../lib/errors";

/** The creator profile `creatorId` if and only if `userId` owns it; anyone else gets 404. */
export async function ownCreator(deps: Deps, userId: string, creatorId: string) {
  const row = await deps.db
    .select()
    .from(creators)
    .where(and(eq(creators.id, creatorId), eq(creators.userId, userId)))
    .get();
  if (!row) throw new AppError("not_found", `No creator profile ${creatorId} of yours.`);
  return row;
}

export async function creatorOfUser(deps: Deps, userId: string) {
  return (await deps.db.select().from(creators).where(eq(creators.userId, userId)).get()) ?? null;
}

/** The signed-in person's creator profile, for the creator-only routes ("me"); without one, 403. */
export async function requireMyCreator(deps: Deps, actor: Actor | null) {
  const user = requireUser(actor);
  const creator = await creatorOfUser(deps, user.userId);
  if (!creator) throw new AppError("forbidden", "Set up your creator profile first.");
  return { creator, user };
}
