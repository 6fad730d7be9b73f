import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { SettlementTimeline, type Upcoming } from "../components/settlement-timeline";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Select } from "../components/ui/field";
import { api } from "../lib/api.server";
import { requireCreator } from "../lib/creator.server";
import { formatMoney } from "../lib/money";
import { countryOptions } from "../lib/options";
import { readForm } from "../lib/read-body.server";
import { when } from "../lib/shop";

export const meta: MetaFunction = () => [{ title: "Earnings · Creator studio · Tandem" }];

interface Balance {
  currency: string;
  pendingMinor: number;
  availableMinor: number;
  paidOutMinor: number;
  inTransitMinor: number;
  receivableMinor: number;
}
interface Payouts {
  account: { provider: "stripe" | "manual"; country: string; serviceAgreement: "full" | "recipient"; payoutsEnabled: boolean; requirementsDue: string[]; lastBankPayout: { status: "paid" | "failed"; amountMinor: number; currency: string; failureMessage: string | null } | null } | null;
  minimumMinor: number;
  items: { id: string; currency: string; amountMinor: number; trigger: "on_demand" | "weekly"; status: "pending" | "paid" | "failed"; failureReason: string | null; createdAt: string; paidAt: string | null }[];
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCreator(context, request);
  const [earnings, payouts] = await Promise.all([
    api<{ balances: Balance[]; upcoming: Upcoming[] }>(context, request, "/api/v1/earnings"),
    api<Payouts>(context, request, "/api/v1/payouts"),
  ]);
  const now = new Date();
  const months = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  return {
    balances: earnings.ok ? earnings.data.balances : [],
    upcoming: earnings.ok ? earnings.data.upcoming : [],
    payouts: payouts.ok ? payouts.data : { account: null, minimumMinor: 2000, items: [] },
    months,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireCreator(context, request);
  const form = await readForm(request);
  if (form.get("intent") === "onboard") {
    const res = await api<{ url: string }>(context, request, "/api/v1/payouts/account", { method: "POST", body: { country: String(form.get("country") ?? "") } });
    if (!res.ok) return { message: res.problem.errors?.[0]?.message ?? res.problem.detail };
    // To Stripe's hosted onboarding (or straight back, on the test-mode provider).
    throw redirect(res.data.url);
  }
  const res = await api(context, request, "/api/v1/payouts", { method: "POST", body: { currency: String(form.get("currency") ?? "") } });
  if (!res.ok) return { message: res.problem.detail };
  throw redirect("/studio/earnings?paid=1");
}

const PAYOUT_STATUS = { pending: ["On its way", "badge-unverified"], paid: ["Paid", "badge-verified"], failed: ["Failed", "badge-failed"] } as const;
const monthLabel = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export default function StudioEarnings() {
  const { balances, upcoming, payouts, months } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const account = payouts.account;
  const shown = balances.length ? balances : [{ currency: "GBP", pendingMinor: 0, availableMinor: 0, paidOutMinor: 0, inTransitMinor: 0, receivableMinor: 0 }];
  return (
    <>
      <div className="page-head">
        <h1>Earnings</h1>
        <p>One ledger for campaigns and sales. Earnings wait out their settlement window, then become available to pay out: every Monday automatically, or now.</p>
      </div>
      <div className="stack" style={{ gap: "var(--space-5)" }}>
        {params.get("paid") && <div className="alert alert-success" role="status">Payout started. It shows as paid as soon as the transfer goes through.</div>}
        {params.get("onboarding") === "done" && <div className="alert alert-success" role="status">Payout details saved.</div>}
        {params.get("onboarding") === "refresh" && <div className="alert alert-info" role="status">The onboarding link expired. Continue below for a fresh one.</div>}
        {result?.message && <div className="alert alert-error" role="alert">{result.message}</div>}
        {shown.map((b) => (
          <section key={b.currency} className="grid earnings-balances" aria-label={`Balances in ${b.currency}`}>
            <Card>
              <div className="muted small">Pending · {b.currency}</div>
              <div className="wallet-amount" data-testid={`pending-${b.currency}`}>{formatMoney(b.pendingMinor, b.currency)}</div>
              <div className="muted small">In its settlement window</div>
            </Card>
            <Card>
              <div className="muted small">Available · {b.currency}</div>
              <div className="wallet-amount" data-testid={`available-${b.currency}`}>{formatMoney(b.availableMinor, b.currency)}</div>
              {account?.payoutsEnabled && b.availableMinor >= payouts.minimumMinor ? (
                <Form method="post">
                  <input type="hidden" name="currency" value={b.currency} />
                  <Button type="submit" size="small" disabled={busy}>Pay out {formatMoney(b.availableMinor, b.currency)} now</Button>
                </Form>
              ) : (
                <div className="muted small">{b.receivableMinor > 0 ? `You owe ${formatMoney(b.receivableMinor, b.currency)}: it comes out of your next earnings` : `Paid out from ${formatMoney(payouts.minimumMinor, b.currency)}`}</div>
              )}
            </Card>
            <Card>
              <div className="muted small">Paid out · {b.currency}</div>
              <div className="wallet-amount" data-testid={`paid-${b.currency}`}>{formatMoney(b.paidOutMinor, b.currency)}</div>
              <div className="muted small">{b.inTransitMinor > 0 ? `${formatMoney(b.inTransitMinor, b.currency)} on its way` : "All time"}</div>
            </Card>
          </section>
        ))}
        <Card>
          <h2>Settlement timeline</h2>
          <SettlementTimeline upcoming={upcoming} />
        </Card>
        <Card>
          <h2>Payouts</h2>
          {!account ? (
            <Form method="post" className="payout-setup">
              <p className="muted">Tell us where you live to set up payouts. You finish on Stripe's secure page; Tandem never sees your bank details.</p>
              <input type="hidden" name="intent" value="onboard" />
              <Select label="Country" name="country" options={countryOptions} defaultValue="GB" />
              <div><Button type="submit" disabled={busy}>Set up payouts</Button></div>
            </Form>
          ) : !account.payoutsEnabled ? (
            <Form method="post" className="payout-setup">
              <input type="hidden" name="intent" value="onboard" />
              <input type="hidden" name="country" value={account.country} />
              <p>{account.requirementsDue.length ? `Stripe still needs: ${account.requirementsDue.join(", ")}.` : "Stripe is checking your details."}</p>
              <div><Button type="submit" disabled={busy}>Continue on Stripe</Button></div>
            </Form>
          ) : (
            <p className="muted small">
              Paid to your {account.provider === "manual" ? "test-mode" : "Stripe"} account in {account.country}
              {account.serviceAgreement === "recipient" ? " (transfers only)" : ""}, every Monday when at least {formatMoney(payouts.minimumMinor, "GBP")} is available.
            </p>
          )}
          {account?.lastBankPayout?.status === "failed" ? (
            <div className="alert alert-error" role="alert">
              Your bank payout of {formatMoney(account.lastBankPayout.amountMinor, account.lastBankPayout.currency)} failed{account.lastBankPayout.failureMessage ? `: ${account.lastBankPayout.failureMessage}` : "."} Update your bank details on Stripe.
            </div>
          ) : null}
          {payouts.items.length === 0 ? (
            <p className="muted">No payouts yet.</p>
          ) : (
            <ul className="list">
              {payouts.items.map((p) => (
                <li key={p.id}>
                  <div>
                    <strong>{formatMoney(p.amountMinor, p.currency)}</strong>
                    <div className="muted small">
                      {p.trigger === "weekly" ? "Weekly" : "On demand"} · {when(p.createdAt)}
                      {p.paidAt ? ` · paid ${when(p.paidAt)}` : ""}
                      {p.failureReason ? ` · ${p.failureReason}` : ""}
                    </div>
                  </div>
                  <span className={`badge ${PAYOUT_STATUS[p.status][1]}`}>{PAYOUT_STATUS[p.status][0]}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <h2>Statements</h2>
          <p className="muted small">Every entry that moved your balances in a month, as CSV for your accountant.</p>
          <ul className="row statement-links">
            {months.map((m) => (
              <li key={m}>
                <a href={`/studio/statements/${m}.csv`} download>{monthLabel(m)}</a>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
