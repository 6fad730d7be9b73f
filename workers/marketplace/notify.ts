import { and, eq, inArray } from "drizzle-orm";
import { inList } from "../db/d1/in-list";
import { creators, notifications, users } from "../db/d1/schema";
import { brandMembers } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { newId } from "../lib/ids";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Tells a person something in the app (the notifications list) and by email, through the Emailer. */
export async function notify(deps: Deps, to: { userId: string; email: string }, n: { title: string; body: string; link: string }) {
  await deps.db.insert(notifications).values({ id: newId("notification"), userId: to.userId, title: n.title, body: n.body, link: n.link, createdAt: deps.now() });
  const url = `${deps.config.appOrigin}${n.link}`;
  await deps.emailer.send({
    to: to.email,
    subject: n.title,
    text: `${n.body}\n\n${url}`,
    html: `<p>${escape(n.body)}</p><p><a href="${escape(url)}">Open in Tandem</a></p>`,
  });
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
