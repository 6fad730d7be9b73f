import type { BlockProps } from "../../../../workers/storefronts/blocks";
import { price } from "../format";
import type { ShopItem, StorefrontData } from "../types";

export const KIND_LABELS: Record<ShopItem["kind"], string> = { digital: "Instant download", service: "Service", physical: "Ships to you" };

function ShopCard({ item, handle }: { item: ShopItem; handle: string }) {
  return (
    <a className="sf-card" href={`/@${handle}/shop/${item.slug}`}>
      <span className="sf-card-media">{item.imageUrl ? <img src={item.imageUrl} alt="" loading="lazy" /> : <span className="sf-card-blank" aria-hidden="true">{item.title.slice(0, 1)}</span>}</span>
      <span className="sf-card-body">
        <span className="sf-card-title">{item.title}</span>
        <span className="sf-card-brand">{item.soldOut ? "Sold out" : KIND_LABELS[item.kind]}</span>
        <span className="sf-price">{price(item.priceMinor, item.currency)}</span>
      </span>
    </a>
  );
}

/** The creator's own products on sale; each opens its page with a buy button. */
export function ShopBlock({ props, data }: { props: BlockProps<"shop">; data: StorefrontData }) {
  // The editor's preview has no shop data: it says where the products come from instead.
  if (!data.shop) {
    return (
      <section className="sf-section">
        {props.heading ? <h2 className="sf-h2">{props.heading}</h2> : null}
        <p className="sf-muted">Products you put on sale in Studio → Shop appear here.</p>
      </section>
    );
  }
  if (!data.shop.length) return null;
  return (
    <section className="sf-section" id="shop">
      {props.heading ? <h2 className="sf-h2">{props.heading}</h2> : null}
      {props.intro ? <p className="sf-muted">{props.intro}</p> : null}
      <div className="sf-grid" data-cols={3}>
        {data.shop.map((item) => (
          <ShopCard key={item.id} item={item} handle={data.handle} />
        ))}
      </div>
    </section>
  );
}
