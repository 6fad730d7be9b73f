import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import fixtures from "../fixtures/stripe/fixtures3-subset.json";
import { stripeProvider } from "../../workers/money/stripe-provider";
import { newId } from "../../workers/lib/ids";
import { createCampaign, fundWallet } from "../factories";
import { billingSetup, campaignWithLink } from "./billing-setup";
import { api, gateway, ORIGIN, postJson, problem } from "./helpers";
import { clickEvent, deliver as deliverEvents, query, runScheduled } from "./pg-helpers";
import { installStripeStub, STRIPE_TEST_API, stripeStub } from "./stripe-stub";

const SECRET = "whsec_tandem_test_secret";
installStripeStub();

const wallet = async (brandId: string, cookie: string) => (await (await api(`/api/v1/brands/${brandId}/wallet`, { headers: { cookie } })).json()) as { balances: { currency: string; availableMinor: number; committedMinor: number }[]; topUps: { id: string; status: string; amountMinor: number }[] };
const topUp = (brandId: string, cookie: string, body: unknown) => postJson(`/api/v1/brands/${brandId}/wallet/top-ups`, body, { cookie });
const sessionIdOf = (url: string) => new URL(url).pathname.split("/").pop()!;

/** Every money-plane entry the test wrote balances (the reconciliation test breaks a campaign entry on purpose). */
async function unbalancedEntries(references: string[]) {
  return query<{ key: string }>("select e.key from ledger_lines l join ledger_entries e on e.id = l.entry_id where e.reference = any($1) group by e.key having sum(l.amount_minor) <> 0", [references]);
}

/** A signed delivery to the webhook endpoint, as Stripe sends it. */
async function deliver(event: unknown, opts: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
  const payload = JSON.stringify(event);
  const signature = opts.signature === undefined ? await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: opts.secret ?? SECRET, timestamp: opts.timestamp }) : opts.signature;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return gateway(new Request(`${ORIGIN}/api/v1/webhooks/stripe`, { method: "POST", headers, body: payload }));
}

/** A Stripe checkout recorded as Tandem would after creating it (the webhook tests need one that Stripe owns). */
async function stripeCheckout(brandId: string, amountMinor: number) {
  const id = newId("checkout");
  const providerSessionId = `cs_test_${crypto.randomUUID().replace(/-/g, "")}`;
  await query(
    `insert into checkout_sessions (id, provider, provider_session_id, purpose, owner_id, amount_minor, currency, url, success_url, cancel_url, created_by, expires_at)
     values ($1, 'stripe', $2, 'wallet_top_up', $3, $4, 'GBP', 'https://checkout.stripe.com/c/pay/x', 'http://localhost:8788/brand/wallet?paid=1', 'http://localhost:8788/brand/wallet', 'usr_test', now() + interval '1 hour')`,
    [id, providerSessionId, brandId, amountMinor],
  );
  return { id, providerSessionId };
}

/** A checkout.session event built on the published fixture's shape. */
function sessionEvent(type: string, session: { id: string; reference: string }, over: Record<string, unknown> = {}, created = Math.floor(Date.now() / 1000)) {
  return {
    ...fixtures.event,
    id: `evt_${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`,
    type,
    created,
    data: { object: { ...fixtures["checkout.session"], id: session.id, client_reference_id: session.reference, status: "complete", payment_status: "paid", amount_total: 5000, currency: "gbp", ...over } },
  };
}

