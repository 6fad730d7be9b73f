import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import fixtures from "../fixtures/stripe/fixtures3-subset.json";
import worker from "../../workers/index";
import { newId } from "../../workers/lib/ids";
import { buy, createCreator, createCreatorProduct, payTestCheckout, signIn } from "../factories";
import { api, gateway, ORIGIN, postJson, problem, uniqueEmail } from "./helpers";
import { query, runScheduled, unbalancedMoneyEntries } from "./pg-helpers";

const DAY = 86_400_000;
type Balance = { pendingMinor: number; availableMinor: number; paidOutMinor: number; receivableMinor: number };
const gbp = async (cookie: string) => ((await (await api("/api/v1/earnings", { headers: { cookie } })).json()) as { balances: (Balance & { currency: string })[] }).balances.find((b) => b.currency === "GBP")!;
const order = async (id: string, cookie: string) => (await (await api(`/api/v1/orders/${id}`, { headers: { cookie } })).json()) as { status: string; refundedMinor: number };
const refund = (id: string, cookie: string, body: unknown = {}) => postJson(`/api/v1/orders/${id}/refund`, body, { cookie });

async function shop(label: string) {
  const seller = await signIn(api, uniqueEmail(`${label}-seller`));
  await createCreator(api, seller.cookie, { handle: `${label}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`, displayName: "Seller", niches: ["fitness"] });
  const fan = await signIn(api, uniqueEmail(`${label}-fan`));
  const sell = async (priceMinor: number) => {
    const product = await createCreatorProduct(api, seller.cookie, { kind: "service", title: `Session ${priceMinor}`, priceMinor, currency: "GBP", status: "active" });
    const o = await buy(api, fan.cookie, [{ productId: product.id, quantity: 1 }]);
    await payTestCheckout(api, o.url);
    const [row] = await query<{ payment_intent_id: string }>("select payment_intent_id from orders where id = $1", [o.orderId]);
    return { orderId: o.orderId, paymentIntent: row!.payment_intent_id };
  };
  return { seller: seller.cookie, fan: fan.cookie, sell };
}

