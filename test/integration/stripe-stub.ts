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

function createCheckoutSession(form: URLSearchParams) {
  if (!form.get("mode")) return fail(400, "invalid_request_error", "Missing required param: mode.", "mode");
  if (!form.get("success_url")) return fail(400, "invalid_request_error", "Missing required param: success_url.", "success_url");
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

export function installStripeStub() {
  const passThrough = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.hostname !== STRIPE_TEST_API.host) return passThrough(input, init);
    if (!/^Bearer sk_test_\w+$/.test(request.headers.get("authorization") ?? "")) return fail(401, "invalid_request_error", "Invalid API Key provided.");
    const form = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
    const idempotencyKey = request.headers.get("idempotency-key");
    stripeStub.requests.push({ method: request.method, path: url.pathname, form, idempotencyKey });
    if (idempotencyKey && byKey.has(idempotencyKey)) return json(200, byKey.get(idempotencyKey));
    let res: Response;
    if (request.method === "POST" && url.pathname === "/v1/checkout/sessions") res = createCheckoutSession(form);
    else res = fail(404, "invalid_request_error", `Unrecognized request URL (${request.method}: ${url.pathname}).`);
    if (idempotencyKey && res.ok) byKey.set(idempotencyKey, await res.clone().json());
    return res;
  };
}