describe("brand wallet top-ups (manual provider)", () => {
  it("pays into the wallet once through the test-mode checkout, in a balanced entry", async () => {
    const s = await billingSetup("wallet");
    const res = await topUp(s.brandId, s.owner, { amountMinor: 25_000, currency: "GBP" });
    expect(res.status).toBe(201);
    const started = (await res.json()) as { topUpId: string; url: string; status: string };
    expect(started.status).toBe("open");
    expect(started.url).toMatch(/^http:\/\/localhost:8788\/checkout\/test\/mcs_/);
    const sessionId = sessionIdOf(started.url);
    const page = await (await api(`/api/v1/checkout/test/${sessionId}`)).json();
    expect(page).toMatchObject({ sessionId, amountMinor: 25_000, currency: "GBP", status: "open", description: "Tandem wallet top-up" });
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([]);

    const paid = await postJson(`/api/v1/checkout/test/${sessionId}/pay`, {});
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ status: "complete" });
    const again = await postJson(`/api/v1/checkout/test/${sessionId}/pay`, {});
    expect(again.status).toBe(409);
    expect((await problem(again)).detail).toContain("already complete");

    const w = await wallet(s.brandId, s.owner);
    expect(w.balances).toEqual([{ currency: "GBP", availableMinor: 25_000, committedMinor: 0 }]);
    expect(w.topUps[0]).toMatchObject({ id: started.topUpId, status: "complete", amountMinor: 25_000 });
    // The paid top-up has a receipt, for its own brand only.
    const receipt = await api(`/api/v1/brands/${s.brandId}/wallet/top-ups/${started.topUpId}/receipt`, { headers: { cookie: s.owner } });
    expect(await receipt.json()).toMatchObject({ id: started.topUpId, number: expect.stringMatching(/^TND-[0-9A-Z]{10}$/), amountMinor: 25_000, currency: "GBP", provider: "manual", ledgerEntryId: expect.stringMatching(/^je_/) });
    const rival = await billingSetup("walletrival");
    expect((await api(`/api/v1/brands/${rival.brandId}/wallet/top-ups/${started.topUpId}/receipt`, { headers: { cookie: rival.owner } })).status).toBe(404);
    expect((await api(`/api/v1/brands/${s.brandId}/wallet/top-ups/${started.topUpId}/receipt`, { headers: { cookie: rival.owner } })).status).toBe(404);
    const lines = await query<{ kind: string; amount: string }>(
      "select a.kind, l.amount_minor::text as amount from ledger_entries e join ledger_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id where e.key = $1 order by a.kind",
      [`top_up:${started.topUpId}`],
    );
    expect(lines).toEqual([{ kind: "brand_wallet", amount: "25000" }, { kind: "provider_clearing", amount: "-25000" }]);
    expect(await unbalancedEntries([started.topUpId])).toEqual([]);
  });

  it("declines without moving money, and names each bad field", async () => {
    const s = await billingSetup("walletno");
    const started = (await (await topUp(s.brandId, s.owner, { amountMinor: 1_000, currency: "EUR" })).json()) as { url: string };
    const declined = await postJson(`/api/v1/checkout/test/${sessionIdOf(started.url)}/decline`, {});
    expect(await declined.json()).toMatchObject({ status: "declined" });
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([]);

    const bad = await topUp(s.brandId, s.owner, { amountMinor: 12.5, currency: "XYZ" });
    expect(bad.status).toBe(422);
    expect((await problem(bad)).errors?.map((e) => e.path).sort()).toEqual(["body.amountMinor", "body.currency"]);
    const small = await topUp(s.brandId, s.owner, { amountMinor: 100, currency: "GBP" });
    expect((await problem(small)).errors).toEqual([{ path: "body.amountMinor", message: "At least 500 (5.00)" }]);
    expect((await api("/api/v1/checkout/test/not-a-session")).status).toBe(404);
    expect((await api("/api/v1/checkout/test/mcs_01JZZZZZZZZZZZZZZZZZZZZZZZ")).status).toBe(404);
  });

  it("expires an unpaid test checkout after its hour, through the minute job, and then refuses to take payment", async () => {
    const s = await billingSetup("walletexp");
    const started = (await (await topUp(s.brandId, s.owner, { amountMinor: 2_000, currency: "GBP" })).json()) as { topUpId: string; url: string };
    await query("update checkout_sessions set expires_at = now() - interval '1 second' where id = $1", [started.topUpId]);
    const late = await postJson(`/api/v1/checkout/test/${sessionIdOf(started.url)}/pay`, {});
    expect(late.status).toBe(409);
    expect((await problem(late)).detail).toContain("expired");
    await runScheduled("* * * * *");
    expect((await wallet(s.brandId, s.owner)).topUps[0]).toMatchObject({ id: started.topUpId, status: "expired" });
    expect(await query("select outcome from provider_events where type = 'checkout.session.expired' and payload->'data'->'object'->>'client_reference_id' = $1", [started.topUpId])).toEqual([{ outcome: "applied" }]);
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([]);
  });

  it("keeps each brand's wallet to itself", async () => {
    const s = await billingSetup("walleta");
    const rival = await billingSetup("walletb");
    expect((await api(`/api/v1/brands/${s.brandId}/wallet`, { headers: { cookie: rival.owner } })).status).toBe(404);
    expect((await topUp(s.brandId, rival.owner, { amountMinor: 1_000, currency: "GBP" })).status).toBe(404);
    // An API key reads its own brand's wallet but cannot start a payment (a person signs in for that).
    expect((await api(`/api/v1/brands/${s.brandId}/wallet`, { headers: { authorization: `Bearer ${s.key}` } })).status).toBe(200);
    expect((await topUp(s.brandId, "", { amountMinor: 1_000, currency: "GBP" })).status).toBe(401);
    expect((await postJson(`/api/v1/brands/${s.brandId}/wallet/top-ups`, { amountMinor: 1_000, currency: "GBP" }, { authorization: `Bearer ${s.key}` })).status).toBe(403);
  });
});

