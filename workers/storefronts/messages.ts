import { desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { creators, storefronts } from "../db/d1/schema";
import { storefrontMessages } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { verifyTurnstile } from "../lib/turnstile";
import type { StorefrontDoc } from "./blocks";
import type { MessageBody } from "./schemas";

/** A visitor writes through the storefront's contact or booking block (only a live storefront with such a block takes messages). */
export async function sendMessage(deps: Deps, handle: string, { turnstileToken, ...input }: z.infer<typeof MessageBody>, remoteIp?: string) {
  const creator = await deps.db.select({ id: creators.id }).from(creators).where(eq(creators.handle, handle)).get();
  const sf = creator ? await deps.db.select({ published: storefronts.published }).from(storefronts).where(eq(storefronts.creatorId, creator.id)).get() : null;
  const form = (sf?.published as StorefrontDoc | null)?.blocks.find((b) => b.type === "contactForm");
  if (!creator || !form || form.type !== "contactForm") throw new AppError("not_found", `@${handle} does not take messages here.`);
  if (deps.config.turnstile) await verifyTurnstile(deps.config.turnstile, turnstileToken, remoteIp);
  const pg = await deps.pg();
  await pg.insert(storefrontMessages).values({ id: newId("message"), creatorId: creator.id, kind: form.props.kind, ...input });
  return { sent: true };
}

export async function listMessages(deps: Deps, creatorId: string) {
  const pg = await deps.pg();
  const rows = await pg.select().from(storefrontMessages).where(eq(storefrontMessages.creatorId, creatorId)).orderBy(desc(storefrontMessages.createdAt)).limit(100);
  return rows.map(({ creatorId: _c, ...m }) => ({ ...m, createdAt: m.createdAt.toISOString() }));
}
