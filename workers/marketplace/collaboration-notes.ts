import { asc, eq } from "drizzle-orm";
import { creators } from "../db/d1/schema";
import { collaborationNotes, collaborations } from "../db/pg/schema";
import type { Actor, Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { brandTenant, requireUser } from "../lib/tenancy";

/** Which side of a collaboration the caller is on; anyone else gets 404. */
export async function collaborationParty(deps: Deps, actor: Actor | null, collaborationId: string) {
  const user = requireUser(actor);
  const pg = await deps.pg();
  const [c] = await pg.select().from(collaborations).where(eq(collaborations.id, collaborationId));
  const missing = new AppError("not_found", `No collaboration ${collaborationId} of yours.`);
  if (!c) throw missing;
  const creator = await deps.db.select({ id: creators.id }).from(creators).where(eq(creators.userId, user.userId)).get();
  if (creator?.id === c.creatorId) return { collaboration: c, side: "creator" as const, userId: user.userId };
  try {
    await brandTenant(deps, actor, c.brandId);
    return { collaboration: c, side: "brand" as const, userId: user.userId };
  } catch {
    throw missing;
  }
}

export async function listNotes(deps: Deps, collaborationId: string) {
  const pg = await deps.pg();
  const rows = await pg.select().from(collaborationNotes).where(eq(collaborationNotes.collaborationId, collaborationId)).orderBy(asc(collaborationNotes.createdAt));
  return rows.map((n) => ({ id: n.id, author: n.author, body: n.body, at: n.createdAt.toISOString() }));
}

export async function addNote(deps: Deps, party: Awaited<ReturnType<typeof collaborationParty>>, body: string) {
  const pg = await deps.pg();
  const [n] = await pg.insert(collaborationNotes).values({ id: newId("note"), collaborationId: party.collaboration.id, author: party.side, authorUserId: party.userId, body }).returning();
  return { id: n!.id, author: n!.author, body: n!.body, at: n!.createdAt.toISOString() };
}
