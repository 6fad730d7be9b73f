import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import fixtures from "../fixtures/stripe/fixtures3-subset.json";
import worker from "../../workers/index";
import { d1Client } from "../../workers/db/d1/client";
import { lazyPg } from "../../workers/db/pg/client";
import { readConfig } from "../../workers/lib/config";
import { newId } from "../../workers/lib/ids";
import { startOnboarding } from "../../workers/money/payout-account";
import { MAX_PAYOUT_ATTEMPTS, openPayout, sendPayout } from "../../workers/money/payouts";
import { buy, createCreator, createCreatorProduct, payTestCheckout, signIn } from "../factories";
import { billingSetup, campaignWithLink } from "./billing-setup";
import { api, gateway, ORIGIN, postJson, problem, uniqueEmail } from "./helpers";
import { clickEvent, deliver, eventually, query, runScheduled, unbalancedMoneyEntries } from "./pg-helpers";
import { installStripeStub, STRIPE_TEST_API, stubAccounts, stubOutage, stubPaymentIntents, stripeStub } from "./stripe-stub";
import { bookStripeFee } from "../../workers/money/provider-fees";

installStripeStub();
const DAY = 86_400_000;

type Balance = { currency: string; pendingMinor: number; availableMinor: number; paidOutMinor: number; inTransitMinor: number; receivableMinor: number };
type Earnings = { balances: Balance[]; upcoming: { availableOn: string; amountMinor: number; currency: string; source: string }[] };
const earnings = async (cookie: string) => (await (await api("/api/v1/earnings", { headers: { cookie } })).json()) as Earnings;
const gbp = async (cookie: string) => (await earnings(cookie)).balances.find((b) => b.currency === "GBP");
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A creator who sold `priceMinor` worth (one paid order), and their buyer. */
async function creatorWithSale(label: string, priceMinor: number) {
  const seller = await signIn(api, uniqueEmail(`${label}-seller`));
  const creator = await createCreator(api, seller.cookie, { handle: `${label}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`, displayName: "Seller", niches: ["fitness"] });
  const product = await createCreatorProduct(api, seller.cookie, { kind: "service", title: "Session", priceMinor, currency: "GBP", status: "active" });
  const fan = await signIn(api, uniqueEmail(`${label}-fan`));
  const order = await buy(api, fan.cookie, [{ productId: product.id, quantity: 1 }]);
  await payTestCheckout(api, order.url);
  return { cookie: seller.cookie, creatorId: creator.id, orderId: order.orderId, productId: product.id, fan: fan.cookie };
}


