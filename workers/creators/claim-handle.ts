import { eq } from "drizzle-orm";
import type { z } from "zod";
import { creators } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { creatorRecord } from "./creator-record";
import { creatorOfUser } from "./own-creator";
import { HandleSchema, type CreateCreatorBody } from "./schemas";

export async function handleAvailability(deps: Deps, raw: string) {
  const parsed = HandleSchema.safeParse(raw);
  if (!parsed.success) return { handle: raw, available: false, reason: parsed.error.issues[0]!.message };
  const taken = await deps.db.select({ id: creators.id }).from(creators).where(eq(creators.handle, parsed.data)).get();
  return { handle: parsed.data, available: !taken, reason: taken ? "That handle is taken" : null };
}

/** Creates the caller's creator profile with a unique handle (one profile per person). */
export async function claimHandle(deps: Deps, userId: string, input: z.infer<typeof CreateCreatorBody>) {
  if (await creatorOfUser(deps, userId)) throw new AppError("conflict", "You already have a creator profile.");
  const now = deps.now();
  try {
    const [row] = await deps.db
      .insert(creators)
      .values({ id: newId("creator"), userId, handle: input.handle, displayName: input.displayName, niches: input.niches, createdAt: now, updatedAt: now })
      .returning();
    return creatorRecord(deps, row!);
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError("conflict", "That handle is taken.", [{ path: "body.handle", message: "That handle is taken" }]);
    }
    throw e;
  }
}
