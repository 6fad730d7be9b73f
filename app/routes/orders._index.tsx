import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { OrderCard } from "../components/order-card";
import { Card } from "../components/ui/card";
import { api } from "../lib/api.server";
import { requireMe } from "../lib/me.server";
import type { Order } from "../lib/shop";

export const meta: MetaFunction = () => [{ title: "Your orders · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMe(context, request);
  const res = await api<{ items: Order[] }>(context, request, "/api/v1/orders");
  return { orders: res.ok ? res.data.items : [] };
}

export default function MyOrders() {
  const { orders } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Your orders</h1>
        <p>What you have bought from creators on Tandem, with your downloads.</p>
      </div>
      {orders.length === 0 ? (
        <Card>
          <h2>No orders yet</h2>
          <p className="muted">When you buy from a creator's shop, your order and downloads appear here.</p>
        </Card>
      ) : (
        <div className="stack">
          {orders.map((o) => (
            <OrderCard key={o.id} o={o} />
          ))}
        </div>
      )}
    </>
  );
}