describe("POST /api/v1/webhooks/stripe", () => {
  it("refuses a missing, forged or stale signature with a problem, never a 500", async () => {
    const s = await billingSetup("whsig");
    const cs = await stripeCheckout(s.brandId, 5_000);
    const event = sessionEvent("checkout.session.completed", { id: cs.providerSessionId, reference: cs.id });
    const missing = await deliver(event, { signature: null });
    expect(missing.status).toBe(400);
    expect((await problem(missing)).errors?.[0]?.path).toBe("header.stripe-signature");
    expect((await deliver(event, { secret: "whsec_someone_else" })).status).toBe(400);
    expect((await deliver(event, { signature: "t=1,v1=deadbeef" })).status).toBe(400);
    const stale = await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(400);
    expect((await problem(stale)).detail).toMatch(/tolerance/i);
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([]);
    // Within the 300 s tolerance it is accepted.
    expect((await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 240 })).status).toBe(200);
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([{ currency: "GBP", availableMinor: 5_000, committedMinor: 0 }]);
  });

  it("credits a paid checkout once however often and in whatever order its events arrive", async () => {
    const s = await billingSetup("whonce");
    const cs = await stripeCheckout(s.brandId, 5_000);
    const ref = { id: cs.providerSessionId, reference: cs.id };
    const completed = sessionEvent("checkout.session.completed", ref);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(((await (await deliver(completed)).json()) as { outcome: string }).outcome);
    expect(outcomes).toEqual(["applied", "duplicate", "duplicate"]);
    // A different event meaning the same payment, and a late expiry: neither changes anything.
    expect(((await (await deliver(sessionEvent("checkout.session.async_payment_succeeded", ref))).json()) as { outcome: string }).outcome).toBe("stale");
    expect(((await (await deliver(sessionEvent("checkout.session.expired", ref, { status: "expired", payment_status: "unpaid" }))).json()) as { outcome: string }).outcome).toBe("stale");
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([{ currency: "GBP", availableMinor: 5_000, committedMinor: 0 }]);
    expect(await query("select 1 from ledger_entries where key = $1", [`top_up:${cs.id}`])).toHaveLength(1);
    expect(await unbalancedEntries([cs.id])).toEqual([]);
  });

  it("waits for an async payment, refuses a total it did not ask for, and acknowledges types it does not handle", async () => {
    const s = await billingSetup("whasync");
    const cs = await stripeCheckout(s.brandId, 5_000);
    const ref = { id: cs.providerSessionId, reference: cs.id };
    await deliver(sessionEvent("checkout.session.completed", ref, { payment_status: "unpaid" }));
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([]);
    await deliver(sessionEvent("checkout.session.async_payment_succeeded", ref));
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([{ currency: "GBP", availableMinor: 5_000, committedMinor: 0 }]);

    const odd = await stripeCheckout(s.brandId, 9_000);
    const rejected = await deliver(sessionEvent("checkout.session.completed", { id: odd.providerSessionId, reference: odd.id }, { amount_total: 1 }));
    expect(await rejected.json()).toEqual({ received: true, outcome: "rejected" });
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([{ currency: "GBP", availableMinor: 5_000, committedMinor: 0 }]);

    const other = await deliver({ ...fixtures.event, id: `evt_${crypto.randomUUID().slice(0, 8)}` });
    expect(await other.json()).toEqual({ received: true, outcome: "ignored" });
  });
});

