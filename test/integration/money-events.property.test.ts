import fc from "fast-check";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import fixtures from "../fixtures/stripe/fixtures3-subset.json";
import { buy, createCreator, createCreatorProduct, signIn } from "../factories";
import { billingSetup } from "./billing-setup";
import { api, gateway, ORIGIN, postJson, uniqueEmail } from "./helpers";
import { query } from "./pg-helpers";

const SECRET = "whsec_tandem_test_secret";

/** How a checkout ends, as Stripe tells it: the events it sends, in the order it sends them. */
const STORIES = {
  paid: ["completed:paid"],
  paidLater: ["completed:unpaid", "async_payment_succeeded"],
  failedLater: ["completed:unpaid", "async_payment_failed"],
  abandoned: ["expired"],
} as const;
type Story = keyof typeof STORIES;

interface Checkout {
  kind: "order" | "top_up";
  reference: string;
  providerSessionId: string;
  amountMinor: number;
}

async function deliver(event: unknown) {
  const payload = JSON.stringify(event);
  const signature = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: SECRET });
  const res = await gateway(new Request(`${ORIGIN}/api/v1/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: payload }));
  expect(res.status).toBe(200);
}

/** A Stripe event (fixture-shaped) for one step of a story. */
function eventFor(c: Checkout, step: string, n: number) {
  const [what, payment] = step.split(":");
  const type = `checkout.session.${what}`;
  return {
    ...fixtures.event,
    id: `evt_prop_${c.providerSessionId.slice(-12)}_${n}`,
    type,
    created: 1_760_000_000 + n,
    data: {
      object: {
        ...fixtures["checkout.session"],
        id: c.providerSessionId,
        client_reference_id: c.reference,
        // Each session pays with its own PaymentIntent (the fixture's one id would be shared).
        payment_intent: `pi_${c.providerSessionId.slice(-20)}`,
        amount_total: c.amountMinor,
        currency: "gbp",
        status: what === "expired" ? "expired" : "complete",
        payment_status: what === "expired" || payment === "unpaid" || what === "async_payment_failed" ? "unpaid" : "paid",
      },
    },
  };
}

/** What the ledger and the checkout's own record say, for comparison across deliveries. */
async function outcome(c: Checkout) {
  const lines = await query<{ entry: string; account: string; amount: string }>(
    `select e.kind as entry, a.kind as account, l.amount_minor::text as amount from ledger_lines l join ledger_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id where e.reference = any($1) order by e.kind, a.kind`,
    [[c.reference]],
  );
  const [checkout] = await query<{ status: string }>("select status from checkout_sessions where provider_session_id = $1", [c.providerSessionId]);
  const order = c.kind === "order" ? (await query<{ status: string }>("select status from orders where id = $1", [c.reference]))[0]?.status : null;
  return { lines, checkout: checkout!.status, order };
}

const EXPECTED: Record<Story, { checkout: string; order: string; paid: boolean }> = {
  paid: { checkout: "complete", order: "paid", paid: true },
  paidLater: { checkout: "complete", order: "paid", paid: true },
  failedLater: { checkout: "declined", order: "cancelled", paid: false },
  abandoned: { checkout: "expired", order: "expired", paid: false },
};

describe("provider events in any order, each delivered 1–3 times (fast-check)", () => {
  it("always leave the ledger, the checkouts and the orders exactly as one in-order delivery would", async () => {
    const brand = await billingSetup("prop");
    const seller = await signIn(api, uniqueEmail("prop-seller"));
    await createCreator(api, seller.cookie, { handle: `prop_${Date.now().toString(36)}`, displayName: "Prop Shop", niches: ["fitness"] });
    const product = await createCreatorProduct(api, seller.cookie, { kind: "service", title: "Session", priceMinor: 3_000, currency: "GBP", status: "active" });
    const fan = await signIn(api, uniqueEmail("prop-fan"));

    const open = async (kind: Checkout["kind"]): Promise<Checkout> => {
      if (kind === "order") {
        const { orderId, url } = await buy(api, fan.cookie, [{ productId: product.id, quantity: 1 }]);
        return { kind, reference: orderId, providerSessionId: new URL(url).pathname.split("/").pop()!, amountMinor: 3_000 };
      }
      const res = (await (await postJson(`/api/v1/brands/${brand.brandId}/wallet/top-ups`, { amountMinor: 7_500, currency: "GBP" }, { cookie: brand.owner })).json()) as { topUpId: string; url: string };
      return { kind, reference: res.topUpId, providerSessionId: new URL(res.url).pathname.split("/").pop()!, amountMinor: 7_500 };
    };

    const stories = fc.array(fc.record({ kind: fc.constantFrom<Checkout["kind"]>("order", "top_up"), story: fc.constantFrom<Story>("paid", "paidLater", "failedLater", "abandoned") }), { minLength: 2, maxLength: 4 });
    const plan = stories.chain((ss) => {
      const steps = ss.flatMap((s, i) => STORIES[s.story].map((step, j) => ({ checkout: i, step, n: j })));
      return fc.tuple(fc.constant(ss), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: steps.length, maxLength: steps.length }).chain((copies) => {
        const deliveries = steps.flatMap((s, k) => Array.from({ length: copies[k]! }, () => s));
        return fc.shuffledSubarray(deliveries, { minLength: deliveries.length, maxLength: deliveries.length });
      }));
    });

    await fc.assert(
      fc.asyncProperty(plan, async ([ss, deliveries]) => {
        const checkouts = await Promise.all(ss.map((s) => open(s.kind)));
        for (const d of deliveries) await deliver(eventFor(checkouts[d.checkout]!, d.step, d.n));
        for (const [i, s] of ss.entries()) {
          const c = checkouts[i]!;
          const got = await outcome(c);
          const want = EXPECTED[s.story];
          expect(got.checkout).toBe(want.checkout);
          if (c.kind === "order") expect(got.order).toBe(want.order);
          const lines = !want.paid
            ? []
            : c.kind === "order"
              ? [
                  { entry: "sale", account: "creator_pending", amount: "2850" },
                  { entry: "sale", account: "platform_fee", amount: "150" },
                  { entry: "sale", account: "provider_clearing", amount: "-3000" },
                ]
              : [
                  { entry: "top_up", account: "brand_wallet", amount: "7500" },
                  { entry: "top_up", account: "provider_clearing", amount: "-7500" },
                ];
          expect(got.lines).toEqual(lines);
        }
      }),
      { numRuns: 12 },
    );
    // Every entry the runs posted balances.
    const unbalanced = await query("select e.key from ledger_lines l join ledger_entries e on e.id = l.entry_id where e.kind in ('sale', 'top_up') group by e.key having sum(l.amount_minor) <> 0");
    expect(unbalanced).toEqual([]);
  }, 180_000);
});
