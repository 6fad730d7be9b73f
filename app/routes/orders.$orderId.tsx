import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { OrderCard } from "../components/order-card";
import { api } from "../lib/api.server";
import { requireMe } from "../lib/me.server";
import type { Order } from "../lib/shop";
import { usePoll } from "../lib/use-poll";

export const meta: MetaFunction = () => [{ title: "Your order · Tandem" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMe(context, request);
  const res = await api<Order>(context, request, `/api/v1/orders/${encodeURIComponent(params.orderId ?? "")}`);
  if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
  return { order: res.data, justPaid: new URL(request.url).searchParams.has("paid") };
}

/** Where checkout returns the buyer: the order, confirmed as soon as the payment event arrives. */
export default function OrderPage() {
  const { order, justPaid } = useLoaderData<typeof loader>();
  const confirming = justPaid && order.status === "pending";
  // Stripe's webhook can land a moment after the buyer does: keep checking until it has.
  usePoll(confirming, 1500);
  return (
    <>
      <div className="page-head">
        <h1>{confirming ? "Confirming your payment…" : order.status === "pending" ? "Your order" : order.status === "expired" || order.status === "cancelled" ? "Order not paid" : "Thank you for your order"}</h1>
        <p>
          <Link to="/orders">All your orders</Link>
        </p>
      </div>
      {confirming ? (
        <div className="alert alert-info" role="status">
          Your payment is being confirmed. This page updates by itself.
        </div>
      ) : null}
      <OrderCard o={order} />
    </>
  );
}
