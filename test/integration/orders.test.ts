import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { buy, createCreator, createCreatorProduct, payTestCheckout, signIn } from "../factories";
import { stripeProvider } from "../../workers/money/stripe-provider";
import { newId } from "../../workers/lib/ids";
import { api, postJson, problem, uniqueEmail } from "./helpers";
import { query, runScheduled } from "./pg-helpers";
import { installStripeStub, STRIPE_TEST_API, stripeStub } from "./stripe-stub";

installStripeStub();

type Order = { id: string; role: string; status: string; totalMinor: number; earningsMinor: number | null; buyerEmail: string | null; checkoutUrl: string | null; downloads: { url: string; fileName: string }[]; shipping: Record<string, unknown> | null; items: { productId: string; quantity: number }[] };
type Product = { id: string; slug: string; available: number | null; sold: number; status: string };

const order = async (id: string, cookie: string) => (await (await api(`/api/v1/orders/${id}`, { headers: { cookie } })).json()) as Order;
const myProducts = async (cookie: string) => ((await (await api("/api/v1/shop/products", { headers: { cookie } })).json()) as { items: Product[] }).items;
const SHIP = { name: "Sam Buyer", line1: "1 High Street", city: "Leeds", postalCode: "LS1 1AA", country: "GB" };

async function shop(label: string) {
  const seller = await signIn(api, uniqueEmail(`${label}-seller`));
  const creator = await createCreator(api, seller.cookie, { handle: `${label.replace(/-/g, "_")}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`, displayName: "Shop Owner", niches: ["fitness"] });
  const buyerEmail = uniqueEmail(`${label}-fan`);
  const buyer = await signIn(api, buyerEmail);
  return { seller: seller.cookie, creatorId: creator.id, handle: creator.handle, buyer: buyer.cookie, buyerEmail };
}

/** The sale entry's lines for an order, per account kind. */
const saleLines = (orderId: string) =>
  query<{ kind: string; owner_id: string; amount: string }>(
    "select a.kind, a.owner_id, l.amount_minor::text as amount from ledger_lines l join ledger_accounts a on a.id = l.account_id join ledger_entries e on e.id = l.entry_id where e.key = $1 order by a.kind",
    [`sale:${orderId}`],
  );

describe("creator products", () => {
  it("keeps a download off sale until its file is uploaded, and never serves that file publicly", async () => {
    const s = await shop("files");
    const res = await postJson("/api/v1/shop/products", { kind: "digital", title: "Home workout plan", priceMinor: 1_500, currency: "GBP", status: "active" }, { cookie: s.seller });
    expect(res.status).toBe(422);
    expect((await problem(res)).errors).toEqual([{ path: "body.status", message: "A digital product needs its file first" }]);
    const bad = await postJson("/api/v1/shop/products", { kind: "digital", title: "", priceMinor: 10, currency: "JPY", extra: 1 }, { cookie: s.seller });
    expect((await problem(bad)).errors?.map((e) => e.path).sort()).toEqual(["body.currency", "body.extra", "body.priceMinor", "body.title"]);

    const p = await createCreatorProduct(api, s.seller, { kind: "digital", title: "Home workout plan", priceMinor: 1_500, currency: "GBP", status: "active" }, { name: "plan.pdf", bytes: new TextEncoder().encode("%PDF-1.4 plan") });
    expect(p.status).toBe("active");
    const [row] = (await myProducts(s.seller)).filter((x) => x.id === p.id);
    expect(row).toMatchObject({ slug: "home-workout-plan", available: null, sold: 0, file: { name: "plan.pdf", bytes: 13, type: "application/pdf" } });
    // Someone else's product is not theirs to change.
    const other = await shop("files-other");
    expect((await api(`/api/v1/shop/products/${p.id}`, { method: "PATCH", headers: { cookie: other.seller, "content-type": "application/json" }, body: JSON.stringify({ priceMinor: 100 }) })).status).toBe(404);
    // The file sits under the private prefix, which /media refuses.
    const stored = await env.MEDIA.list({ prefix: `private/downloads/${s.creatorId}/` });
    expect(stored.objects).toHaveLength(1);
    expect((await api(`/media/${stored.objects[0]!.key}`)).status).toBe(404);
  });
});

