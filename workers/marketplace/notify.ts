import { and, eq, inArray } from "drizzle-orm";
import { markMailed, notificationMail } from "./notification-mail";
import { inList } from "../db/d1/in-list";
import { creators, notifications, users } from "../db/d1/schema";
import { brandMembers } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { newId } from "../lib/ids";

/**
 * Tells a person something in the app (the notifications list) and by email. The row is the
 * mail's outbox: it is written first, as `pending`; the Emailer is tried at once, and a send that
 * fails leaves it for the cron drain (workers/marketplace/drain-notification-mail.ts), so a mail
 * outage never loses the email and never fails the action that caused it.
 */
export async function notify(deps: Deps, to: { userId: string; email: string }, n: { title: string; body: string; link: string }) {
  const row = { id: newId("notification"), userId: to.userId, title: n.title, body: n.body, link: n.link, createdAt: deps.now(), mailState: "pending" as const };
  await deps.db.insert(notifications).values(row);
  try {
    await deps.emailer.send(notificationMail(deps.config.appOrigin, to.email, row));
  } catch (e) {
    deps.log.warn("notification mail not sent yet; the cron drain will send it", { notificationId: row.id, error: String(e) });
    return;
  }
  await markMailed(deps.db, row.id).catch((e) =>
    deps.log.warn("mailed notification left pending; the drain may mail it again", { notificationId: row.id, error: String(e) }),
  );
}

/** The people who run a brand's campaigns (owners and admins), for telling them about collaborations. */
export async function brandManagers(deps: Deps, brandId: string) {
  const pg = await deps.pg();
  const members = await pg.select({ userId: brandMembers.userId }).from(brandMembers).where(and(eq(brandMembers.brandId, brandId), inArray(brandMembers.role, ["owner", "admin"])));
  if (!members.length) return [];
  return deps.db.select({ userId: users.id, email: users.email }).from(users).where(inList(users.id, members.map((m) => m.userId)));
}

/** The person behind a creator profile. */
export async function creatorPerson(deps: Deps, creatorId: string) {
  return (
    (await deps.db
      .select({ userId: users.id, email: users.email, handle: creators.handle, displayName: creators.displayName })
      .from(creators)
      .innerJoin(users, eq(users.id, creators.userId))
      .where(eq(creators.id, creatorId))
      .get()) ?? null
  );
}
