import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { MembershipCard, type Membership } from "../components/membership-card";
import { OrderCard } from "../components/order-card";
import { Card } from "../components/ui/card";
import { api } from "../lib/api.server";
import { requireMe } from "../lib/me.server";
import { readForm } from "../lib/read-body.server";
import type { Order } from "../lib/shop";

export const meta: MetaFunction = () => [{ title: "Your orders and memberships · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMe(context, request);
  const [orders, memberships] = await Promise.all([api<{ items: Order[] }>(context, request, "/api/v1/orders"), api<{ items: Membership[] }>(context, request, "/api/v1/subscriptions")]);
  return { orders: orders.ok ? orders.data.items : [], memberships: memberships.ok ? memberships.data.items : [] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireMe(context, request);
  const form = await readForm(request);
  const id = encodeURIComponent(String(form.get("id") ?? ""));
  const intent = String(form.get("intent"));
  if (intent === "portal") {
    const res = await api<{ url: string }>(context, request, `/api/v1/subscriptions/${id}/portal`, { method: "POST" });
    if (res.ok) throw redirect(res.data.url);
    return { message: res.problem.detail };
  }
  const [tierId, interval] = String(form.get("plan") ?? "").split(":");
  const res =
    intent === "change"
      ? await api(context, request, `/api/v1/subscriptions/${id}/change`, { method: "POST", body: { tierId, interval } })
      : await api(context, request, `/api/v1/subscriptions/${id}/${intent === "resume" ? "resume" : "cancel"}`, { method: "POST" });
  return { message: res.ok ? null : (res.problem.errors?.[0]?.message ?? res.problem.detail) };
}

export default function MyOrders() {
  const { orders, memberships } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <div className="page-head">
        <h1>Your orders</h1>
        <p>What you have bought from creators on Tandem, your downloads and your memberships.</p>
      </div>
      {result?.message ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {memberships.length ? (
        <section className="stack" aria-label="Memberships" style={{ marginBottom: "var(--space-5)" }}>
          <h2>Memberships</h2>
          {memberships.map((m) => (
            <MembershipCard key={m.id} m={m} busy={busy} />
          ))}
        </section>
      ) : null}
      {orders.length === 0 ? (
        <Card>
          <h2>No orders yet</h2>
          <p className="muted">When you buy from a creator's shop or join a paid tier, your order appears here.</p>
        </Card>
      ) : (
        <section className="stack" aria-label="Orders">
          {memberships.length ? <h2>Orders</h2> : null}
          {orders.map((o) => (
            <OrderCard key={o.id} o={o} />
          ))}
        </section>
      )}
    </>
  );
}