describe("the Stripe adapter", () => {
  it("opens a payment-mode Checkout Session through the SDK, once per Tandem checkout", async () => {
    const provider = stripeProvider({ secretKey: "sk_test_tandem", api: STRIPE_TEST_API });
    const request = { reference: newId("checkout"), description: "Tandem wallet top-up", amountMinor: 12_345, currency: "GBP", successUrl: "https://app.example/brand/wallet?paid=1", cancelUrl: "https://app.example/brand/wallet", expiresAt: new Date(Date.now() + 3_600_000), metadata: { tandem_purpose: "wallet_top_up" }, lines: [{ name: "Tandem wallet top-up", unitAmountMinor: 12_345, quantity: 1 }], collectShipping: false, transferGroup: null };
    const first = await provider.createCheckout(request);
    const retried = await provider.createCheckout(request);
    expect(first.providerSessionId).toMatch(/^cs_test_/);
    expect(retried).toEqual(first);
    const sent = stripeStub.requests.filter((r) => r.path === "/v1/checkout/sessions").at(-1)!;
    expect(sent.idempotencyKey).toBe(`checkout:${request.reference}`);
    expect(Object.fromEntries(sent.form)).toMatchObject({
      mode: "payment",
      client_reference_id: request.reference,
      "line_items[0][price_data][currency]": "gbp",
      "line_items[0][price_data][unit_amount]": "12345",
      "metadata[tandem_reference]": request.reference,
    });
    await expect(stripeProvider({ secretKey: "sk_live_wrong!", api: STRIPE_TEST_API }).createCheckout({ ...request, reference: newId("checkout") })).rejects.toThrow(/Invalid API Key/);
  });
});

