// Named `[test]` (a literal segment): the route globs ignore files matching `*.test.*`.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { api } from "../lib/api.server";
import { formatMoney } from "../lib/money";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Test-mode checkout · Tandem" }, { name: "robots", content: "noindex" }];

interface TestCheckout {
  sessionId: string;
  description: string;
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
  const res = await api<TestCheckout>(context, request, `/api/v1/checkout/test/${encodeURIComponent(params.sessionId ?? "")}/${outcome}`, { method: "POST", body: {} });
  if (!res.ok) return { message: res.problem.detail };
  if (res.data.status === "complete") throw redirect(res.data.successUrl);
  return { message: null };
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
        {result?.message && <div className="alert alert-error" role="alert">{result.message}</div>}
        {checkout.status === "declined" && <div className="alert alert-error" role="status">The payment was declined. Nothing was charged.</div>}
        {checkout.status === "expired" && <div className="alert alert-info" role="status">This checkout has expired. Start a new top-up to pay.</div>}
        {checkout.status === "complete" && <div className="alert alert-success" role="status">Paid.</div>}
        {open ? (
          <Form method="post" className="checkout-test-actions">
            <Button type="submit" name="outcome" value="pay" disabled={busy}>Pay {formatMoney(checkout.amountMinor, checkout.currency)}</Button>
            <Button type="submit" name="outcome" value="decline" variant="ghost" disabled={busy}>Decline payment</Button>
          </Form>
        ) : (
          <p><a href={checkout.status === "complete" ? checkout.successUrl : checkout.cancelUrl}>Back to Tandem</a></p>
        )}
        {open && <p className="muted small">Open until {new Date(checkout.expiresAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}. <a href={checkout.cancelUrl}>Cancel and go back</a></p>}
      </Card>
    </div>
  );
}
