const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = 86_400_000;
const label = (at: number) => {
  const d = new Date(at);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
};

/**
 * A community's daily active members (bars) and posts (line) as a server-rendered SVG, like the
 * clicks chart: no chart library, no JavaScript, readable at 360 px. Days are UTC; missing days are zero.
 */
export function ActivityChart({ daily, days = 30, now = Date.now() }: { daily: { day: string; active: number; posts: number }[]; days?: number; now?: number }) {
  const today = now - (now % DAY);
  const buckets = Array.from({ length: days }, (_, i) => {
    const at = today - (days - 1 - i) * DAY;
    const key = new Date(at).toISOString().slice(0, 10);
    const hit = daily.find((d) => d.day === key);
    return { at, active: hit?.active ?? 0, posts: hit?.posts ?? 0 };
  });
  const totalPosts = buckets.reduce((n, b) => n + b.posts, 0);
  const peak = Math.max(...buckets.map((b) => b.active));
  if (totalPosts === 0 && peak === 0) {
    return (
      <div className="empty" data-testid="activity-empty">
        <strong>No activity yet</strong>
        Posts, votes, claims and lessons from the last {days} days show up here.
      </div>
    );
  }
  const max = Math.max(4, peak, ...buckets.map((b) => b.posts));
  const W = 640, H = 170, bw = W / days;
  const y = (v: number) => H - 4 - (v / max) * (H - 14);
  const line = buckets.map((b, i) => `${(i * bw + bw / 2).toFixed(1)},${y(b.posts).toFixed(1)}`).join(" ");
  return (
    <figure style={{ margin: 0 }}>
      <div className="spread small muted" style={{ marginBottom: "var(--space-1)" }}>
        <span>
          Up to {peak.toLocaleString("en")} active a day · {totalPosts.toLocaleString("en")} posts in {days} days
        </span>
        <span>scale 0–{max.toLocaleString("en")}</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Daily active members and posts over the last ${days} days: up to ${peak} active members a day, ${totalPosts} posts in all`} style={{ display: "block" }}>
        {[0, Math.round(max / 2), max].map((t) => (
          <line key={t} x1={0} x2={W} y1={y(t)} y2={y(t)} stroke="var(--color-border)" />
        ))}
        {buckets.map((b, i) => (
          <rect key={b.at} x={i * bw + 2} y={y(b.active)} width={Math.max(1, bw - 4)} height={H - 4 - y(b.active)} fill="var(--color-accent)" opacity="0.85" rx="2">
            <title>{`${label(b.at)}: ${b.active} active, ${b.posts} posts`}</title>
          </rect>
        ))}
        <polyline points={line} fill="none" stroke="var(--color-ink)" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" />
        {buckets.map((b, i) => (b.posts ? <circle key={b.at} cx={i * bw + bw / 2} cy={y(b.posts)} r="3" fill="var(--color-ink)" /> : null))}
      </svg>
      <div className="spread small muted" style={{ marginTop: "var(--space-1)" }}>
        <span>{label(buckets[0]!.at)}</span>
        <span>{label(buckets[Math.floor(days / 2)]!.at)}</span>
        <span>{label(buckets[days - 1]!.at)}</span>
      </div>
      <figcaption className="row small muted" style={{ gap: "var(--space-4)", marginTop: "var(--space-2)" }}>
        <span>
          <span aria-hidden="true" style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: "var(--color-accent)" }} /> Active members
        </span>
        <span>
          <span aria-hidden="true" style={{ display: "inline-block", width: 14, height: 2, verticalAlign: "middle", background: "var(--color-ink)" }} /> Posts
        </span>
        <span>Days in UTC</span>
      </figcaption>
    </figure>
  );
}
