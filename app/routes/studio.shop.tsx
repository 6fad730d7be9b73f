import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PAYMENT_CURRENCIES } from "../../workers/money/schemas";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select } from "../components/ui/field";
import { api, fieldErrors } from "../lib/api.server";
import { requireCreator } from "../lib/creator.server";
import { formatMoney, parseMoney } from "../lib/money";
import { readForm } from "../lib/read-body.server";
import { bytes, KIND_NAMES, ORDER_STATUS, when, type Order, type ShopProduct } from "../lib/shop";
import { apiUpload } from "../lib/upload.server";

export const meta: MetaFunction = () => [{ title: "Shop · Creator studio · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { creator } = await requireCreator(context, request);
  const [products, orders] = await Promise.all([
    api<{ items: ShopProduct[] }>(context, request, "/api/v1/shop/products"),
    api<{ items: Order[] }>(context, request, "/api/v1/orders?role=seller"),
  ]);
  return { handle: creator.handle, products: products.ok ? products.data.items : [], orders: orders.ok ? orders.data.items : [] };
}

type Result = { intent: string; id?: string; errors: Record<string, string>; message: string | null; ok?: boolean };

async function uploadFile(context: ActionFunctionArgs["context"], request: Request, productId: string, file: File) {
  return apiUpload<ShopProduct>(context, request, `/api/v1/shop/products/${productId}/file`, file, file.type || "application/octet-stream", { method: "PUT", headers: { "x-file-name": encodeURIComponent(file.name) } });
}

export async function action({ request, context }: ActionFunctionArgs): Promise<Result> {
  await requireCreator(context, request);
  const form = await readForm(request);
  const intent = String(form.get("intent"));
  const id = String(form.get("id") ?? "");
  if (intent === "create") {
    const currency = String(form.get("currency") ?? "GBP");
    const kind = String(form.get("kind") ?? "");
    const priceMinor = parseMoney(String(form.get("price") ?? ""), currency);
    const inventoryText = String(form.get("inventory") ?? "").trim();
    const file = form.get("file");
    const hasFile = file instanceof File && file.size > 0;
    const errors: Record<string, string> = {};
    if (priceMinor === null) errors.priceMinor = "Enter a price, like 15 or 15.00";
    if (inventoryText && !/^\d+$/.test(inventoryText)) errors.inventory = "A whole number, or leave it empty for no limit";
    if (kind === "digital" && !hasFile) errors.file = "Choose the file buyers will download";
    if (Object.keys(errors).length) return { intent, errors, message: null };
    const created = await api<ShopProduct>(context, request, "/api/v1/shop/products", {
      method: "POST",
      body: { kind, title: String(form.get("title") ?? ""), description: String(form.get("description") ?? ""), priceMinor, currency, inventory: inventoryText ? Number(inventoryText) : null, imageUrl: String(form.get("imageUrl") ?? "").trim() || null },
    });
    if (!created.ok) return { intent, errors: fieldErrors(created.problem), message: created.problem.errors?.length ? null : created.problem.detail };
    if (hasFile) {
      const up = await uploadFile(context, request, created.data.id, file);
      if (!up.ok) return { intent, errors: { file: up.problem.detail }, message: "The product was saved as a draft, but its file did not upload. Upload it below." };
    }
    if (form.get("publish") === "on") {
      const live = await api<ShopProduct>(context, request, `/api/v1/shop/products/${created.data.id}`, { method: "PATCH", body: { status: "active" } });
      if (!live.ok) return { intent, errors: fieldErrors(live.problem), message: live.problem.detail };
    }
    return { intent, errors: {}, message: null, ok: true };
  }
  if (intent === "status") {
    const res = await api<ShopProduct>(context, request, `/api/v1/shop/products/${id}`, { method: "PATCH", body: { status: String(form.get("status")) } });
    return { intent, id, errors: {}, message: res.ok ? null : res.problem.errors?.[0]?.message ?? res.problem.detail };
  }
  if (intent === "file") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return { intent, id, errors: {}, message: "Choose a file first." };
    const up = await uploadFile(context, request, id, file);
    return { intent, id, errors: {}, message: up.ok ? null : up.problem.detail };
  }
  if (intent === "refund") {
    const amountText = String(form.get("amount") ?? "").trim();
    // The order's currency travels with the refund form, for reading the amount typed.
    const amountMinor = amountText ? parseMoney(amountText, String(form.get("currency") ?? "GBP")) : undefined;
    if (amountMinor === null) return { intent, id, errors: {}, message: "Enter an amount like 5 or 5.00, or leave it empty to refund everything left." };
    const res = await api<Order>(context, request, `/api/v1/orders/${id}/refund`, { method: "POST", body: amountMinor === undefined ? {} : { amountMinor } });
    return { intent, id, errors: {}, message: res.ok ? null : (res.problem.errors?.[0]?.message ?? res.problem.detail) };
  }
  if (intent === "fulfil") {
    const res = await api<Order>(context, request, `/api/v1/orders/${id}/fulfil`, { method: "POST" });
    return { intent, id, errors: {}, message: res.ok ? null : res.problem.detail };
  }
  return { intent, errors: {}, message: "Unknown action." };
}