describe("storefront orders (manual provider)", () => {
  it("sells a download: pay once, the sale is posted once and balanced, and the buyer's link delivers the file", async () => {
    const s = await shop("dl");
    const p = await createCreatorProduct(api, s.seller, { kind: "digital", title: "Recipe e-book", priceMinor: 2_000, currency: "GBP", status: "active" }, { name: "Recipes é.pdf", bytes: new TextEncoder().encode("%PDF recipes") });
    const { orderId, url } = await buy(api, s.buyer, [{ productId: p.id, quantity: 1 }]);
    expect(orderId).toMatch(/^ord_/);
    expect(url).toMatch(/\/checkout\/test\/mcs_/);
    expect(await order(orderId, s.buyer)).toMatchObject({ status: "pending", role: "buyer", checkoutUrl: url, downloads: [], earningsMinor: null, buyerEmail: null });

    const page = (await (await api(`/api/v1/checkout/test/${new URL(url).pathname.split("/").pop()}`)).json()) as { lines: unknown[]; collectShipping: boolean; amountMinor: number };
    expect(page).toMatchObject({ lines: [{ name: "Recipe e-book", unitAmountMinor: 2_000, quantity: 1 }], collectShipping: false, amountMinor: 2_000 });
    await payTestCheckout(api, url);
    // A second press of pay is refused; nothing is posted twice.
    expect((await postJson(`/api/v1/checkout/test/${new URL(url).pathname.split("/").pop()}/pay`, {})).status).toBe(409);

    const paid = await order(orderId, s.buyer);
    expect(paid.status).toBe("fulfilled");
    expect(paid.checkoutUrl).toBeNull();
    expect(await saleLines(orderId)).toEqual([
      { kind: "creator_pending", owner_id: s.creatorId, amount: "1900" },
      { kind: "platform_fee", owner_id: "platform", amount: "100" },
      { kind: "provider_clearing", owner_id: "platform", amount: "-2000" },
    ]);
    const file = await api(paid.downloads[0]!.url);
    expect(file.status).toBe(200);
    expect(new TextDecoder().decode(await file.arrayBuffer())).toBe("%PDF recipes");
    expect(file.headers.get("content-disposition")).toContain("filename*=UTF-8''Recipes%20%C3%A9.pdf");
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    // A forged or altered link is refused.
    const [payload, sig] = paid.downloads[0]!.url.split("/").pop()!.split(".");
    expect((await api(`/api/v1/downloads/${payload}.${sig!.replace(/^./, (c) => (c === "a" ? "b" : "a"))}`)).status).toBe(404);
    const forged = btoa(JSON.stringify({ ...JSON.parse(atob(payload!.replaceAll("-", "+").replaceAll("_", "/"))), e: Date.now() + 1e9 })).replace(/=+$/, "");
    expect((await api(`/api/v1/downloads/${forged}.${sig}`)).status).toBe(404);

    // The seller sees the sale, what it earns and who bought it; the product counts one sold.
    const seen = await order(orderId, s.seller);
    expect(seen).toMatchObject({ role: "seller", earningsMinor: 1_900, buyerEmail: s.buyerEmail, downloads: [] });
    const sellerList = (await (await api("/api/v1/orders?role=seller", { headers: { cookie: s.seller } })).json()) as { items: Order[] };
    expect(sellerList.items.map((o) => o.id)).toEqual([orderId]);
    expect((await myProducts(s.seller)).find((x) => x.id === p.id)?.sold).toBe(1);
    const earnings = (await (await api("/api/v1/earnings", { headers: { cookie: s.seller } })).json()) as { pending: { currency: string; amountMinor: number }[] };
    expect(earnings.pending).toEqual([{ currency: "GBP", amountMinor: 1_900 }]);
  });

  it("holds the last unit for one buyer, collects a shipping address, and lets only the seller fulfil", async () => {
    const s = await shop("ship");
    const second = await signIn(api, uniqueEmail("ship-fan2"));
    const p = await createCreatorProduct(api, s.seller, { kind: "physical", title: "Signed print", priceMinor: 4_500, currency: "GBP", inventory: 1, status: "active" });
    const first = await buy(api, s.buyer, [{ productId: p.id, quantity: 1 }]);
    const sold = await postJson("/api/v1/checkout", { items: [{ productId: p.id, quantity: 1 }] }, { cookie: second.cookie });
    expect(sold.status).toBe(409);
    expect((await problem(sold)).errors).toEqual([{ path: "body.items.0.quantity", message: "Not enough left" }]);
    expect((await myProducts(s.seller)).find((x) => x.id === p.id)?.available).toBe(0);

    const sessionId = new URL(first.url).pathname.split("/").pop();
    const noAddress = await postJson(`/api/v1/checkout/test/${sessionId}/pay`, {});
    expect(noAddress.status).toBe(422);
    expect((await problem(noAddress)).errors).toEqual([{ path: "body.shipping", message: "A shipping address is required" }]);
    const badAddress = await postJson(`/api/v1/checkout/test/${sessionId}/pay`, { shipping: { ...SHIP, country: "England" } });
    expect((await problem(badAddress)).errors?.[0]?.path).toBe("body.shipping.country");
    await payTestCheckout(api, first.url, { shipping: SHIP });

    const paid = await order(first.orderId, s.seller);
    expect(paid).toMatchObject({ status: "paid", shipping: { ...SHIP, line2: null, state: null } });
    expect((await api(`/api/v1/orders/${first.orderId}/fulfil`, { method: "POST", headers: { cookie: s.buyer } })).status).toBe(403);
    const fulfilled = (await (await api(`/api/v1/orders/${first.orderId}/fulfil`, { method: "POST", headers: { cookie: s.seller } })).json()) as Order;
    expect(fulfilled.status).toBe("fulfilled");
    expect((await api(`/api/v1/orders/${first.orderId}/fulfil`, { method: "POST", headers: { cookie: s.seller } })).status).toBe(409);
    expect((await myProducts(s.seller)).find((x) => x.id === p.id)).toMatchObject({ available: 0, sold: 1 });
    // An outsider learns nothing about the order.
    expect((await api(`/api/v1/orders/${first.orderId}`, { headers: { cookie: second.cookie } })).status).toBe(404);
    expect((await api(`/api/v1/orders/${first.orderId}`)).status).toBe(401);
  });

  it("puts the stock back when a checkout is declined or expires", async () => {
    const s = await shop("back");
    const p = await createCreatorProduct(api, s.seller, { kind: "service", title: "30-minute coaching call", priceMinor: 6_000, currency: "GBP", inventory: 2, status: "active" });
    const declined = await buy(api, s.buyer, [{ productId: p.id, quantity: 2 }]);
    expect((await myProducts(s.seller)).find((x) => x.id === p.id)?.available).toBe(0);
    await postJson(`/api/v1/checkout/test/${new URL(declined.url).pathname.split("/").pop()}/decline`, {});
    expect((await order(declined.orderId, s.buyer)).status).toBe("cancelled");
    expect((await myProducts(s.seller)).find((x) => x.id === p.id)?.available).toBe(2);

    const lapsed = await buy(api, s.buyer, [{ productId: p.id, quantity: 1 }]);
    await query("update checkout_sessions set expires_at = now() - interval '1 minute' where owner_id = $1", [lapsed.orderId]);
    await runScheduled();
    expect((await order(lapsed.orderId, s.buyer)).status).toBe("expired");
    expect((await myProducts(s.seller)).find((x) => x.id === p.id)?.available).toBe(2);
    expect(await saleLines(declined.orderId)).toEqual([]);
    expect(await saleLines(lapsed.orderId)).toEqual([]);
  });

  it("repairs stock the provider event could not settle: a paid order's hold is sold, a stale pending one expires", async () => {
    const s = await shop("sweep");
    const p = await createCreatorProduct(api, s.seller, { kind: "physical", title: "Mug", priceMinor: 1_200, currency: "GBP", inventory: 5, status: "active" });
    const paid = await buy(api, s.buyer, [{ productId: p.id, quantity: 2 }]);
    await payTestCheckout(api, paid.url, { shipping: SHIP });
    const stale = await buy(api, s.buyer, [{ productId: p.id, quantity: 1 }]);
    // As if the follow-up in D1 had failed, and the stale order's checkout had never been opened.
    await env.DB.prepare("update stock_holds set status = 'held', expires_at = 0 where order_id in (?, ?)").bind(paid.orderId, stale.orderId).run();
    await query("delete from checkout_sessions where owner_id = $1", [stale.orderId]);
    await query("update orders set expires_at = now() - interval '2 hours' where id = $1", [stale.orderId]);
    await runScheduled();
    const holds = await env.DB.prepare("select order_id, status from stock_holds where order_id in (?, ?) order by status").bind(paid.orderId, stale.orderId).all<{ order_id: string; status: string }>();
    expect(holds.results).toEqual([
      { order_id: stale.orderId, status: "released" },
      { order_id: paid.orderId, status: "sold" },
    ]);
    expect((await order(stale.orderId, s.buyer)).status).toBe("expired");
    expect((await myProducts(s.seller)).find((x) => x.id === p.id)).toMatchObject({ available: 3, sold: 2 });
  });

  it("refuses what cannot be bought, naming the field", async () => {
    const s = await shop("refuse");
    const t = await shop("refuse-b");
    const mine = await createCreatorProduct(api, s.seller, { kind: "service", title: "Session", priceMinor: 1_000, currency: "GBP", status: "active" });
    const draft = await createCreatorProduct(api, s.seller, { kind: "service", title: "Draft", priceMinor: 1_000, currency: "GBP" });
    const dollars = await createCreatorProduct(api, s.seller, { kind: "service", title: "US session", priceMinor: 1_000, currency: "USD", status: "active" });
    const theirs = await createCreatorProduct(api, t.seller, { kind: "service", title: "Other", priceMinor: 1_000, currency: "GBP", status: "active" });
    const dl = await createCreatorProduct(api, s.seller, { kind: "digital", title: "Guide", priceMinor: 1_000, currency: "GBP", status: "active" }, { name: "g.pdf", bytes: new Uint8Array([1, 2, 3]) });
    const attempt = async (body: unknown, cookie = s.buyer) => {
      const res = await postJson("/api/v1/checkout", body, { cookie });
      return { status: res.status, errors: (await problem(res)).errors };
    };
    expect(await attempt({ items: [{ productId: draft.id, quantity: 1 }] })).toEqual({ status: 422, errors: [{ path: "body.items.0.productId", message: "No such product on sale" }] });
    expect(await attempt({ items: [{ productId: mine.id, quantity: 1 }, { productId: theirs.id, quantity: 1 }] })).toEqual({ status: 422, errors: [{ path: "body.items.1.productId", message: "One order buys from one creator" }] });
    expect((await attempt({ items: [{ productId: mine.id, quantity: 1 }, { productId: dollars.id, quantity: 1 }] })).errors).toEqual([{ path: "body.items.1.productId", message: "Priced in USD, the order in GBP" }]);
    expect((await attempt({ items: [{ productId: dl.id, quantity: 2 }] })).errors).toEqual([{ path: "body.items.0.quantity", message: "A download is bought once" }]);
    expect((await attempt({ items: [{ productId: mine.id, quantity: 1 }, { productId: mine.id, quantity: 2 }] })).errors?.[0]?.path).toBe("body.items");
    expect((await attempt({ items: [{ productId: mine.id, quantity: 0 }] })).errors?.[0]?.path).toBe("body.items.0.quantity");
    expect(await attempt({ items: [{ productId: mine.id, quantity: 1 }] }, s.seller)).toMatchObject({ status: 403 });
    expect((await postJson("/api/v1/checkout", { items: [{ productId: mine.id, quantity: 1 }] })).status).toBe(401);
    // Nothing was written for any refused checkout.
    expect(await query("select id from orders where creator_id = $1", [s.creatorId])).toEqual([]);
  });
});

