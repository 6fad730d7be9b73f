import fixtures from "../fixtures/stripe/fixtures3-subset.json";

/**
 * A stand-in for the Stripe API endpoints Tandem calls, speaking their documented contract:
 * form-encoded bodies, `Authorization: Bearer sk_…`, `Idempotency-Key` (the same key answers the
 * same object), Stripe's error shape (`{error: {type, message, param}}`) with 400/401, and objects
 * shaped like the published fixtures (stripe/openapi fixtures3.json). The SDK is pointed here
 * with its host, port and protocol options; it intercepts fetch for that host only.
 */
export const STRIPE_TEST_API = { host: "api.stripe.test", port: 443, protocol: "https" as const };

const byKey = new Map<string, unknown>();
export const stripeStub = { requests: [] as { method: string; path: string; form: URLSearchParams; idempotencyKey: string | null }[] };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "request-id": `req_${Math.random().toString(36).slice(2)}` } });
const fail = (status: number, type: string, message: string, param?: string) => json(status, { error: { type, message, ...(param ? { param } : {}) } });

/** Prices and subscriptions the stub made (Billing), by id. */
export const stubPrices = new Map<string, { amount: number; currency: string; interval: string }>();
export const stubSubscriptions = new Map<string, Record<string, unknown>>();

function createPrice(form: URLSearchParams) {
  const missing = requireParam(form, "unit_amount", "currency", "recurring[interval]");
  if (missing) return missing;
  const id = `price_${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`;
  stubPrices.set(id, { amount: Number(form.get("unit_amount")), currency: form.get("currency")!, interval: form.get("recurring[interval]")! });
  return json(200, { ...fixtures.price, id, unit_amount: Number(form.get("unit_amount")), currency: form.get("currency"), recurring: { ...fixtures.price.recurring, interval: form.get("recurring[interval]") }, metadata: { tandem_tier: form.get("metadata[tandem_tier]") } });
}

/** A subscription as Stripe holds it, for the tests to deliver in events and for the SDK to read and update. */
export function stubSubscription(priceId: string, metadata: Record<string, string>) {
  const id = `sub_${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`;
  const price = stubPrices.get(priceId)!;
  const now = Math.floor(Date.now() / 1000);
  const sub = { ...fixtures.subscription, id, status: "active", customer: `cus_${id.slice(4, 18)}`, metadata, cancel_at_period_end: false, items: { object: "list", data: [{ ...fixtures.subscription.items.data[0], id: `si_${id.slice(4, 18)}`, current_period_start: now, current_period_end: now + 30 * 86_400, price: { ...fixtures.subscription.items.data[0]!.price, id: priceId, unit_amount: price.amount, currency: price.currency, recurring: { ...fixtures.subscription.items.data[0]!.price.recurring, interval: price.interval } } }] } };
  stubSubscriptions.set(id, sub);
  return sub;
}

function updateSubscription(id: string, form: URLSearchParams) {
  const sub = stubSubscriptions.get(id) as (typeof fixtures.subscription & { items: { data: { id: string; price: { id: string } }[] } }) | undefined;
  if (!sub) return fail(404, "invalid_request_error", `No such subscription: '${id}'`, "id");
  if (form.has("cancel_at_period_end")) (sub as Record<string, unknown>).cancel_at_period_end = form.get("cancel_at_period_end") === "true";
  const priceId = form.get("items[0][price]");
  if (priceId) {
    if (form.get("items[0][id]") !== sub.items.data[0]!.id) return fail(400, "invalid_request_error", "Invalid subscription item.", "items[0][id]");
    if (!stubPrices.has(priceId)) return fail(400, "invalid_request_error", `No such price: '${priceId}'`, "items[0][price]");
    sub.items.data[0]!.price = { ...sub.items.data[0]!.price, id: priceId };
  }
  return json(200, sub);
}

