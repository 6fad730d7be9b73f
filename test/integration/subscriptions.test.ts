import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import fixtures from "../fixtures/stripe/fixtures3-subset.json";
import { createCreator, payTestCheckout, signIn } from "../factories";
import { prorate } from "../../workers/money/proration";
import { stripeBilling, stripeProvider } from "../../workers/money/stripe-provider";
import { newId } from "../../workers/lib/ids";
import { api, gateway, ORIGIN, postJson, problem, uniqueEmail } from "./helpers";
import { query, runScheduled } from "./pg-helpers";
import { connect } from "./room-client";
import { installStripeStub, STRIPE_TEST_API, stripeStub, stubSubscription } from "./stripe-stub";

installStripeStub();
const DAY = 86_400_000;

type Sub = { id: string; status: string; tier: { id: string; name: string }; interval: string; priceMinor: number; currentPeriodEnd: string | null; cancelAtPeriodEnd: boolean; graceUntil: string | null; creditMinor: number };
const subs = async (cookie: string) => ((await (await api("/api/v1/subscriptions", { headers: { cookie } })).json()) as { items: Sub[] }).items;
const membership = async (slug: string, cookie: string) => ((await (await api(`/api/v1/communities/${slug}`, { headers: { cookie } })).json()) as { membership: { tierId: string } | null; rooms: { id: string; canEnter: boolean }[] });

