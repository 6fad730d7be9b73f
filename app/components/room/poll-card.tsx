import { useState } from "react";
import type { Poll } from "../../../durable-objects/community-room.protocol";
import { timeLeft } from "./countdown";

/** A poll with live tallies: pick (or change) your answer until it closes. */
export function PollCard({ poll, myVote, now, onVote }: { poll: Poll; myVote: number[] | undefined; now: number; onVote: (choices: number[]) => void }) {
  const [picked, setPicked] = useState<number[]>(myVote ?? []);
  const total = poll.options.reduce((n, o) => n + o.votes, 0);
  const closed = poll.closed || poll.closesAt <= now;
  const toggle = (i: number) => {
    if (closed) return;
    if (!poll.multi) return onVote([i]);
    setPicked((p) => (p.includes(i) ? p.filter((x) => x !== i) : [...p, i]));
  };
  return (
    <article className="room-card poll" aria-label={`Poll: ${poll.question}`}>
      <p className="room-card-kicker">{closed ? "Poll · closed" : `Poll · closes in ${timeLeft(poll.closesAt - now)}`}</p>
      <h3>{poll.question}</h3>
      <ul className="poll-options">
        {poll.options.map((o, i) => {
          const pct = total ? Math.round((o.votes / total) * 100) : 0;
          const chosen = (myVote ?? []).includes(i);
          const selected = poll.multi ? picked.includes(i) : chosen;
          return (
            <li key={i}>
              <button type="button" className="poll-option" aria-pressed={selected} disabled={closed} onClick={() => toggle(i)}>
                <span className="poll-bar" style={{ width: `${pct}%` }} aria-hidden="true" />
                <span className="poll-label">
                  {poll.multi ? <span aria-hidden="true">{selected ? "☑" : "☐"} </span> : null}
                  {o.label}
                  {chosen ? <span className="visually-hidden"> (your vote)</span> : null}
                </span>
                <span className="poll-pct">{pct}%</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="spread">
        <p className="muted small" data-testid="poll-voters">
          {poll.voters} {poll.voters === 1 ? "vote" : "votes"}
          {myVote?.length ? " · you voted" : ""}
        </p>
        {poll.multi && !closed ? (
          <button type="button" className="btn btn-small" disabled={!picked.length} onClick={() => onVote(picked)}>
            {myVote?.length ? "Change vote" : "Vote"}
          </button>
        ) : null}
      </div>
    </article>
  );
}