function createCheckoutSession(form: URLSearchParams) {
  if (!form.get("mode")) return fail(400, "invalid_request_error", "Missing required param: mode.", "mode");
  if (!form.get("success_url")) return fail(400, "invalid_request_error", "Missing required param: success_url.", "success_url");
  if (form.get("mode") === "subscription") {
    const price = stubPrices.get(form.get("line_items[0][price]") ?? "");
    if (!price) return fail(400, "invalid_request_error", "No such price.", "line_items[0][price]");
    form.set("line_items[0][price_data][currency]", price.currency);
    form.set("line_items[0][price_data][unit_amount]", String(price.amount));
  }
  const currency = form.get("line_items[0][price_data][currency]");
  const unit = Number(form.get("line_items[0][price_data][unit_amount]"));
  const quantity = Number(form.get("line_items[0][quantity]") ?? 1);
  if (!currency || !Number.isInteger(unit)) return fail(400, "invalid_request_error", "Missing required param: line_items[0][price_data].", "line_items");
  const expiresAt = Number(form.get("expires_at"));
  const now = Math.floor(Date.now() / 1000);
  if (expiresAt && (expiresAt < now + 30 * 60 - 5 || expiresAt > now + 24 * 3600)) return fail(400, "invalid_request_error", "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "expires_at");
  const id = `cs_test_${crypto.randomUUID().replace(/-/g, "")}`;
  const metadata: Record<string, string> = {};
  for (const [k, v] of form) {
    const m = /^metadata\[(.+)\]$/.exec(k);
    if (m) metadata[m[1]!] = v;
  }
  return json(200, {
    ...fixtures["checkout.session"],
    id,
    url: `https://checkout.stripe.com/c/pay/${id}`,
    mode: form.get("mode"),
    client_reference_id: form.get("client_reference_id"),
    success_url: form.get("success_url"),
    cancel_url: form.get("cancel_url"),
    amount_subtotal: unit * quantity,
    amount_total: unit * quantity,
    currency,
    metadata,
    created: now,
    expires_at: expiresAt || now + 24 * 3600,
    status: "open",
    payment_status: "unpaid",
  });
}

const requireParam = (form: URLSearchParams, ...names: string[]) => {
  const missing = names.find((n) => !form.get(n));
  return missing ? fail(400, "invalid_request_error", `Missing required param: ${missing}.`, missing) : null;
};

/** Connected accounts the stub made, so a transfer to an unknown or disabled one is refused as Stripe would. */
export const stubAccounts = new Map<string, { payoutsEnabled: boolean }>();

function createAccount(form: URLSearchParams) {
  const missing = requireParam(form, "type", "country");
  if (missing) return missing;
  const id = `acct_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
  stubAccounts.set(id, { payoutsEnabled: false });
  return json(200, { ...fixtures.account, id, type: form.get("type"), country: form.get("country"), email: form.get("email"), payouts_enabled: false, details_submitted: false, tos_acceptance: { ...fixtures.account.tos_acceptance, service_agreement: form.get("tos_acceptance[service_agreement]") ?? "full" }, metadata: { tandem_creator: form.get("metadata[tandem_creator]") } });
}

function createAccountLink(form: URLSearchParams) {
  const missing = requireParam(form, "account", "type", "return_url", "refresh_url");
  if (missing) return missing;
  if (!stubAccounts.has(form.get("account")!)) return fail(400, "invalid_request_error", `No such account: '${form.get("account")}'`, "account");
  return json(200, { ...fixtures.account_link, url: `https://connect.stripe.com/setup/e/${form.get("account")}/${crypto.randomUUID().slice(0, 12)}`, created: Math.floor(Date.now() / 1000), expires_at: Math.floor(Date.now() / 1000) + 300 });
}

function createTransfer(form: URLSearchParams) {
  const missing = requireParam(form, "amount", "currency", "destination");
  if (missing) return missing;
  const account = stubAccounts.get(form.get("destination")!);
  if (!account) return fail(400, "invalid_request_error", `No such destination: '${form.get("destination")}'`, "destination");
  if (!account.payoutsEnabled) return fail(400, "invalid_request_error", "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments", "destination");
  return json(200, { ...fixtures.transfer, id: `tr_${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`, amount: Number(form.get("amount")), currency: form.get("currency"), destination: form.get("destination"), transfer_group: form.get("transfer_group"), metadata: { tandem_payout: form.get("metadata[tandem_payout]") }, created: Math.floor(Date.now() / 1000) });
}

/** PaymentIntents the tests paid, with what Stripe kept and in which balance currency. */
export const stubPaymentIntents = new Map<string, { amount: number; currency: string; fee: number; balanceCurrency?: string }>();

function retrievePaymentIntent(id: string) {
  const pi = stubPaymentIntents.get(id);
  if (!pi) return fail(404, "invalid_request_error", `No such payment_intent: '${id}'`, "intent");
  const charge = `ch_${id.slice(3, 20)}`;
  return json(200, {
    ...fixtures.payment_intent,
    id,
    amount: pi.amount,
    currency: pi.currency,
    status: "succeeded",
    latest_charge: { ...fixtures.charge, id: charge, amount: pi.amount, currency: pi.currency, payment_intent: id, balance_transaction: { ...fixtures.balance_transaction, id: `txn_${id.slice(3, 20)}`, amount: pi.amount, currency: pi.balanceCurrency ?? pi.currency, fee: pi.fee, net: pi.amount - pi.fee, source: charge, created: Math.floor(Date.now() / 1000) } },
  });
}

/** The stub's outage switch: while on, every request fails as a network error would (the SDK retries, then gives up). */
export const stubOutage = { on: false };

export function installStripeStub() {
  const passThrough = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.hostname !== STRIPE_TEST_API.host) return passThrough(input, init);
    if (stubOutage.on) throw new TypeError("fetch failed: connection refused (stub outage)");
    if (!/^Bearer sk_test_\w+$/.test(request.headers.get("authorization") ?? "")) return fail(401, "invalid_request_error", "Invalid API Key provided.");
    const form = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
    const idempotencyKey = request.headers.get("idempotency-key");
    stripeStub.requests.push({ method: request.method, path: url.pathname, form, idempotencyKey });
    if (idempotencyKey && byKey.has(idempotencyKey)) return json(200, byKey.get(idempotencyKey));
    let res: Response;
    if (request.method === "POST" && url.pathname === "/v1/checkout/sessions") res = createCheckoutSession(form);
    else if (request.method === "POST" && url.pathname === "/v1/accounts") res = createAccount(form);
    else if (request.method === "POST" && url.pathname === "/v1/account_links") res = createAccountLink(form);
    else if (request.method === "POST" && url.pathname === "/v1/transfers") res = createTransfer(form);
    else if (request.method === "POST" && url.pathname === "/v1/prices") res = createPrice(form);
    else if (request.method === "GET" && /^\/v1\/payment_intents\/\w+$/.test(url.pathname)) res = retrievePaymentIntent(url.pathname.split("/")[3]!);
    else if (request.method === "POST" && url.pathname === "/v1/billing_portal/sessions") res = (requireParam(form, "customer") ?? json(200, { ...fixtures["billing_portal.session"], customer: form.get("customer"), return_url: form.get("return_url"), url: `https://billing.stripe.com/p/session/test_${crypto.randomUUID().slice(0, 12)}` }));
    else if (request.method === "GET" && /^\/v1\/subscriptions\/[\w]+$/.test(url.pathname)) res = stubSubscriptions.has(url.pathname.split("/")[3]!) ? json(200, stubSubscriptions.get(url.pathname.split("/")[3]!)) : fail(404, "invalid_request_error", "No such subscription.", "id");
    else if (request.method === "POST" && /^\/v1\/subscriptions\/[\w]+$/.test(url.pathname)) res = updateSubscription(url.pathname.split("/")[3]!, form);
    else res = fail(404, "invalid_request_error", `Unrecognized request URL (${request.method}: ${url.pathname}).`);
    if (idempotencyKey && res.ok) byKey.set(idempotencyKey, await res.clone().json());
    return res;
  };
}
