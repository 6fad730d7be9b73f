import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAIL_GRACE_MS } from "../../workers/marketplace/drain-notification-mail";
import { OUTBOX_MAX_ATTEMPTS } from "../../workers/events/drain-to-queue";
import { createBrand, createCampaign, createCreator, signIn } from "../factories";
import { api, postJson, uniqueEmail } from "./helpers";
import { runScheduled } from "./pg-helpers";

afterEach(() => vi.restoreAllMocks());

interface MailRow {
  id: string;
  title: string;
  mail_state: string;
  mail_attempts: number;
  mail_error: string | null;
}

/** Makes the development Emailer (which writes dev_outbox) fail, as a mail outage would. */
function mailDown() {
  const prepare = env.DB.prepare.bind(env.DB);
  return vi.spyOn(env.DB, "prepare").mockImplementation((sql: string) => {
    if (/insert into "dev_outbox"/i.test(sql)) throw new Error("mail service unavailable");
    return prepare(sql);
  });
}

/** Notification mail sent to an address (its sign-in code mail is not one). */
const mailTo = async (email: string) =>
  ((await (await api("/dev/outbox", { headers: { accept: "application/json" } })).json()) as { to: string; subject: string; text: string }[]).filter(
    (m) => m.to === email && !m.subject.includes("sign-in code"),
  );

const rowsFor = async (email: string) =>
  (
    await env.DB.prepare("select n.id, n.title, n.mail_state, n.mail_attempts, n.mail_error from notifications n join users u on u.id = n.user_id where u.email = ?")
      .bind(email)
      .all<MailRow>()
  ).results;

/** Ages a notification past the grace window in which the request that wrote it is still mailing it. */
const age = (id: string) => env.DB.prepare("update notifications set created_at = created_at - ? where id = ?").bind(MAIL_GRACE_MS + 1000, id).run();

async function invitedCreator(label: string) {
  const owner = (await signIn(api, uniqueEmail(`${label}-owner`))).cookie;
  const domain = `${label}-${Math.random().toString(36).slice(2, 8)}.example`;
  await createBrand(api, owner, { name: "Mailer Co", website: `https://${domain}`, industry: "fashion", companySize: "1-10", country: "GB" });
  const campaign = await createCampaign(api, owner, { name: "Autumn edit", currency: "GBP", pricingModel: "cpc", rateMinor: 50, totalBudgetMinor: 20_000, fallbackUrl: `https://${domain}/` });
  const email = uniqueEmail(`${label}-creator`);
  const cr = await signIn(api, email);
  const handle = `${label}_${Date.now().toString(36)}`;
  await createCreator(api, cr.cookie, { handle, displayName: "Mae", niches: ["fashion"] });
  return { owner, campaign, email, cookie: cr.cookie, invite: () => postJson(`/api/v1/campaigns/${campaign.id}/invites`, { handle }, { cookie: owner }) };
}

describe("notification email goes through an outbox", () => {
  it("a mail outage neither fails the invite nor loses the email: the cron drain sends it, once", async () => {
    const c = await invitedCreator("nmail");
    const down = mailDown();
    let res: Response;
    try {
      res = await c.invite();
    } finally {
      down.mockRestore();
    }
    expect(res.status).toBe(201);
    // The bell has it at once; the email waits in the outbox.
    const bell = (await (await api("/api/v1/notifications", { headers: { cookie: c.cookie } })).json()) as { items: { title: string }[] };
    expect(bell.items.map((n) => n.title)).toEqual(["Mailer Co invited you to “Autumn edit”"]);
    const [row] = await rowsFor(c.email);
    expect(row).toMatchObject({ mail_state: "pending", mail_attempts: 0 });
    expect(await mailTo(c.email)).toEqual([]);

    // Within the grace window the request may still be mailing it: the drain leaves it alone.
    await runScheduled();
    expect(await mailTo(c.email)).toEqual([]);

    await age(row!.id);
    await runScheduled();
    const mail = await mailTo(c.email);
    expect(mail.map((m) => m.subject)).toEqual(["Mailer Co invited you to “Autumn edit”"]);
    expect(mail[0]!.text).toContain(`/studio`);
    expect((await rowsFor(c.email))[0]).toMatchObject({ mail_state: "sent" });

    // Running the drain again sends nothing more.
    await runScheduled();
    expect(await mailTo(c.email)).toHaveLength(1);
  });

  it("with mail up, the email goes at once and the drain has nothing to send", async () => {
    const c = await invitedCreator("nmok");
    expect((await c.invite()).status).toBe(201);
    expect(await mailTo(c.email)).toHaveLength(1);
    const [row] = await rowsFor(c.email);
    expect(row).toMatchObject({ mail_state: "sent" });
    await age(row!.id);
    await runScheduled();
    expect(await mailTo(c.email)).toHaveLength(1);
  });

  it("a mail refused on every try is marked dead with its error and an alert, after its tries", async () => {
    const c = await invitedCreator("ndead");
    const down = mailDown();
    const errors = vi.spyOn(console, "error");
    try {
      expect((await c.invite()).status).toBe(201);
      const [row] = await rowsFor(c.email);
      await age(row!.id);
      for (let i = 0; i < OUTBOX_MAX_ATTEMPTS; i++) await runScheduled();
    } finally {
      down.mockRestore();
    }
    const [row] = await rowsFor(c.email);
    expect(row).toMatchObject({ mail_state: "dead", mail_attempts: OUTBOX_MAX_ATTEMPTS });
    expect(row!.mail_error).toContain("mail service unavailable");
    expect(errors.mock.calls.some(([line]) => String(line).includes("notification mail dead-lettered") && String(line).includes(row!.id))).toBe(true);
    // Dead rows are not retried.
    await runScheduled();
    expect(await mailTo(c.email)).toEqual([]);
  });
});
