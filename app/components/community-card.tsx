import { Link } from "@remix-run/react";
import { Card } from "./ui/card";

export interface CommunityNumbers {
  slug: string;
  name: string;
  windowDays: number;
  members: number;
  activeMembers: number;
  posts: number;
  polls: { participation: number | null };
  drops: { sellThrough: number | null; claimed: number; quantity: number };
  courses: { completionRate: number | null; completed: number; started: number };
}

const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)}%`);

/** The studio overview's community card: the same numbers as the community page, beside storefront and campaigns. */
export function CommunityCard({ community }: { community: CommunityNumbers | null }) {
  if (!community) {
    return (
      <Card style={{ marginTop: "var(--space-4)" }}>
        <h2>Your community</h2>
        <div className="empty">
          <strong>Bring your audience inside</strong>
          Live rooms with polls and drops, paid tiers and courses, in the same studio and the same numbers.
          <div style={{ marginTop: "var(--space-3)" }}>
            <Link className="btn" to="/studio/community">
              Start a community
            </Link>
          </div>
        </div>
      </Card>
    );
  }
  const c = community;
  const tiles = [
    { label: "Members", value: String(c.members) },
    { label: `Active, ${c.windowDays} days`, value: String(c.activeMembers) },
    { label: "Posts", value: String(c.posts) },
    { label: "Poll participation", value: pct(c.polls.participation) },
    { label: "Drop sell-through", value: pct(c.drops.sellThrough), hint: c.drops.quantity ? `${c.drops.claimed} of ${c.drops.quantity}` : undefined },
    { label: "Course completion", value: pct(c.courses.completionRate), hint: c.courses.started ? `${c.courses.completed} of ${c.courses.started} who started` : undefined },
  ];
  return (
    <Card style={{ marginTop: "var(--space-4)" }} aria-label="Your community">
      <div className="spread">
        <h2>{c.name}</h2>
        <span className="small">
          <a href={`/c/${c.slug}`}>/c/{c.slug}</a> · <Link to="/studio/community">Manage</Link>
        </span>
      </div>
      <dl className="tiles">
        {tiles.map((t) => (
          <div key={t.label}>
            <dt className="muted small">{t.label}</dt>
            <dd className="stat">{t.value}</dd>
            {t.hint ? <dd className="muted small">{t.hint}</dd> : null}
          </div>
        ))}
      </dl>
    </Card>
  );
}
