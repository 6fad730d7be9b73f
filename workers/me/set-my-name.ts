import { eq } from "drizzle-orm";
import { users } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { publicUser } from "./get-me";

/** The name a person chooses to be shown by (in communities: rooms, posts, member lists); `null` clears it. */
export async function setMyName(deps: Deps, userId: string, name: string | null) {
  const [u] = await deps.db.update(users).set({ name }).where(eq(users.id, userId)).returning();
  if (!u) throw new AppError("unauthenticated", "Your account no longer exists.");
  return publicUser(u);
}
