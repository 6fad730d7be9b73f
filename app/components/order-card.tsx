import { formatMoney } from "../lib/money";
import { Button } from "./ui/button";
import { ORDER_STATUS, when, type Order } from "../lib/shop";

/** One order as its buyer sees it: what was bought, where it stands, and the downloads it gives. */
export function OrderCard({ o, headingLevel = 2 }: { o: Order; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const seller = o.seller.handle ? <a href={`/@${o.seller.handle}`}>{o.seller.displayName}</a> : o.seller.displayName;
  return (
    <article className="card order-card" data-testid={`order-${o.id}`}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <H className="order-card-title">{o.items.map((i) => i.title).join(", ")}</H>
        <span className={`badge ${ORDER_STATUS[o.status][1]}`}>{o.role === "buyer" && o.status === "paid" ? "Paid" : ORDER_STATUS[o.status][0]}</span>
      </div>
      <p className="muted small">
        From {seller} · {when(o.createdAt)} · {formatMoney(o.totalMinor, o.currency)}
      </p>
      <ul className="list">
        {o.items.map((i) => (
          <li key={i.productId}>
            <span>
              {i.title}
              {i.quantity > 1 ? <span className="muted"> × {i.quantity}</span> : null}
            </span>
            <span>{formatMoney(i.unitPriceMinor * i.quantity, o.currency)}</span>
          </li>
        ))}
      </ul>
      {o.downloads.length ? (
        <div className="order-downloads">
          {o.downloads.map((d) => (
            <Button key={d.productId} href={d.url}>
              Download {d.fileName}
            </Button>
          ))}
          <p className="muted small">Links work for 15 minutes; come back to this page any time for fresh ones.</p>
        </div>
      ) : null}
      {o.status === "paid" && o.items.some((i) => i.kind === "service" || i.kind === "physical") ? <p className="small">{o.seller.displayName} has your order and will {o.needsShipping ? "ship it" : "be in touch to arrange it"}.</p> : null}
      {o.items.some((i) => i.kind === "membership") && o.fulfilledAt ? <p className="small">Your membership is active. <a href="/orders">Manage it with your memberships</a>.</p> : null}
      {o.fulfilledAt && o.items.some((i) => i.kind === "service" || i.kind === "physical") ? <p className="small">Fulfilled {when(o.fulfilledAt)}.</p> : null}
      {o.shipping ? (
        <address className="small muted order-address">
          Shipping to {o.shipping.name}, {o.shipping.line1}
          {o.shipping.line2 ? `, ${o.shipping.line2}` : ""}, {o.shipping.city} {o.shipping.postalCode}, {o.shipping.country}
        </address>
      ) : null}
      {o.checkoutUrl ? (
        <p>
          <Button variant="secondary" href={o.checkoutUrl}>
            Finish paying
          </Button>
        </p>
      ) : null}
      {o.status === "expired" || o.status === "cancelled" ? <p className="muted small">Not paid: nothing was charged.</p> : null}
    </article>
  );
}
