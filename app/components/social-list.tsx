import type { Me } from "../lib/me.server";

const PLATFORM: Record<string, string> = { youtube: "YouTube", tiktok: "TikTok", instagram: "Instagram", x: "X" };
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

/** Social accounts with their follower snapshot; unverified ones say so, every time. */
export function SocialList({ accounts }: { accounts: NonNullable<Me["creator"]>["socialAccounts"] }) {
  if (accounts.length === 0) return <div className="empty"><strong>No accounts yet</strong>Connect one so brands can see your reach.</div>;
  return (
    <ul className="list">
      {accounts.map((a) => (
        <li key={a.id}>
          <div>
            <strong>{PLATFORM[a.platform] ?? a.platform}</strong> <span className="muted">@{a.handle}</span>
            <div className="muted small">
              {a.followers != null ? `${compact.format(a.followers)} followers` : "Follower count hidden"} · as of {new Date(a.snapshotAt).toLocaleDateString("en-GB", { day: "numeric", month: "short" })}
            </div>
          </div>
          {a.verified ? <span className="badge badge-verified">✓ Verified</span> : <span className="badge badge-unverified" title="Added by hand, not proven through the platform">Unverified</span>}
        </li>
      ))}
    </ul>
  );
}