describe("the Stripe adapter for orders", () => {
  it("sends each line, asks for shipping for physical goods and groups the charge for the later transfer", async () => {
    const provider = stripeProvider({ secretKey: "sk_test_tandem", api: STRIPE_TEST_API });
    const reference = newId("checkout");
    await provider.createCheckout({
      reference,
      description: "Storefront order",
      lines: [
        { name: "Signed print", unitAmountMinor: 4_500, quantity: 2 },
        { name: "Guide", unitAmountMinor: 1_000, quantity: 1 },
      ],
      amountMinor: 10_000,
      currency: "GBP",
      successUrl: "https://app.example/orders/ord_x?paid=1",
      cancelUrl: "https://app.example/@mia/shop/print",
      expiresAt: new Date(Date.now() + 3_600_000),
      metadata: { tandem_purpose: "order", tandem_owner: "ord_x" },
      collectShipping: true,
      transferGroup: "ord_x",
    });
    const sent = Object.fromEntries(stripeStub.requests.filter((r) => r.path === "/v1/checkout/sessions").at(-1)!.form);
    expect(sent).toMatchObject({
      "line_items[0][quantity]": "2",
      "line_items[0][price_data][unit_amount]": "4500",
      "line_items[0][price_data][product_data][name]": "Signed print",
      "line_items[1][price_data][unit_amount]": "1000",
      "shipping_address_collection[allowed_countries][0]": "GB",
      "payment_intent_data[transfer_group]": "ord_x",
      "metadata[tandem_purpose]": "order",
    });
  });
});
