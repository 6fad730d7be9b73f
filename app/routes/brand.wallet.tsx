import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { PAYMENT_CURRENCIES } from "../../workers/money/schemas";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select } from "../components/ui/field";
import { api, fieldErrors } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { formatMoney, parseMoney } from "../lib/money";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Wallet · Brand console · Tandem" }];

interface Wallet {
  balances: { currency: string; availableMinor: number; committedMinor: number }[];
  topUps: { id: string; amountMinor: number; currency: string; status: "open" | "complete" | "declined" | "expired"; url: string | null; createdAt: string; completedAt: string | null }[];
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const res = await api<Wallet>(context, request, `/api/v1/brands/${brand.id}/wallet`);
  return { brand, canPay: brand.role !== "member", wallet: res.ok ? res.data : { balances: [], topUps: [] } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const form = await readForm(request);
  if (form.get("intent") === "holding") {
    const text = String(form.get("holdingDays") ?? "").trim();
    if (!/^\d{1,2}$/.test(text)) return { errors: { holdingDays: "A whole number of days from 0 to 90" } as Record<string, string>, message: null, saved: false };
    const res = await api(context, request, `/api/v1/brands/${brand.id}`, { method: "PATCH", body: { holdingDays: Number(text) } });
    if (!res.ok) return { errors: fieldErrors(res.problem), message: res.problem.errors?.length ? null : res.problem.detail, saved: false };
    return { errors: {} as Record<string, string>, message: null, saved: true };
  }
  const currency = String(form.get("currency") ?? "GBP");
  const amountMinor = parseMoney(String(form.get("amount") ?? ""), currency);
  if (amountMinor === null) return { errors: { amountMinor: "Enter an amount, like 250 or 250.00" } as Record<string, string>, message: null, saved: false };
  const res = await api<{ url: string }>(context, request, `/api/v1/brands/${brand.id}/wallet/top-ups`, { method: "POST", body: { amountMinor, currency } });
  if (!res.ok) return { errors: fieldErrors(res.problem), message: res.problem.errors?.length ? null : res.problem.detail, saved: false };
  // To Stripe Checkout, or to Tandem's test-mode checkout when Stripe is not set up.
  throw redirect(res.data.url);
}

const STATUS: Record<Wallet["topUps"][number]["status"], [string, string]> = {
  open: ["Awaiting payment", "badge-unverified"],
  complete: ["Paid", "badge-verified"],
  declined: ["Declined", "badge-failed"],
  expired: ["Expired", "badge-neutral"],
};

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

export default function BrandWallet() {
  const { wallet, canPay, brand } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const funded = wallet.balances.filter((b) => b.availableMinor !== 0 || b.committedMinor !== 0);
  return (
    <>
      <div className="page-head">
        <h1>Wallet</h1>
        <p>Money you have paid in to fund campaigns. Launching a campaign commits its budget from here; ending it returns what was not spent.</p>
      </div>
      <div className="stack" style={{ gap: "var(--space-5)" }}>
        {params.get("paid") && <div className="alert alert-success" role="status">Payment received. Your balance updates as soon as it is confirmed.</div>}
        {params.get("cancelled") && <div className="alert alert-info" role="status">Top-up cancelled: nothing was charged.</div>}
        <section className="grid wallet-balances" aria-label="Balances">
          {funded.length === 0 ? (
            <Card>
              <h2>No money in your wallet yet</h2>
              <p className="muted">Top up to fund a campaign's budget. Each currency has its own balance.</p>
            </Card>
          ) : (
            funded.map((b) => (
              <Card key={b.currency}>
                <div className="muted small">Available · {b.currency}</div>
                <div className="wallet-amount" data-testid={`balance-${b.currency}`}>{formatMoney(b.availableMinor, b.currency)}</div>
                <div className="muted small" data-testid={`committed-${b.currency}`}>{b.committedMinor > 0 ? `${formatMoney(b.committedMinor, b.currency)} committed to live campaigns` : "Nothing committed to campaigns"}</div>
              </Card>
            ))
          )}
        </section>
        <Card>
          <h2>Top up</h2>
          {!canPay && <p className="muted">Only owners and admins can add money.</p>}
          {result?.message && <div className="alert alert-error" role="alert">{result.message}</div>}
          <Form method="post" className="stack" noValidate>
            <fieldset disabled={!canPay || busy} className="wallet-form">
              <Input label="Amount" name="amount" inputMode="decimal" placeholder="250.00" required error={result?.errors?.amountMinor} />
              <Select label="Currency" name="currency" options={PAYMENT_CURRENCIES.map((c) => ({ value: c, label: c }))} defaultValue="GBP" error={result?.errors?.currency} />
              <div className="wallet-submit"><Button type="submit">{busy ? "Opening checkout…" : "Continue to payment"}</Button></div>
            </fieldset>
          </Form>
        </Card>
        <Card>
          <h2>Creator holding period</h2>
          <p className="muted">How long creators' campaign earnings stay pending before they can be paid out: time to catch refunds and disputed traffic. Changes apply to earnings from now on.</p>
          {result?.saved && <div className="alert alert-success" role="status">Holding period saved.</div>}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="holding" />
            <fieldset disabled={!canPay || busy} className="wallet-form">
              <Input label="Days (0 to 90)" name="holdingDays" inputMode="numeric" defaultValue={String(brand.holdingDays)} error={result?.errors?.holdingDays} />
              <div className="wallet-submit"><Button type="submit" variant="secondary">Save</Button></div>
            </fieldset>
          </Form>
        </Card>
        <Card>
          <h2>Top-ups</h2>
          {wallet.topUps.length === 0 ? (
            <p className="muted">No top-ups yet.</p>
          ) : (
            <ul className="list">
              {wallet.topUps.map((t) => (
                <li key={t.id}>
                  <div>
                    <strong>{formatMoney(t.amountMinor, t.currency)}</strong>
                    <div className="muted small">{when(t.createdAt)}{t.completedAt && t.status === "complete" ? ` · paid ${when(t.completedAt)}` : ""}</div>
                  </div>
                  <div className="row">
                    <span className={`badge ${STATUS[t.status][1]}`}>{STATUS[t.status][0]}</span>
                    {t.url && <a className="small" href={t.url}>Pay now</a>}
                    {t.status === "complete" && <Link className="small" to={`/brand/wallet/receipts/${t.id}`}>Receipt</Link>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