async function deliver(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  const payload = JSON.stringify({ ...fixtures.event, id: `evt_${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`, type, created, data: { object } });
  const signature = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: "whsec_tandem_test_secret" });
  const res = await gateway(new Request(`${ORIGIN}/api/v1/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload }));
  return ((await res.json()) as { outcome: string }).outcome;
}

describe("paid community tiers (manual provider)", () => {
  let owner: string, creatorId: string, slug: string, free: string, plus: string, pro: string, lounge: string;
  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("tier-owner"))).cookie;
    creatorId = (await createCreator(api, owner, { handle: `tiers_${Date.now().toString(36)}`, displayName: "Tia Tiers", niches: ["wellness"] })).id;
    slug = `tiers-${Date.now().toString(36)}`;
    const c = (await (await postJson("/api/v1/communities", { slug, name: "Tier Club" }, { cookie: owner })).json()) as { tiers: { id: string }[] };
    free = c.tiers[0]!.id;
    const tier = async (name: string, priceMinor: number, annualPriceMinor: number | null = null) => ((await (await postJson(`/api/v1/communities/${slug}/tiers`, { name, kind: "paid", priceMinor, annualPriceMinor, currency: "GBP" }, { cookie: owner })).json()) as { id: string }).id;
    plus = await tier("Plus", 500);
    pro = await tier("Pro", 1_000, 9_000);
    lounge = ((await (await postJson(`/api/v1/communities/${slug}/rooms`, { name: "Lounge", tierIds: [plus, pro] }, { cookie: owner })).json()) as { id: string }).id;
  });

  async function member(label: string) {
    const m = await signIn(api, uniqueEmail(label));
    await postJson(`/api/v1/communities/${slug}/join`, {}, { cookie: m.cookie });
    return m;
  }
  async function subscribe(cookie: string, tierId: string, interval: "month" | "year" = "month") {
    const res = await postJson("/api/v1/checkout", { tierId, interval }, { cookie });
    expect(res.status).toBe(201);
    const { orderId, url } = (await res.json()) as { orderId: string; url: string };
    await payTestCheckout(api, url);
    return { orderId, sub: (await subs(cookie))[0]! };
  }
  const invoiceLines = (subscriptionId: string) =>
    query<{ key: string; account: string; amount: string }>(
      "select e.key, a.kind as account, l.amount_minor::text as amount from ledger_entries e join ledger_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id where e.reference = $1 and e.kind = 'subscription_payment' order by e.created_at, a.kind",
      [subscriptionId],
    );

  it("grants the tier on payment, books the invoice once, opens the gated room, and renews by the clock", async () => {
    const m = await member("sub-pay");
    expect((await membership(slug, m.cookie)).rooms.find((r) => r.id === lounge)?.canEnter).toBe(false);
    const { orderId, sub } = await subscribe(m.cookie, plus);
    expect(sub).toMatchObject({ status: "active", tier: { id: plus, name: "Plus" }, interval: "month", priceMinor: 500, cancelAtPeriodEnd: false });
    expect(new Date(sub.currentPeriodEnd!).getTime()).toBeGreaterThan(Date.now() + 27 * DAY);
    const view = await membership(slug, m.cookie);
    expect(view.membership?.tierId).toBe(plus);
    expect(view.rooms.find((r) => r.id === lounge)?.canEnter).toBe(true);
    const inside = await connect(lounge, m.cookie);
    expect(inside.res.status).toBe(101);
    inside.ws!.close(1000, "done");
    expect(((await (await api(`/api/v1/orders/${orderId}`, { headers: { cookie: m.cookie } })).json()) as { status: string; items: { kind: string }[] })).toMatchObject({ status: "fulfilled", items: [{ kind: "membership" }] });
    const lines = await invoiceLines(sub.id);
    expect(lines.map((l) => [l.account, l.amount])).toEqual([["creator_pending", "475"], ["platform_fee", "25"], ["provider_clearing", "-500"]]);
    // The member's paid tier earns the creator a subscription earning, settling after 7 days.
    expect(await query("select source, amount_minor::text as amount from maturing_earnings where source_id = $1", [sub.id])).toEqual([{ source: "subscription", amount: "475" }]);

    // A month on, the period renews: a second invoice, the period moves on.
    await runScheduled("* * * * *", new Date(sub.currentPeriodEnd!).getTime() + 60_000);
    const renewed = (await subs(m.cookie))[0]!;
    expect(new Date(renewed.currentPeriodEnd!).getTime()).toBeGreaterThan(new Date(sub.currentPeriodEnd!).getTime() + 27 * DAY);
    expect((await invoiceLines(sub.id)).filter((l) => l.account === "provider_clearing")).toHaveLength(2);
    // Subscribing twice is refused.
    expect((await problem(await postJson("/api/v1/checkout", { tierId: plus, interval: "year" }, { cookie: m.cookie }))).errors).toEqual([{ path: "body.tierId", message: "Already subscribed" }]);
  });

  it("keeps the tier to the period end after a cancel, then revokes it and closes the member's sockets", async () => {
    const m = await member("sub-cancel");
    const { sub } = await subscribe(m.cookie, plus);
    const cancelled = (await (await postJson(`/api/v1/subscriptions/${sub.id}/cancel`, {}, { cookie: m.cookie })).json()) as Sub;
    expect(cancelled).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    expect((await membership(slug, m.cookie)).membership?.tierId).toBe(plus);
    const inside = await connect(lounge, m.cookie);
    expect(inside.res.status).toBe(101);
    await runScheduled("* * * * *", new Date(sub.currentPeriodEnd!).getTime() + 60_000);
    expect((await subs(m.cookie))[0]).toMatchObject({ status: "canceled" });
    expect((await membership(slug, m.cookie)).membership?.tierId).toBe(free);
    expect((await inside.closed).code).toBeGreaterThanOrEqual(4000);
    expect((await connect(lounge, m.cookie)).res.status).toBe(403);
  });

  it("gives a failed renewal a grace period, then revokes; a comp from the owner is never taken", async () => {
    const m = await member("sub-grace");
    const { sub } = await subscribe(m.cookie, plus);
    const [row] = await query<{ provider_subscription_id: string }>("select provider_subscription_id from subscriptions where id = $1", [sub.id]);
    expect(await deliver("invoice.payment_failed", { ...fixtures.invoice, id: `in_${newId("event")}`, subscription: null, parent: { type: "subscription_details", subscription_details: { subscription: row!.provider_subscription_id, metadata: { tandem_owner: sub.id } } } })).toBe("applied");
    const pastDue = (await subs(m.cookie))[0]!;
    expect(pastDue.status).toBe("past_due");
    expect((await membership(slug, m.cookie)).membership?.tierId).toBe(plus);
    await runScheduled("* * * * *", Date.now() + 6 * DAY);
    expect((await membership(slug, m.cookie)).membership?.tierId).toBe(plus);
    await runScheduled("* * * * *", new Date(pastDue.graceUntil!).getTime() + 60_000);
    expect((await subs(m.cookie))[0]).toMatchObject({ status: "unpaid" });
    expect((await membership(slug, m.cookie)).membership?.tierId).toBe(free);

    // A member the owner comped keeps the tier when a subscription of theirs ends.
    const c = await member("sub-comp");
    const { sub: compSub } = await subscribe(c.cookie, plus);
    expect((await postJson(`/api/v1/communities/${slug}/grants`, { userId: c.userId, tierId: pro }, { cookie: owner })).status).toBe(200);
    const [compRow] = await query<{ provider_subscription_id: string }>("select provider_subscription_id from subscriptions where id = $1", [compSub.id]);
    expect(await deliver("customer.subscription.deleted", { ...fixtures.subscription, id: compRow!.provider_subscription_id, status: "canceled", metadata: { tandem_owner: compSub.id } })).toBe("applied");
    expect((await membership(slug, c.cookie)).membership?.tierId).toBe(pro);
  });

  it("prorates a mid-period upgrade and credits a downgrade, and ignores an older subscription event", async () => {
    const m = await member("sub-prorate");
    const { sub } = await subscribe(m.cookie, plus);
    const upgraded = (await (await postJson(`/api/v1/subscriptions/${sub.id}/change`, { tierId: pro, interval: "month" }, { cookie: m.cookie })).json()) as Sub;
    expect(upgraded).toMatchObject({ tier: { id: pro }, priceMinor: 1_000, status: "active" });
    expect((await membership(slug, m.cookie)).membership?.tierId).toBe(pro);
    // Just after the period began: almost the whole difference (1,000 − 500) is charged now.
    const paid = (await invoiceLines(sub.id)).filter((l) => l.account === "provider_clearing").map((l) => -Number(l.amount));
    expect(paid[0]).toBe(500);
    expect(paid[1]).toBeGreaterThanOrEqual(499);
    expect(paid[1]).toBeLessThanOrEqual(500);
    const down = (await (await postJson(`/api/v1/subscriptions/${sub.id}/change`, { tierId: plus, interval: "month" }, { cookie: m.cookie })).json()) as Sub;
    expect(down).toMatchObject({ tier: { id: plus }, priceMinor: 500 });
    expect(down.creditMinor).toBeGreaterThanOrEqual(499);
    // Bad changes are refused.
    expect((await problem(await postJson(`/api/v1/subscriptions/${sub.id}/change`, { tierId: free, interval: "month" }, { cookie: m.cookie }))).errors).toEqual([{ path: "body.tierId", message: "No such paid tier" }]);
    expect((await postJson(`/api/v1/subscriptions/${sub.id}/change`, { tierId: pro, interval: "month" }, { cookie: owner })).status).toBe(404);
    // An event older than the newest applied changes nothing.
    const [row] = await query<{ provider_subscription_id: string }>("select provider_subscription_id from subscriptions where id = $1", [sub.id]);
    expect(await deliver("customer.subscription.updated", { ...fixtures.subscription, id: row!.provider_subscription_id, status: "canceled", metadata: { tandem_owner: sub.id } }, 1_000)).toBe("stale");
    expect((await subs(m.cookie))[0]?.status).toBe("active");
  });

  it("refuses what cannot be subscribed to, naming the field", async () => {
    const m = await member("sub-refuse");
    expect((await problem(await postJson("/api/v1/checkout", { tierId: free, interval: "month" }, { cookie: m.cookie }))).errors).toEqual([{ path: "body.tierId", message: "No such paid tier" }]);
    expect((await problem(await postJson("/api/v1/checkout", { tierId: plus }, { cookie: m.cookie }))).errors).toEqual([{ path: "body.interval", message: "month or year" }]);
    expect((await problem(await postJson("/api/v1/checkout", { tierId: plus, interval: "month", items: [{ productId: "x", quantity: 1 }] }, { cookie: m.cookie }))).errors).toEqual([{ path: "body.tierId", message: "Buy products or a tier, not both" }]);
    expect((await postJson("/api/v1/checkout", { tierId: plus, interval: "month" }, { cookie: owner })).status).toBe(403);
    const yearly = await postJson("/api/v1/checkout", { tierId: pro, interval: "year" }, { cookie: m.cookie });
    const page = (await (await api(`/api/v1/checkout/test/${new URL(((await yearly.json()) as { url: string }).url).pathname.split("/").pop()}`)).json()) as { amountMinor: number; lines: { name: string }[] };
    expect(page).toMatchObject({ amountMinor: 9_000, lines: [{ name: "Tier Club: Pro (yearly)" }] });
    void creatorId;
  });
});

describe("proration arithmetic", () => {
  it("credits the unused old price and charges the same share of the new one", () => {
    expect(prorate({ oldPriceMinor: 500, newPriceMinor: 1_000, periodStart: 0, periodEnd: 30, at: 15 })).toEqual({ creditMinor: 250, chargeMinor: 500, netMinor: 250 });
    expect(prorate({ oldPriceMinor: 1_000, newPriceMinor: 500, periodStart: 0, periodEnd: 30, at: 20 })).toEqual({ creditMinor: 333, chargeMinor: 167, netMinor: -166 });
    expect(prorate({ oldPriceMinor: 500, newPriceMinor: 1_000, periodStart: 0, periodEnd: 30, at: 40 }).netMinor).toBe(0);
  });
});

describe("Stripe Billing (against the stand-in API)", () => {
  it("opens a subscription-mode checkout on the tier's price, changes plan with proration, and links to the portal", async () => {
    const billing = stripeBilling({ secretKey: "sk_test_tandem", api: STRIPE_TEST_API });
    const priceId = await billing.createPrice({ tierId: "tier_x", name: "Plus", amountMinor: 500, currency: "GBP", interval: "month" });
    expect(priceId).toMatch(/^price_/);
    const reference = newId("checkout");
    await stripeProvider({ secretKey: "sk_test_tandem", api: STRIPE_TEST_API }).createCheckout({
      reference, description: "Membership", lines: [{ name: "Plus", unitAmountMinor: 500, quantity: 1 }], amountMinor: 500, currency: "GBP",
      successUrl: "https://app.example/orders/ord_x?paid=1", cancelUrl: "https://app.example/c/x", expiresAt: new Date(Date.now() + 3_600_000),
      metadata: { tandem_purpose: "subscription", tandem_owner: "msb_x" }, collectShipping: false, transferGroup: null, subscription: { priceId, interval: "month" },
    });
    const sent = Object.fromEntries(stripeStub.requests.filter((r) => r.path === "/v1/checkout/sessions").at(-1)!.form);
    expect(sent).toMatchObject({ mode: "subscription", "line_items[0][price]": priceId, "subscription_data[metadata][tandem_owner]": "msb_x" });
    expect(sent["payment_intent_data[metadata][tandem_reference]"]).toBeUndefined();
    const sub = stubSubscription(priceId, { tandem_owner: "msb_x" });
    const pro = await billing.createPrice({ tierId: "tier_y", name: "Pro", amountMinor: 1_000, currency: "GBP", interval: "month" });
    const changed = await billing.changePrice(sub.id, pro);
    expect(changed.items.data[0]!.price.id).toBe(pro);
    expect(Object.fromEntries(stripeStub.requests.filter((r) => r.path === `/v1/subscriptions/${sub.id}` && r.method === "POST").at(-1)!.form)).toMatchObject({ proration_behavior: "create_prorations", "items[0][price]": pro });
    expect(await billing.portal(sub.customer as string, "https://app.example/orders")).toMatch(/^https:\/\/billing\.stripe\.com\//);
  });
});
