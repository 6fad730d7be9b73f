// Named `[test]` (a literal segment): the route globs ignore files matching `*.test.*`.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input } from "../components/ui/field";
import { api } from "../lib/api.server";
import { formatMoney } from "../lib/money";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Test-mode checkout · Tandem" }, { name: "robots", content: "noindex" }];

interface TestCheckout {
  sessionId: string;
  description: string;
  lines: { name: string; unitAmountMinor: number; quantity: number }[];
  collectShipping: boolean;
  amountMinor: number;
  currency: string;
  status: "open" | "complete" | "declined" | "expired";
  expiresAt: string;
  successUrl: string;
  cancelUrl: string;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const res = await api<TestCheckout>(context, request, `/api/v1/checkout/test/${encodeURIComponent(params.sessionId ?? "")}`);
  if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
  return res.data;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const outcome = form.get("outcome") === "pay" ? "pay" : "decline";
  const text = (k: string) => String(form.get(k) ?? "").trim();
  // The address travels only with a pay and only when the page asked for it (physical goods).
  const shipping = outcome === "pay" && form.get("collectShipping") === "1" ? { name: text("name"), line1: text("line1"), line2: text("line2") || null, city: text("city"), postalCode: text("postalCode"), country: text("country").toUpperCase() } : undefined;
  const res = await api<TestCheckout>(context, request, `/api/v1/checkout/test/${encodeURIComponent(params.sessionId ?? "")}/${outcome}`, { method: "POST", body: shipping ? { shipping } : {} });
  if (!res.ok) {
    // body.shipping.city → city; body.shipping (the whole address missing) → shipping.
    const fields: Record<string, string> = {};
    for (const e of res.problem.errors ?? []) fields[e.path.replace(/^body\.shipping\.?/, "") || "shipping"] ??= e.message;
    return { message: res.problem.detail, fields };
  }
  if (res.data.status === "complete") throw redirect(res.data.successUrl);
  return { message: null, fields: {} as Record<string, string> };
}

/**
 * Tandem's own checkout for development and the offline demo (no STRIPE_SECRET_KEY): it takes no
 * card and moves no money, and says so. Paying or declining emits the events Stripe would.
 */
export default function TestCheckoutPage() {
  const checkout = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const open = checkout.status === "open";
  return (
    <div className="checkout-test">
      <div className="alert alert-warning checkout-test-banner" role="note">
        <strong>Test mode.</strong> This is Tandem's built-in checkout, used when Stripe is not set up. No card is taken and no real money moves.
      </div>
      <Card>
        <div className="muted small">{checkout.description}</div>
        <div className="checkout-test-amount">{formatMoney(checkout.amountMinor, checkout.currency)}</div>
        {checkout.lines.length > 1 || checkout.lines[0]?.quantity !== 1 || checkout.lines[0]?.name !== checkout.description ? (
          <ul className="checkout-test-lines">
            {checkout.lines.map((l) => (
              <li key={l.name}>
                <span>
                  {l.name}
                  {l.quantity > 1 ? <span className="muted"> × {l.quantity}</span> : null}
                </span>
                <span>{formatMoney(l.unitAmountMinor * l.quantity, checkout.currency)}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {result?.message && <div className="alert alert-error" role="alert">{result.message}</div>}
        {checkout.status === "declined" && <div className="alert alert-error" role="status">The payment was declined. Nothing was charged.</div>}
        {checkout.status === "expired" && <div className="alert alert-info" role="status">This checkout has expired. Start again to pay.</div>}
        {checkout.status === "complete" && <div className="alert alert-success" role="status">Paid.</div>}
        {open ? (
          <Form method="post" className="checkout-test-form">
            {checkout.collectShipping ? (
              <fieldset className="checkout-test-address">
                <legend>Shipping address</legend>
                <input type="hidden" name="collectShipping" value="1" />
                <Input label="Full name" name="name" autoComplete="name" required error={result?.fields?.name ?? result?.fields?.shipping} />
                <Input label="Address" name="line1" autoComplete="address-line1" required error={result?.fields?.line1} />
                <Input label="Address line 2 (optional)" name="line2" autoComplete="address-line2" error={result?.fields?.line2} />
                <div className="checkout-test-row">
                  <Input label="Town or city" name="city" autoComplete="address-level2" required error={result?.fields?.city} />
                  <Input label="Postcode" name="postalCode" autoComplete="postal-code" required error={result?.fields?.postalCode} />
                </div>
                <Input label="Country code" name="country" autoComplete="country" defaultValue="GB" maxLength={2} required hint="Two letters: GB, US, IE …" error={result?.fields?.country} />
              </fieldset>
            ) : null}
            <div className="checkout-test-actions">
            <Button type="submit" name="outcome" value="pay" disabled={busy}>Pay {formatMoney(checkout.amountMinor, checkout.currency)}</Button>
            <Button type="submit" name="outcome" value="decline" variant="ghost" disabled={busy} formNoValidate>Decline payment</Button>
            </div>
          </Form>
        ) : (
          <p><a href={checkout.status === "complete" ? checkout.successUrl : checkout.cancelUrl}>Back to Tandem</a></p>
        )}
        {open && <p className="muted small">Open until {new Date(checkout.expiresAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}. <a href={checkout.cancelUrl}>Cancel and go back</a></p>}
      </Card>
    </div>
  );
}