const PRODUCT_STATUS: Record<ShopProduct["status"], [string, string]> = { draft: ["Draft", "badge-neutral"], active: ["On sale", "badge-verified"], archived: ["Archived", "badge-neutral"] };

function ProductRow({ p, handle, result, busy }: { p: ShopProduct; handle: string; result: Result | undefined; busy: boolean }) {
  const mine = result?.id === p.id ? result : undefined;
  return (
    <li className="shop-product">
      <div className="shop-product-main">
        <strong>{p.title}</strong>
        <div className="muted small">
          {KIND_NAMES[p.kind]} · {formatMoney(p.priceMinor, p.currency)} · {p.sold} sold
          {p.available !== null ? ` · ${p.available} left` : ""}
          {p.kind === "digital" ? (p.file ? ` · ${p.file.name} (${bytes(p.file.bytes)})` : " · no file yet") : ""}
        </div>
        {p.status === "active" ? (
          <a className="small" href={`/@${handle}/shop/${p.slug}`}>
            View on your storefront
          </a>
        ) : null}
        {mine?.message ? (
          <div className="alert alert-error small" role="alert">
            {mine.message}
          </div>
        ) : null}
      </div>
      <div className="row">
        <span className={`badge ${PRODUCT_STATUS[p.status][1]}`}>{PRODUCT_STATUS[p.status][0]}</span>
        {p.kind === "digital" ? (
          <Form method="post" encType="multipart/form-data" className="row shop-file">
            <input type="hidden" name="intent" value="file" />
            <input type="hidden" name="id" value={p.id} />
            <label className="small">
              <span className="visually-hidden">{p.file ? "Replace file" : "Upload file"} for {p.title}</span>
              <input type="file" name="file" required />
            </label>
            <Button type="submit" size="small" variant="secondary" disabled={busy}>
              {p.file ? "Replace file" : "Upload file"}
            </Button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="id" value={p.id} />
          <Button type="submit" size="small" variant={p.status === "active" ? "ghost" : "primary"} name="status" value={p.status === "active" ? "draft" : "active"} disabled={busy}>
            {p.status === "active" ? "Take off sale" : "Put on sale"}
          </Button>
        </Form>
      </div>
    </li>
  );
}

function OrderRow({ o, result, busy }: { o: Order; result: Result | undefined; busy: boolean }) {
  const mine = result?.id === o.id ? result : undefined;
  const canFulfil = (o.status === "paid" || o.status === "partially_refunded") && !o.fulfilledAt;
  const canRefund = o.status === "paid" || o.status === "fulfilled" || o.status === "partially_refunded";
  return (
    <li className="shop-order">
      <div className="shop-product-main">
        <strong>
          {o.items.map((i) => `${i.title}${i.quantity > 1 ? ` × ${i.quantity}` : ""}`).join(", ")}
        </strong>
        <div className="muted small">
          {formatMoney(o.totalMinor, o.currency)} · you earn {formatMoney(o.earningsMinor ?? 0, o.currency)} · {when(o.createdAt)}
          {o.refundedMinor > 0 ? ` · ${formatMoney(o.refundedMinor, o.currency)} refunded` : ""}
          {o.buyerEmail ? ` · ${o.buyerEmail}` : ""}
        </div>
        {o.shipping ? (
          <address className="small shop-address">
            Ship to {o.shipping.name}, {o.shipping.line1}
            {o.shipping.line2 ? `, ${o.shipping.line2}` : ""}, {o.shipping.city} {o.shipping.postalCode}, {o.shipping.country}
          </address>
        ) : null}
        {mine?.message ? (
          <div className="alert alert-error small" role="alert">
            {mine.message}
          </div>
        ) : null}
      </div>
      <div className="row">
        <span className={`badge ${ORDER_STATUS[o.status][1]}`}>{ORDER_STATUS[o.status][0]}</span>
        {canRefund ? (
          <Form method="post" className="row shop-refund" key={o.refundedMinor}>
            <input type="hidden" name="intent" value="refund" />
            <input type="hidden" name="id" value={o.id} />
            <input type="hidden" name="currency" value={o.currency} />
            <label className="small">
              <span className="visually-hidden">Amount to refund (empty: everything left)</span>
              <input className="input" name="amount" inputMode="decimal" placeholder={formatMoney(o.totalMinor - o.refundedMinor, o.currency)} />
            </label>
            <Button type="submit" size="small" variant="ghost" disabled={busy}>
              Refund
            </Button>
          </Form>
        ) : null}
        {canFulfil ? (
          <Form method="post">
            <input type="hidden" name="intent" value="fulfil" />
            <input type="hidden" name="id" value={o.id} />
            <Button type="submit" size="small" disabled={busy}>
              Mark fulfilled
            </Button>
          </Form>
        ) : null}
      </div>
    </li>
  );
}

export default function StudioShop() {
  const { products, orders, handle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const created = result?.intent === "create" ? result : undefined;
  const toFulfil = orders.filter((o) => (o.status === "paid" || o.status === "partially_refunded") && !o.fulfilledAt).length;
  return (
    <>
      <div className="page-head">
        <h1>Shop</h1>
        <p>Sell your own downloads, sessions and goods from your storefront. Buyers pay through checkout; you earn the price less Tandem's 5% fee, pending until the sale's settlement window ends.</p>
      </div>
      <div className="stack" style={{ gap: "var(--space-5)" }}>
        <Card>
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2>Orders</h2>
            {toFulfil ? <span className="badge badge-unverified">{toFulfil} to fulfil</span> : null}
          </div>
          {orders.length === 0 ? (
            <p className="muted">No orders yet. Put a product on sale and add a Shop block to your storefront.</p>
          ) : (
            <ul className="list">
              {orders.map((o) => (
                <OrderRow key={o.id} o={o} result={result} busy={busy} />
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <h2>Products</h2>
          {products.length === 0 ? (
            <p className="muted">Nothing here yet. Add your first product below.</p>
          ) : (
            <ul className="list">
              {products.map((p) => (
                <ProductRow key={p.id} p={p} handle={handle} result={result} busy={busy} />
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <h2>Add a product</h2>
          {created?.ok ? (
            <div className="alert alert-success" role="status">
              Product added.
            </div>
          ) : null}
          {created?.message ? (
            <div className="alert alert-error" role="alert">
              {created.message}
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="shop-form" key={created?.ok ? "reset" : "form"}>
            <input type="hidden" name="intent" value="create" />
            <Select label="What is it?" name="kind" options={Object.entries(KIND_NAMES).map(([value, label]) => ({ value, label }))} defaultValue="digital" error={created?.errors.kind} />
            <Input label="Title" name="title" required maxLength={120} error={created?.errors.title} />
            <div className="field shop-form-wide">
              <label htmlFor="shop-description">Description</label>
              <textarea id="shop-description" name="description" rows={4} maxLength={2000} className="input" />
              {created?.errors.description ? <span className="error" role="alert">{created.errors.description}</span> : null}
            </div>
            <Input label="Price" name="price" inputMode="decimal" placeholder="15.00" required error={created?.errors.priceMinor} />
            <Select label="Currency" name="currency" options={PAYMENT_CURRENCIES.map((c) => ({ value: c, label: c }))} defaultValue="GBP" error={created?.errors.currency} />
            <Input label="Stock (optional)" name="inventory" inputMode="numeric" hint="Leave empty for no limit" error={created?.errors.inventory} />
            <Input label="Image URL (optional)" name="imageUrl" type="url" placeholder="https://…" error={created?.errors.imageUrl} />
            <div className="field shop-form-wide">
              <label htmlFor="shop-file">File buyers download (downloads only, up to 25 MB)</label>
              <input id="shop-file" type="file" name="file" />
              {created?.errors.file ? <span className="error" role="alert">{created.errors.file}</span> : null}
            </div>
            <label className="checkbox shop-form-wide">
              <input type="checkbox" name="publish" defaultChecked /> Put it on sale now
            </label>
            <div className="shop-form-wide">
              <Button type="submit" disabled={busy}>
                {busy ? "Saving…" : "Add product"}
              </Button>
            </div>
          </Form>
        </Card>
      </div>
    </>
  );
}