async function webhook(type: string, object: Record<string, unknown>) {
  const payload = JSON.stringify({ ...fixtures.event, id: `evt_${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`, type, created: Math.floor(Date.now() / 1000), data: { object } });
  const signature = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: "whsec_tandem_test_secret" });
  const res = await gateway(new Request(`${ORIGIN}/api/v1/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload }));
  return ((await res.json()) as { outcome: string }).outcome;
}

const entryLines = (orderId: string, kind: string) =>
  query<{ account: string; amount: string }>("select a.kind as account, sum(l.amount_minor)::text as amount from ledger_entries e join ledger_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id where e.reference = $1 and e.kind = $2 group by a.kind order by a.kind", [orderId, kind]);

describe("refunds", () => {
  it("reverses a partial then a full refund pro rata, from the pending balance, once per step", async () => {
    const s = await shop("refund");
    const { orderId, paymentIntent } = await s.sell(5_000);
    expect((await problem(await refund(orderId, s.fan))).status).toBe(403);
    expect((await problem(await refund(orderId, s.seller, { amountMinor: 5_001 }))).errors).toEqual([{ path: "body.amountMinor", message: "At most 5000" }]);
    const part = await refund(orderId, s.seller, { amountMinor: 1_000 });
    expect(((await part.json()) as { status: string; order: { status: string } })).toMatchObject({ status: "refunded", order: { status: "partially_refunded" } });
    expect(await entryLines(orderId, "refund")).toEqual([
      { account: "creator_pending", amount: "-950" },
      { account: "platform_fee", amount: "-50" },
      { account: "provider_clearing", amount: "1000" },
    ]);
    expect((await gbp(s.seller)).pendingMinor).toBe(3_800);
    // Stripe redelivering the same refunded total changes nothing.
    expect(await webhook("charge.refunded", { ...fixtures.charge, payment_intent: paymentIntent, amount: 5_000, amount_refunded: 1_000 })).toBe("stale");
    await refund(orderId, s.seller);
    expect(await order(orderId, s.fan)).toMatchObject({ status: "refunded", refundedMinor: 5_000 });
    expect(await gbp(s.seller)).toMatchObject({ pendingMinor: 0, availableMinor: 0 });
    // Nothing is left to settle.
    await runScheduled("* * * * *", Date.now() + 15 * DAY);
    expect(await gbp(s.seller)).toMatchObject({ pendingMinor: 0, availableMinor: 0 });
    expect((await refund(orderId, s.seller)).status).toBe(409);
    expect(await unbalancedMoneyEntries()).toEqual([]);
  });
});

describe("disputes", () => {
  it("holds the amount from the creator; a lost dispute keeps it taken, a won one (funds_reinstated) gives it back once", async () => {
    const s = await shop("dispute");
    const lost = await s.sell(5_000);
    const dispute = (pi: string) => ({ ...fixtures.dispute, id: `dp_${newId("event").slice(4)}`, payment_intent: pi, amount: 5_000 });
    const d1 = dispute(lost.paymentIntent);
    expect(await webhook("charge.dispute.created", { ...d1, status: "needs_response" })).toBe("applied");
    expect((await order(lost.orderId, s.fan)).status).toBe("disputed");
    expect(await webhook("charge.dispute.funds_withdrawn", d1)).toBe("applied");
    expect(await webhook("charge.dispute.funds_withdrawn", d1)).toBe("stale");
    expect((await gbp(s.seller)).pendingMinor).toBe(0);
    expect(await webhook("charge.dispute.closed", { ...d1, status: "lost" })).toBe("applied");
    expect((await order(lost.orderId, s.fan)).status).toBe("refunded");

    const won = await s.sell(5_000);
    const d2 = dispute(won.paymentIntent);
    await webhook("charge.dispute.created", { ...d2, status: "needs_response" });
    await webhook("charge.dispute.funds_withdrawn", d2);
    expect((await gbp(s.seller)).pendingMinor).toBe(0);
    expect(await webhook("charge.dispute.funds_reinstated", d2)).toBe("applied");
    expect(await webhook("charge.dispute.closed", { ...d2, status: "won" })).toBe("applied");
    expect((await order(won.orderId, s.fan)).status).toBe("paid");
    expect((await gbp(s.seller)).pendingMinor).toBe(4_750);
    expect(await entryLines(won.orderId, "dispute_release")).toEqual([
      { account: "creator_pending", amount: "4750" },
      { account: "platform_fee", amount: "250" },
      { account: "provider_clearing", amount: "-5000" },
    ]);
    // It settles as usual afterwards.
    await runScheduled("* * * * *", Date.now() + 15 * DAY);
    expect(await gbp(s.seller)).toMatchObject({ pendingMinor: 0, availableMinor: 4_750 });
    expect(await unbalancedMoneyEntries()).toEqual([]);
  });
});

describe("clawbacks after payout", () => {
  it("turns a refund after payout into a receivable, blocks payouts while it stands, and nets it against the next earnings", async () => {
    // Dub skips clawing back commission that was already paid out; Tandem recovers it from what the creator earns next.
    const s = await shop("clawback");
    const first = await s.sell(5_000);
    await runScheduled("* * * * *", Date.now() + 15 * DAY);
    expect((await postJson("/api/v1/payouts/account", { country: "GB" }, { cookie: s.seller })).status).toBe(200);
    const paidOut = (await (await postJson("/api/v1/payouts", { currency: "GBP" }, { cookie: s.seller })).json()) as { id: string; amountMinor: number };
    expect(paidOut.amountMinor).toBe(4_750);
    const batch = createMessageBatch("tandem-payouts", [{ id: "m1", timestamp: new Date(), attempts: 1, body: { id: newId("event"), payoutId: paidOut.id } }]);
    const ctx = createExecutionContext();
    await worker.queue!(batch as MessageBatch<unknown>, env, ctx);
    await getQueueResult(batch, ctx);
    expect(await gbp(s.seller)).toMatchObject({ availableMinor: 0, paidOutMinor: 4_750 });

    await refund(first.orderId, s.seller);
    expect(await gbp(s.seller)).toMatchObject({ availableMinor: 0, receivableMinor: 4_750, paidOutMinor: 4_750 });
    expect((await problem(await postJson("/api/v1/payouts", { currency: "GBP" }, { cookie: s.seller }))).detail).toMatch(/You owe £47.50/);

    await s.sell(10_000);
    await runScheduled("* * * * *", Date.now() + 30 * DAY);
    expect(await gbp(s.seller)).toMatchObject({ availableMinor: 4_750, receivableMinor: 0 });
    const net = (await (await postJson("/api/v1/payouts", { currency: "GBP" }, { cookie: s.seller })).json()) as { amountMinor: number };
    // 9,500 earned, less the 4,750 clawed back: never the whole 9,500.
    expect(net.amountMinor).toBe(4_750);
    expect(await unbalancedMoneyEntries()).toEqual([]);
  });
});