async function deliverPayouts(payoutIds: string[]) {
  const batch = createMessageBatch("tandem-payouts", payoutIds.map((payoutId, i) => ({ id: `p${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body: { id: newId("event"), payoutId } })));
  const ctx = createExecutionContext();
  await worker.queue!(batch as MessageBatch<unknown>, env, ctx);
  return getQueueResult(batch, ctx);
}

async function webhook(type: string, object: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const payload = JSON.stringify({ ...fixtures.event, id: `evt_${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`, type, created: Math.floor(Date.now() / 1000), ...extra, data: { object } });
  const signature = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: "whsec_tandem_test_secret" });
  const res = await gateway(new Request(`${ORIGIN}/api/v1/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload }));
  return (await res.json()) as { outcome: string };
}

describe("settlement windows", () => {
  it("keeps a sale pending for the sales window, then the job (by its clock) makes it available once", async () => {
    const s = await creatorWithSale("settle", 5_000);
    const now = Date.now();
    expect(await gbp(s.cookie)).toEqual({ currency: "GBP", pendingMinor: 4_750, availableMinor: 0, paidOutMinor: 0, inTransitMinor: 0, receivableMinor: 0 });
    expect((await earnings(s.cookie)).upcoming).toEqual([{ availableOn: day(now + 14 * DAY), amountMinor: 4_750, currency: "GBP", source: "sale" }]);

    await runScheduled("* * * * *", now + 13 * DAY);
    expect((await gbp(s.cookie))?.pendingMinor).toBe(4_750);
    await runScheduled("* * * * *", now + 14 * DAY + 60_000);
    expect(await gbp(s.cookie)).toMatchObject({ pendingMinor: 0, availableMinor: 4_750 });
    expect((await earnings(s.cookie)).upcoming).toEqual([]);
    await runScheduled("* * * * *", now + 20 * DAY);
    expect(await gbp(s.cookie)).toMatchObject({ pendingMinor: 0, availableMinor: 4_750 });
    expect(await query("select key from ledger_entries where key like 'settle:%' and reference in (select entry_id from maturing_earnings where source_id = $1)", [s.orderId])).toHaveLength(1);
    expect(await unbalancedMoneyEntries()).toEqual([]);
  });

  it("holds campaign earnings for the brand's holding period, and takes back a refunded one from wherever it sits", async () => {
    const s = await billingSetup("hold");
    const bad = await api(`/api/v1/brands/${s.brandId}`, { method: "PATCH", headers: { cookie: s.owner, "content-type": "application/json" }, body: JSON.stringify({ holdingDays: 91 }) });
    expect((await problem(bad)).errors).toEqual([{ path: "body.holdingDays", message: "At most 90 days" }]);
    const ok = await api(`/api/v1/brands/${s.brandId}`, { method: "PATCH", headers: { cookie: s.owner, "content-type": "application/json" }, body: JSON.stringify({ holdingDays: 3 }) });
    expect(((await ok.json()) as { holdingDays: number }).holdingDays).toBe(3);

    const { campaignId, linkId } = await campaignWithLink(s, { pricingModel: "cpp", cppMode: "percent", rateBps: 1000, totalBudgetMinor: 100_000 });
    const auth = { authorization: `Bearer ${s.key}` };
    const sell = async (orderId: string) => {
      const click = clickEvent({ brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId });
      await deliver([click]);
      expect((await postJson("/api/v1/conversions", { type: "sale", clickId: click.clickId, orderId, amountMinor: 10_000, currency: "GBP" }, { ...auth, "idempotency-key": orderId })).status).toBe(202);
    };
    const refund = async (orderId: string) => expect((await postJson("/api/v1/conversions", { type: "refund", orderId, amountMinor: 10_000, currency: "GBP" }, { ...auth, "idempotency-key": `r-${orderId}` })).status).toBe(202);
    // Each sale earns 1,000 of which the creator gets 800.
    const [early, late] = [`ord-early-${Date.now()}`, `ord-late-${Date.now()}`];
    await sell(early);
    await sell(late);
    const pending = await eventually(() => gbp(s.creatorCookie), (b) => b?.pendingMinor === 1_600);
    expect(pending).toMatchObject({ pendingMinor: 1_600, availableMinor: 0 });
    expect((await earnings(s.creatorCookie)).upcoming).toEqual([{ availableOn: day(Date.now() + 3 * DAY), amountMinor: 1_600, currency: "GBP", source: "campaign" }]);

    // Refunded while pending: it simply never settles.
    await refund(early);
    await eventually(() => gbp(s.creatorCookie), (b) => b?.pendingMinor === 800);
    await runScheduled("* * * * *", Date.now() + 3 * DAY + 60_000);
    expect(await gbp(s.creatorCookie)).toMatchObject({ pendingMinor: 0, availableMinor: 800 });
    // Refunded after it settled: clawed back from available.
    await refund(late);
    const after = await eventually(() => gbp(s.creatorCookie), (b) => b?.availableMinor === 0);
    expect(after).toMatchObject({ pendingMinor: 0, availableMinor: 0, receivableMinor: 0 });
    expect(await query("select key from ledger_entries where kind = 'clawback' and reference in (select entry_id from maturing_earnings where source_id = $1)", [campaignId])).toHaveLength(1);
    expect(await unbalancedMoneyEntries()).toEqual([]);
  });
});

describe("payouts (manual provider)", () => {
  it("onboards in an eligible country, refuses others, pays out the available balance once, and shows it paid", async () => {
    const s = await creatorWithSale("payout", 3_000);
    const refused = await postJson("/api/v1/payouts", { currency: "GBP" }, { cookie: s.cookie });
    expect(refused.status).toBe(409);
    expect((await problem(refused)).detail).toMatch(/Set up payouts first/);
    const nowhere = await postJson("/api/v1/payouts/account", { country: "KP" }, { cookie: s.cookie });
    expect((await problem(nowhere)).errors).toEqual([{ path: "body.country", message: "Payouts are not available in this country" }]);
    const onboarded = await postJson("/api/v1/payouts/account", { country: "GB" }, { cookie: s.cookie });
    expect(onboarded.status).toBe(200);
    expect(((await onboarded.json()) as { account: { payoutsEnabled: boolean; serviceAgreement: string } }).account).toMatchObject({ payoutsEnabled: true, serviceAgreement: "full" });

    // Still pending: nothing to pay.
    expect((await problem(await postJson("/api/v1/payouts", { currency: "GBP" }, { cookie: s.cookie }))).detail).toMatch(/Payouts start at £20.00; you have £0.00 available/);
    await runScheduled("* * * * *", Date.now() + 15 * DAY);
    const started = await postJson("/api/v1/payouts", { currency: "GBP" }, { cookie: s.cookie });
    expect(started.status).toBe(201);
    const payout = (await started.json()) as { id: string; amountMinor: number; status: string };
    expect(payout).toMatchObject({ amountMinor: 2_850, status: "pending" });
    // A second request finds nothing left: the first took the whole balance.
    expect((await postJson("/api/v1/payouts", { currency: "GBP" }, { cookie: s.cookie })).status).toBe(409);
    expect(await gbp(s.cookie)).toMatchObject({ availableMinor: 0, inTransitMinor: 2_850 });

    await deliverPayouts([payout.id, payout.id]);
    const list = await eventually(async () => (await (await api("/api/v1/payouts", { headers: { cookie: s.cookie } })).json()) as { items: { id: string; status: string }[] }, (l) => l.items[0]?.status === "paid");
    expect(list.items.map((p) => [p.id, p.status])).toEqual([[payout.id, "paid"]]);
    expect(await gbp(s.cookie)).toEqual({ currency: "GBP", pendingMinor: 0, availableMinor: 0, paidOutMinor: 2_850, inTransitMinor: 0, receivableMinor: 0 });
    expect(await query("select key from ledger_entries where reference = $1 order by key", [payout.id])).toEqual([{ key: `payout:${payout.id}` }, { key: `payout_paid:${payout.id}` }]);
    // Another creator sees none of it.
    const other = await signIn(api, uniqueEmail("payout-other"));
    await createCreator(api, other.cookie, { handle: `po_other_${Date.now().toString(36)}`, displayName: "Other", niches: ["fitness"] });
    expect(((await (await api("/api/v1/payouts", { headers: { cookie: other.cookie } })).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await earnings(other.cookie)).balances).toEqual([]);
    expect(await unbalancedMoneyEntries()).toEqual([]);
  });

  it("writes a monthly statement of every entry that moved the balances", async () => {
    const s = await creatorWithSale("statement", 2_000);
    await runScheduled("* * * * *", Date.now() + 15 * DAY);
    const month = new Date().toISOString().slice(0, 7);
    const res = await api(`/api/v1/earnings/statements/${month}`, { headers: { cookie: s.cookie } });
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("date,type,reference,currency,pending,available,in_transit");
    expect(lines[1]).toMatch(new RegExp(`,Storefront sale,${s.orderId},GBP,19.00,0.00,0.00$`));
    expect((await problem(await api("/api/v1/earnings/statements/2026-13", { headers: { cookie: s.cookie } }))).errors).toEqual([{ path: "path.month", message: "A month like 2026-12" }]);
  });
});

describe("payouts on Stripe Connect (against the stand-in API)", () => {
  const stripeDeps = () => {
    const config = readConfig(env);
    return { config: { ...config, payments: { kind: "stripe" as const, secretKey: "sk_test_tandem", api: STRIPE_TEST_API } }, db: d1Client(env.DB), pg: lazyPg(env.DATABASE_URL).get, emailer: { send: async () => undefined } as never, now: () => Date.now(), log: { info: () => undefined, warn: () => undefined, error: () => undefined } as never };
  };

  it("creates an Express account on the agreement its country allows and links to Stripe's onboarding", async () => {
    const s = await creatorWithSale("connect", 3_000);
    const deps = stripeDeps();
    const { url, account } = await startOnboarding(deps, { id: s.creatorId }, "seller@example.com", "IN");
    expect(url).toMatch(/^https:\/\/connect\.stripe\.com\/setup\/e\/acct_/);
    expect(account).toMatchObject({ provider: "stripe", serviceAgreement: "recipient", payoutsEnabled: false });
    const sent = Object.fromEntries(stripeStub.requests.filter((r) => r.path === "/v1/accounts").at(-1)!.form);
    expect(sent).toMatchObject({ type: "express", country: "IN", "capabilities[transfers][requested]": "true", "tos_acceptance[service_agreement]": "recipient", "metadata[tandem_creator]": s.creatorId });
    expect(stripeStub.requests.filter((r) => r.path === "/v1/accounts").at(-1)!.idempotencyKey).toBe(`account:${s.creatorId}`);
    // Not enabled yet: no payout is opened.
    await runScheduled("* * * * *", Date.now() + 15 * DAY);
    await expect(openPayout(deps, s.creatorId, "GBP", "on_demand")).rejects.toThrow(/Stripe still needs|not enabled/);
  });

  it("sends a transfer once, retries an outage, fails a refusal back to available, and undoes a reversed transfer", async () => {
    const deps = stripeDeps();
    const setUp = async (label: string) => {
      const s = await creatorWithSale(label, 6_000);
      const { account } = await startOnboarding(deps, { id: s.creatorId }, "s@example.com", "GB");
      const [row] = await query<{ account_id: string }>("select account_id from payout_accounts where creator_id = $1", [s.creatorId]);
      expect(account.payoutsEnabled).toBe(false);
      const updated = await webhook("account.updated", { ...fixtures.account, id: row!.account_id, payouts_enabled: true, details_submitted: true, requirements: { ...fixtures.account.requirements, currently_due: [] } });
      expect(updated.outcome).toBe("applied");
      stubAccounts.set(row!.account_id, { payoutsEnabled: true });
      await runScheduled("* * * * *", Date.now() + 15 * DAY);
      return { ...s, accountId: row!.account_id };
    };

    const a = await setUp("tr_ok");
    const { payout } = await openPayout(deps, a.creatorId, "GBP", "on_demand");
    expect(await sendPayout(deps, payout.id)).toBe("paid");
    expect(await sendPayout(deps, payout.id)).toBe("skipped");
    const transfers = stripeStub.requests.filter((r) => r.path === "/v1/transfers" && r.idempotencyKey === `payout:${payout.id}`);
    expect(transfers).toHaveLength(1);
    expect(Object.fromEntries(transfers[0]!.form)).toMatchObject({ amount: "5700", currency: "gbp", destination: a.accountId, transfer_group: payout.id });
    expect(await gbp(a.cookie)).toMatchObject({ availableMinor: 0, paidOutMinor: 5_700 });
    // The transfer is reversed: the money is the creator's to be paid again.
    const transfer_id = (await query<{ transfer_id: string }>("select transfer_id from payouts where id = $1", [payout.id]))[0]!.transfer_id;
    expect((await webhook("transfer.reversed", { ...fixtures.transfer, id: transfer_id, amount_reversed: 5_700, reversed: true })).outcome).toBe("applied");
    expect(await gbp(a.cookie)).toMatchObject({ availableMinor: 5_700, paidOutMinor: 0 });

    const b = await setUp("tr_outage");
    const outage = (await openPayout(deps, b.creatorId, "GBP", "on_demand")).payout;
    stubOutage.on = true;
    try {
      for (let i = 1; i < MAX_PAYOUT_ATTEMPTS; i++) expect(await sendPayout(deps, outage.id)).toBe("retry");
      expect(await sendPayout(deps, outage.id)).toBe("failed");
    } finally {
      stubOutage.on = false;
    }
    expect(await gbp(b.cookie)).toMatchObject({ availableMinor: 5_700, inTransitMinor: 0, paidOutMinor: 0 });

    const c = await setUp("tr_refused");
    stubAccounts.set(c.accountId, { payoutsEnabled: false });
    const refused = (await openPayout(deps, c.creatorId, "GBP", "on_demand")).payout;
    expect(await sendPayout(deps, refused.id)).toBe("failed");
    const [failed] = await query<{ status: string; failure_reason: string }>("select status, failure_reason from payouts where id = $1", [refused.id]);
    expect(failed).toMatchObject({ status: "failed", failure_reason: expect.stringMatching(/capabilities/) });
    expect(await gbp(c.cookie)).toMatchObject({ availableMinor: 5_700, inTransitMinor: 0 });

    // A bank payout on the connected account is surfaced, not booked.
    expect((await webhook("payout.failed", { ...fixtures.payout, amount: 5_700, currency: "gbp", failure_message: "The bank account has been closed." }, { account: a.accountId })).outcome).toBe("applied");
    const shown = (await (await api("/api/v1/payouts", { headers: { cookie: a.cookie } })).json()) as { account: { lastBankPayout: { status: string; failureMessage: string } } };
    expect(shown.account.lastBankPayout).toMatchObject({ status: "failed", failureMessage: "The bank account has been closed." });
    expect(await unbalancedMoneyEntries()).toEqual([]);
  });
});

describe("Stripe's fees, from the balance transaction", () => {
  it("books what Stripe kept once, and leaves a converted charge's fee alone", async () => {
    const config = readConfig(env);
    const deps = { config: { ...config, payments: { kind: "stripe" as const, secretKey: "sk_test_tandem", api: STRIPE_TEST_API } }, db: d1Client(env.DB), pg: lazyPg(env.DATABASE_URL).get, emailer: { send: async () => undefined } as never, now: () => Date.now(), log: { info: () => undefined, warn: () => undefined, error: () => undefined } as never };
    const pi = `pi_${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
    stubPaymentIntents.set(pi, { amount: 10_000, currency: "gbp", fee: 170 });
    const reference = newId("checkout");
    expect(await bookStripeFee(deps, pi, reference, "GBP")).toEqual({ booked: true, feeMinor: 170 });
    expect(await bookStripeFee(deps, pi, reference, "GBP")).toEqual({ booked: false, feeMinor: 170 });
    expect(await query("select a.kind, l.amount_minor::text as amount from ledger_entries e join ledger_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id where e.key = $1 order by a.kind", [`fee:${pi}`])).toEqual([
      { kind: "provider_clearing", amount: "170" },
      { kind: "provider_fees", amount: "-170" },
    ]);
    const converted = `pi_${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
    stubPaymentIntents.set(converted, { amount: 10_000, currency: "eur", fee: 160, balanceCurrency: "gbp" });
    expect(await bookStripeFee(deps, converted, reference, "EUR")).toEqual({ booked: false, reason: "converted" });
    expect(stripeStub.requests.filter((r) => r.path === `/v1/payment_intents/${pi}`)).toHaveLength(2);
  });
});
