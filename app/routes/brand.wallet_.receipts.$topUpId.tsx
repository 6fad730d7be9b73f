import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { Card } from "../components/ui/card";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { formatMoney } from "../lib/money";

interface Receipt {
  id: string;
  number: string;
  description: string;
  amountMinor: number;
  currency: string;
  provider: "stripe" | "manual";
  providerReference: string;
  paidAt: string;
  ledgerEntryId: string | null;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Receipt ${data.receipt.number} · Tandem` : "Receipt · Tandem" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const res = await api<Receipt>(context, request, `/api/v1/brands/${brand.id}/wallet/top-ups/${encodeURIComponent(params.topUpId ?? "")}/receipt`);
  if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
  return { receipt: res.data, brand: { name: brand.name, website: brand.website, country: brand.country } };
}

/** A paid top-up's receipt, laid out to print or save as PDF from the browser. */
export default function TopUpReceipt() {
  const { receipt: r, brand } = useLoaderData<typeof loader>();
  const paid = new Date(r.paidAt).toLocaleString("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  return (
    <div className="receipt">
      <p className="receipt-back no-print">
        <Link to="/brand/wallet">← Wallet</Link> · <a href="#print" onClick={(e) => (e.preventDefault(), window.print())}>Print or save as PDF</a>
      </p>
      <Card>
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h1>Receipt</h1>
          <span className="badge badge-verified">Paid</span>
        </div>
        <dl className="receipt-facts">
          <dt>Receipt number</dt>
          <dd>{r.number}</dd>
          <dt>Paid</dt>
          <dd>{paid} UTC</dd>
          <dt>Billed to</dt>
          <dd>
            {brand.name} · {brand.website} · {brand.country}
          </dd>
          <dt>Paid through</dt>
          <dd>{r.provider === "stripe" ? "Stripe" : "Tandem test-mode checkout (no money moved)"} · {r.providerReference}</dd>
        </dl>
        <ul className="checkout-test-lines">
          <li>
            <span>{r.description}</span>
            <span>{formatMoney(r.amountMinor, r.currency)}</span>
          </li>
          <li>
            <strong>Total</strong>
            <strong>{formatMoney(r.amountMinor, r.currency)}</strong>
          </li>
        </ul>
        <p className="muted small">Credited to your Tandem wallet{r.ledgerEntryId ? ` (ledger entry ${r.ledgerEntryId})` : ""}. Campaign budgets are committed from this balance at launch.</p>
      </Card>
    </div>
  );
}
