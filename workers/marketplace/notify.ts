import { notifications } from "../db/d1/schema";
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
