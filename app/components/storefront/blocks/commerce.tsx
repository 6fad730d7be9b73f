import type { BlockProps } from "../../../../workers/storefronts/blocks";
import { price } from "../format";
import { SfImage } from "../image";
import type { ProductCard, StorefrontData } from "../types";

function Card({ p, data, priority }: { p: ProductCard; data: StorefrontData; priority: boolean }) {
  return (
    <a className="sf-card" href={`/@${data.handle}/p/${p.handle}`}>
      <span className="sf-card-media">{p.image ? <SfImage image={p.image} sizes="(min-width: 720px) 33vw, 50vw" resize={data.resizeImages} priority={priority} /> : <span className="sf-card-blank" aria-hidden="true">{p.title.slice(0, 1)}</span>}</span>
      <span className="sf-card-body">
        <span className="sf-card-title">{p.title}</span>
        <span className="sf-card-brand">{p.brandName}</span>
        <span className="sf-price">
          {price(p.priceMinor, p.currency)}
          {p.compareAtMinor && p.compareAtMinor > p.priceMinor ? <s>{price(p.compareAtMinor, p.currency)}</s> : null}
        </span>
      </span>
    </a>
  );
}

function Grid({ heading, items, columns, data, first }: { heading: string; items: ProductCard[]; columns: number; data: StorefrontData; first: boolean }) {
  if (!items.length) return null;
  return (
    <section className="sf-section">
      {heading ? <h2 className="sf-h2">{heading}</h2> : null}
      <div className="sf-grid" data-cols={columns}>
        {items.map((p, i) => (
          <Card key={p.id} p={p} data={data} priority={first && i < 2} />
        ))}
      </div>
    </section>
  );
}

export function ProductGridBlock({ props, data, first }: { props: BlockProps<"productGrid">; data: StorefrontData; first: boolean }) {
  const items = props.productIds.map((id) => data.products[id]).filter((p): p is ProductCard => !!p);
  return <Grid heading={props.heading} items={items} columns={props.columns} data={data} first={first} />;
}

export function CollectionBlock({ id, props, data, first }: { id: string; props: BlockProps<"collection">; data: StorefrontData; first: boolean }) {
  return <Grid heading={props.heading} items={(data.collections[id] ?? []).slice(0, props.limit)} columns={2} data={data} first={first} />;
}

export function FeaturedProductBlock({ props, data, first }: { props: BlockProps<"featuredProduct">; data: StorefrontData; first: boolean }) {
  const p = data.products[props.productId];
  if (!p) return null;
  return (
    <section className="sf-section sf-feature">
      <div className="sf-feature-media">{p.image ? <SfImage image={p.image} sizes="(min-width: 720px) 50vw, 100vw" resize={data.resizeImages} priority={first} /> : <span className="sf-card-blank" aria-hidden="true">{p.title.slice(0, 1)}</span>}</div>
      <div className="sf-feature-body">
        <p className="sf-eyebrow">Featured</p>
        <h2 className="sf-h2">{p.title}</h2>
        {props.blurb ? <p className="sf-muted">{props.blurb}</p> : null}
        <p className="sf-price sf-price-lg">
          {price(p.priceMinor, p.currency)}
          {p.compareAtMinor && p.compareAtMinor > p.priceMinor ? <s>{price(p.compareAtMinor, p.currency)}</s> : null}
        </p>
        <a className="sf-btn" href={`/@${data.handle}/p/${p.handle}`}>
          View {p.title}
        </a>
      </div>
    </section>
  );
}
