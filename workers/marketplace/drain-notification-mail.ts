import { and, asc, eq, lt } from "drizzle-orm";
import type { D1Db } from "../db/d1/client";
import { notifications, users } from "../db/d1/schema";
import type { Emailer } from "../lib/emailer";
import type { Logger } from "../lib/logger";
import { OUTBOX_MAX_ATTEMPTS } from "../events/drain-to-queue";
import { markMailed, notificationMail } from "./notification-mail";

/**
 * A pending row younger than this is still being mailed by the request that wrote it; the drain
 * leaves it alone so the two never both send it.
 */
export const MAIL_GRACE_MS = 60_000;
/** Mails per cron run: bounds the run's subrequests; the rest waits for the next minute. */
const MAX_PER_RUN = 50;
const MAX_ERROR_CHARS = 1000;

export interface MailDrainDeps {
  db: D1Db;
  emailer: Emailer;
  appOrigin: string;
  log: Logger;
  now: () => number;
}

/**
 * The `scheduled()` job for notification email: mails what is still `pending`, oldest first, to
 * the person's current address. A refusal counts a try; after OUTBOX_MAX_ATTEMPTS the row is
 * `dead`, with its error and an alert (the in-app notification is there either way). A second
 * refusal before any mail is accepted means the mail service is down: the run stops there
 * without counting it.
 * A mail is marked sent right after the Emailer takes it, so redelivery happens only when that
 * one write fails (at least once, as with the event outbox).
 */
export async function drainNotificationMail(deps: MailDrainDeps) {
  const result = { sent: 0, failed: 0, dead: 0, stalled: false };
  const rows = await deps.db
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link, attempts: notifications.mailAttempts, email: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(eq(notifications.mailState, "pending"), lt(notifications.createdAt, deps.now() - MAIL_GRACE_MS)))
    .orderBy(asc(notifications.createdAt))
    .limit(MAX_PER_RUN);
  let streak = 0;
  for (const row of rows) {
    try {
      await deps.emailer.send(notificationMail(deps.appOrigin, row.email, row));
    } catch (e) {
      if (streak > 0) {
        result.stalled = true;
        break;
      }
      streak++;
      const error = String(e).slice(0, MAX_ERROR_CHARS);
      const attempts = row.attempts + 1;
      const dead = attempts >= OUTBOX_MAX_ATTEMPTS;
      await deps.db
        .update(notifications)
        .set({ mailAttempts: attempts, mailError: error, ...(dead ? { mailState: "dead" as const } : {}) })
        .where(and(eq(notifications.id, row.id), eq(notifications.mailState, "pending")));
      if (dead) {
        result.dead++;
        deps.log.error("notification mail dead-lettered", { notificationId: row.id, attempts, error });
      } else result.failed++;
      continue;
    }
    streak = 0;
    await markMailed(deps.db, row.id);
    result.sent++;
  }
  if (result.failed || result.dead) deps.log.error("notification mail drain incomplete; the next run retries", result);
  else if (result.sent) deps.log.info("notification mail drained", result);
  return result;
}
