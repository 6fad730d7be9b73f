import { eq } from "drizzle-orm";
import type { z } from "zod";
import { creators } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { creatorRecord } from "./creator-record";
import { ownCreator } from "./own-creator";
import type { UpdateCreatorBody } from "./schemas";

export async function updateCreator(deps: Deps, userId: string, creatorId: string, input: z.infer<typeof UpdateCreatorBody>) {
  await ownCreator(deps, userId, creatorId);
  const [row] = await deps.db
    .update(creators)
    .set({ ...input, updatedAt: deps.now() })
    .where(eq(creators.id, creatorId))
    .returning();
  return creatorRecord(deps, row!);
}