describe("campaign budgets are committed against the wallet", () => {
  const held = async (brandId: string, cookie: string) => (await wallet(brandId, cookie)).balances.find((b) => b.currency === "GBP")?.availableMinor ?? 0;
  const budgetAccount = async (campaignId: string) =>
    Number((await query<{ b: string }>("select coalesce(sum(l.amount_minor), 0)::text as b from ledger_lines l join ledger_accounts a on a.id = l.account_id where a.kind = 'campaign_budget' and a.owner_id = $1", [campaignId]))[0]!.b);
  const status = (id: string, cookie: string, action: string) => postJson(`/api/v1/campaigns/${id}/status`, { action }, { cookie });

  it("refuses a launch past the wallet, saying what to top up, then commits the whole budget", async () => {
    const s = await billingSetup("commit");
    const c = await createCampaign(api, s.owner, { name: "Commit", currency: "GBP", pricingModel: "cpc", rateMinor: 50, totalBudgetMinor: 10_000, fallbackUrl: `https://${s.domain}/` }, false);
    const empty = await status(c.id, s.owner, "launch");
    expect(empty.status).toBe(409);
    const p = await problem(empty);
    expect(p.code).toBe("insufficient_funds");
    expect(p.detail).toBe("The wallet holds £0.00; this needs £100.00. Top up £100.00 in Wallet and try again.");
    await fundWallet(api, s.owner, s.brandId, 6_000);
    expect((await problem(await status(c.id, s.owner, "launch"))).detail).toContain("Top up £40.00");
    // Refused launches wrote nothing: the campaign is still a draft and nothing was committed.
    expect(((await (await api(`/api/v1/campaigns/${c.id}`, { headers: { cookie: s.owner } })).json()) as { status: string }).status).toBe("draft");
    expect(await budgetAccount(c.id)).toBe(0);
    await fundWallet(api, s.owner, s.brandId, 4_000);
    expect((await status(c.id, s.owner, "launch")).status).toBe(200);
    expect(await held(s.brandId, s.owner)).toBe(0);
    expect(await budgetAccount(c.id)).toBe(10_000);
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([{ currency: "GBP", availableMinor: 0, committedMinor: 10_000 }]);
  });

  it("lets two launches that the wallet can pay for only once spend it only once", async () => {
    const s = await billingSetup("commit2");
    await fundWallet(api, s.owner, s.brandId, 10_000);
    const body = { currency: "GBP", pricingModel: "cpc", rateMinor: 50, totalBudgetMinor: 8_000, fallbackUrl: `https://${s.domain}/` };
    const [a, b] = await Promise.all([createCampaign(api, s.owner, { ...body, name: "Launch A" }, false), createCampaign(api, s.owner, { ...body, name: "Launch B" }, false)]);
    const results = await Promise.all([status(a.id, s.owner, "launch"), status(b.id, s.owner, "launch")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await held(s.brandId, s.owner)).toBe(2_000);
  });

  it("commits a raised budget, gives back a cut one, and returns what is unspent when the campaign ends", async () => {
    const s = await billingSetup("commit3");
    const { campaignId, linkId } = await campaignWithLink(s, { pricingModel: "cpc", rateMinor: 100, totalBudgetMinor: 10_000 });
    expect(await held(s.brandId, s.owner)).toBe(0);
    const raise = await postJson(`/api/v1/campaigns/${campaignId}`, { totalBudgetMinor: 15_000 }, { cookie: s.owner }, "PATCH");
    expect(raise.status).toBe(409);
    expect((await problem(raise)).detail).toContain("Top up £50.00");
    const after = (await (await api(`/api/v1/campaigns/${campaignId}`, { headers: { cookie: s.owner } })).json()) as { totalBudgetMinor: number };
    expect(after.totalBudgetMinor).toBe(10_000); // no partial write
    await fundWallet(api, s.owner, s.brandId, 5_000);
    expect((await postJson(`/api/v1/campaigns/${campaignId}`, { totalBudgetMinor: 15_000 }, { cookie: s.owner }, "PATCH")).status).toBe(200);
    expect(await held(s.brandId, s.owner)).toBe(0);
    expect((await postJson(`/api/v1/campaigns/${campaignId}`, { totalBudgetMinor: 12_000 }, { cookie: s.owner }, "PATCH")).status).toBe(200);
    expect(await held(s.brandId, s.owner)).toBe(3_000);

    // Charges draw on the committed budget; ending gives back exactly what was not spent.
    await deliverEvents(Array.from({ length: 7 }, () => clickEvent({ brandId: s.brandId, campaignId, linkId, creatorId: s.creatorId })));
    expect(await budgetAccount(campaignId)).toBe(12_000 - 700);
    const stats = (await (await api(`/api/v1/campaigns/${campaignId}/stats`, { headers: { cookie: s.owner } })).json()) as { spend: number };
    expect(stats.spend).toBe(700);
    expect((await status(campaignId, s.owner, "end")).status).toBe(200);
    expect(await held(s.brandId, s.owner)).toBe(3_000 + 12_000 - 700);
    expect(await budgetAccount(campaignId)).toBe(0);
    expect((await wallet(s.brandId, s.owner)).balances).toEqual([{ currency: "GBP", availableMinor: 14_300, committedMinor: 0 }]);
    // Reconciliation counts charges, not commitments: no drift.
    await runScheduled("0 * * * *");
    expect(await query("select 1 from campaign_alerts where campaign_id = $1 and kind = 'reconciliation_drift'", [campaignId])).toEqual([]);
  });
});
