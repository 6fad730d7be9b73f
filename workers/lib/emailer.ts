import { EmailMessage } from "cloudflare:email";
import { createMimeMessage } from "mimetext";
import type { D1Db } from "../db/d1/client";
import { devOutbox } from "../db/d1/schema";
import type { Config } from "./config";
import { AppError } from "./errors";
import { newId } from "./ids";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The port every feature sends mail through. */
export interface Emailer {
  send(mail: Mail): Promise<void>;
}

/** Development: mail lands in D1 and is readable at /dev/outbox. */
export function outboxEmailer(db: D1Db, now: () => number): Emailer {
  return {
    async send(mail) {
      await db.insert(devOutbox).values({ id: newId("mail"), ...mail, at: now() });
    },
  };
}

/** Production: Cloudflare Email Routing's `send_email` binding with a MIME message. */
export function cloudflareEmailer(binding: SendEmail, from: string): Emailer {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const name = from.includes("<") ? from.slice(0, from.indexOf("<")).trim() : undefined;
  return {
    async send(mail) {
      const msg = createMimeMessage();
      msg.setSender(name ? { name, addr: address } : address);
      msg.setRecipient(mail.to);
      msg.setSubject(mail.subject);
      msg.addMessage({ contentType: "text/plain", data: mail.text });
      msg.addMessage({ contentType: "text/html", data: mail.html });
      await binding.send(new EmailMessage(address, mail.to, msg.asRaw()));
    },
  };
}

/** The Emailer for this deployment: real mail in production (refusing when unbound), the D1 outbox elsewhere. */
export function emailerFor(config: Config, env: Pick<Env, "EMAIL">, db: D1Db, now: () => number): Emailer {
  if (config.environment !== "production") return outboxEmailer(db, now);
  if (env.EMAIL) return cloudflareEmailer(env.EMAIL, config.emailFrom);
  return { send: () => Promise.reject(new AppError("internal", "Email sending is not configured.")) };
}
