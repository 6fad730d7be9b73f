import { useState } from "react";
import type { Drop } from "../../../durable-objects/community-room.protocol";
import { timeLeft } from "./countdown";

/** A drop: countdown until release, then one claim per member while stock lasts. */
export function DropCard({ drop, mine, now, onClaimed }: { drop: Drop; mine: boolean; now: number; onClaimed: (claimed: number) => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const left = drop.quantity - drop.claimed;
  const scheduled = now < drop.releaseAt;
  const soldOut = left <= 0;
  const claim = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch(`/api/v1/drops/${drop.id}/claim`, { method: "POST", headers: { accept: "application/json" } });
      const body = (await res.json()) as { claimed?: number; detail?: string };
      if (res.ok) onClaimed(body.claimed ?? drop.claimed + 1);
      else setMessage(body.detail ?? "Could not claim this drop.");
    } catch {
      setMessage("You seem to be offline; try again.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="room-card drop" aria-label={`Drop: ${drop.title}`}>
      <p className="room-card-kicker">{scheduled ? `Drop · opens in ${timeLeft(drop.releaseAt - now)}` : soldOut ? "Drop · sold out" : "Drop · live now"}</p>
      <h3>{drop.title}</h3>
      {drop.description ? <p className="small">{drop.description}</p> : null}
      <p className="small">
        {drop.perk ? <strong className="drop-perk">{drop.perk}</strong> : null}
        {drop.productUrl ? (
          <a href={drop.productUrl} className="drop-product">
            See the product
          </a>
        ) : null}
      </p>
      <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={drop.quantity} aria-valuenow={drop.claimed} aria-label="Claimed">
        <span style={{ width: `${Math.min(100, (drop.claimed / drop.quantity) * 100)}%` }} />
      </div>
      <div className="spread">
        <p className="muted small" data-testid="drop-left">
          {soldOut ? `All ${drop.quantity} claimed` : `${left} of ${drop.quantity} left`}
        </p>
        {mine ? (
          <span className="badge badge-verified" role="status">
            Claimed · it's yours
          </span>
        ) : (
          <button type="button" className="btn btn-small" disabled={busy || scheduled || soldOut} onClick={claim}>
            {scheduled ? "Not open yet" : soldOut ? "Sold out" : busy ? "Claiming…" : "Claim"}
          </button>
        )}
      </div>
      {message ? (
        <p className="alert alert-error" role="alert">
          {message}
        </p>
      ) : null}
    </article>
  );
}
