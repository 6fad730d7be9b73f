const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const label = (at: number) => {
  const d = new Date(at);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCHours()).padStart(2, "0")}:00`;
};

/**
 * Hourly valid, duplicate and invalid clicks as a server-rendered SVG: no chart library, no
 * JavaScript, readable at 360 px. Bars are stacked (valid below, duplicates, then invalid on top)
 * with a light grid.
 */
export function ClicksChart({ series, hours = 48 }: { series: { hour: string; validClicks: number; invalidClicks: number; duplicateClicks?: number }[]; hours?: number }) {
  const end = Date.now() - (Date.now() % 3_600_000);
  const buckets = Array.from({ length: hours }, (_, i) => {
    const at = end - (hours - 1 - i) * 3_600_000;
    const hit = series.find((s) => Date.parse(s.hour) === at);
    return { at, valid: hit?.validClicks ?? 0, duplicate: hit?.duplicateClicks ?? 0, invalid: hit?.invalidClicks ?? 0 };
  });
  const max = Math.max(4, ...buckets.map((b) => b.valid + b.duplicate + b.invalid));
  const W = 640, H = 180, pad = 0, bw = (W - pad) / hours;
  const y = (v: number) => H - 4 - (v / max) * (H - 12);
  const ticks = [0, Math.round(max / 2), max];
  const total = buckets.reduce((n, b) => n + b.valid + b.duplicate + b.invalid, 0);
  return (
    <figure style={{ margin: 0 }}>
      <div className="spread small muted" style={{ marginBottom: "var(--space-1)" }}>
        <span>{total.toLocaleString("en")} clicks in {hours} h</span>
        <span>scale 0–{max.toLocaleString("en")} per hour</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Clicks per hour over the last ${hours} hours: ${total} in all`} style={{ display: "block" }}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad} x2={W} y1={y(t)} y2={y(t)} stroke="var(--color-border)" />
          </g>
        ))}
        {buckets.map((b, i) => (
          <g key={b.at}>
            <rect x={pad + i * bw + 1} y={y(b.valid)} width={Math.max(1, bw - 2)} height={H - 4 - y(b.valid)} fill="var(--color-accent)" rx="1.5">
              <title>{`${new Date(b.at).toISOString().slice(5, 13).replace("T", " ")}:00 — ${b.valid} valid, ${b.duplicate} duplicate, ${b.invalid} invalid`}</title>
            </rect>
            {b.duplicate > 0 && <rect x={pad + i * bw + 1} y={y(b.valid + b.duplicate)} width={Math.max(1, bw - 2)} height={y(b.valid) - y(b.valid + b.duplicate)} fill="var(--color-warning)" opacity="0.8" rx="1.5" />}
            {b.invalid > 0 && <rect x={pad + i * bw + 1} y={y(b.valid + b.duplicate + b.invalid)} width={Math.max(1, bw - 2)} height={y(b.valid + b.duplicate) - y(b.valid + b.duplicate + b.invalid)} fill="var(--color-danger)" opacity="0.75" rx="1.5" />}
          </g>
        ))}
      </svg>
      <div className="spread small muted" style={{ marginTop: "var(--space-1)" }}>
        <span>{label(buckets[0]!.at)}</span>
        <span>{label(buckets[Math.floor(hours / 2)]!.at)}</span>
        <span>{label(buckets[hours - 1]!.at)}</span>
      </div>
      <figcaption className="row small muted" style={{ gap: "var(--space-4)", marginTop: "var(--space-2)" }}>
        <span><span aria-hidden="true" style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: "var(--color-accent)" }} /> Valid clicks</span>
        <span><span aria-hidden="true" style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: "var(--color-warning)", opacity: 0.8 }} /> Duplicates (not billed)</span>
        <span><span aria-hidden="true" style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: "var(--color-danger)", opacity: 0.75 }} /> Invalid (not billed)</span>
        <span>Hours in UTC</span>
      </figcaption>
    </figure>
  );
}
