import { Link } from "@remix-run/react";
import { Card } from "./ui/card";

export interface StorefrontStats {
  days: number;
  views: number;
  visitors: number;
  productClicks: number;
  series: { day: string; views: number; clicks: number }[];
  topProducts: { productId: string; title: string; clicks: number }[];
}

/** The studio overview's storefront card: live state, a week of views and clicks as an SVG, the products people click. */
export function StorefrontCard({ handle, live, version, stats }: { handle: string; live: boolean | null; version: number | null; stats: StorefrontStats | null }) {
  if (live === null) {
    return (
      <Card style={{ marginTop: "var(--space-4)" }}>
        <h2>Your storefront</h2>
        <div className="empty">
          <strong>One page for everything you recommend</strong>
          Start from a template at /@{handle}: your picks from the brands you work with, links, and a contact form.
          <div style={{ marginTop: "var(--space-3)" }}>
            <Link className="btn" to="/studio/storefront">
              Build your storefront
            </Link>
          </div>
        </div>
      </Card>
    );
  }
  const s = stats;
  const max = Math.max(4, ...(s?.series.map((d) => d.views) ?? [0]));
  const W = 280, H = 64, bw = W / Math.max(1, s?.series.length ?? 7);
  return (
    <Card style={{ marginTop: "var(--space-4)" }}>
      <div className="spread">
        <h2>Your storefront</h2>
        <span className="small">
          {live ? <a href={`/@${handle}`}>/@{handle} · live v{version}</a> : "Not published"} · <Link to="/studio/storefront">Edit</Link>
        </span>
      </div>
      {s ? (
        <div className="grid" style={{ alignItems: "end" }}>
          <div>
            <p className="stat" data-testid="storefront-views">{s.views.toLocaleString("en")}</p>
            <p className="muted small">views in {s.days} days · {s.visitors.toLocaleString("en")} visitors</p>
          </div>
          <div>
            <p className="stat">{s.productClicks.toLocaleString("en")}</p>
            <p className="muted small">product clicks{s.views ? ` · ${((s.productClicks / s.views) * 100).toFixed(1)}% of views` : ""}</p>
          </div>
          <figure style={{ margin: 0 }}>
            <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Views per day over ${s.days} days: ${s.series.map((d) => d.views).join(", ")}`} style={{ display: "block" }}>
              {s.series.map((d, i) => {
                const h = (d.views / max) * (H - 6);
                return <rect key={d.day} x={i * bw + 2} y={H - h} width={bw - 4} height={Math.max(h, 3)} rx={3} fill="var(--color-creator)" opacity={d.views ? 0.85 : 0.25} />;
              })}
            </svg>
            <figcaption className="muted small">views per day, oldest first</figcaption>
          </figure>
        </div>
      ) : null}
      {s && s.topProducts.length ? (
        <ul className="list" style={{ marginTop: "var(--space-3)" }}>
          {s.topProducts.map((p) => (
            <li key={p.productId}>
              <span>{p.title}</span>
              <span className="small muted">
                {p.clicks} {p.clicks === 1 ? "click" : "clicks"}
              </span>
            </li>
          ))}
        </ul>
      ) : s ? (
        <p className="muted small">No product clicks yet. Share /@{handle} in your bio.</p>
      ) : null}
    </Card>
  );
}
