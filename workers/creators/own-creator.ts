import { and, eq } from "drizzle-orm";
import { creators } from "../db/d1/schema";
import type { Deps } from "../lib/context";
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
