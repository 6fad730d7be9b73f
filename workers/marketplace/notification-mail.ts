import { and, eq } from "drizzle-orm";
import type { D1Db } from "../db/d1/client";
import { notifications } from "../db/d1/schema";
import type { Mail } from "../lib/emailer";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email for one notification: its title, its body and a link back into the app. */
export function notificationMail(appOrigin: string, to: string, n: { title: string; body: string; link: string }): Mail {
  const url = `${appOrigin}${n.link}`;
  return {
    to,
    subject: n.title,
    text: `${n.body}\n\n${url}`,
    html: `<p>${escape(n.body)}</p><p><a href="${escape(url)}">Open in Tandem</a></p>`,
  };
}

/** The Emailer took the mail: the row leaves the outbox (only a pending row changes). */
export async function markMailed(db: D1Db, id: string) {
  await db.update(notifications).set({ mailState: "sent", mailError: null }).where(and(eq(notifications.id, id), eq(notifications.mailState, "pending")));
}
