import { useEffect, useState } from "react";
import { MAX_POLL_OPTIONS, type PollInput } from "../../../durable-objects/community-room.protocol";

const CLOSES = [
  { label: "in 1 hour", ms: 3_600_000 },
  { label: "in 24 hours", ms: 86_400_000 },
  { label: "in 3 days", ms: 3 * 86_400_000 },
  { label: "in 7 days", ms: 7 * 86_400_000 },
];
const RELEASES = [
  { label: "now", ms: 0 },
  { label: "in 15 minutes", ms: 15 * 60_000 },
  { label: "in 1 hour", ms: 3_600_000 },
  { label: "in 24 hours", ms: 86_400_000 },
];

/** The owner's tools in a room: start a poll (over the socket) and schedule a drop (through the API). */
export function OwnerTools({ roomId, onPoll }: { roomId: string; onPoll: (input: PollInput) => boolean }) {
  const [open, setOpen] = useState<"poll" | "drop" | null>(null);
  const [question, setQuestion] = useState("");
  const [options, setOptions] = useState(["", ""]);
  const [multi, setMulti] = useState(false);
  const [closes, setCloses] = useState(CLOSES[1]!.ms);
  const [drop, setDrop] = useState({ title: "", perk: "", productId: "", quantity: "25", release: 0 });
  const [products, setProducts] = useState<{ id: string; title: string; brandName: string }[] | null>(null);
  // The products the owner may drop are the ones their storefront may show; loaded when the form opens.
  useEffect(() => {
    if (open !== "drop" || products) return;
    fetch("/api/v1/storefronts/mine/products", { headers: { accept: "application/json" } })
      .then((r) => (r.ok ? (r.json() as Promise<{ items: { id: string; title: string; brandName: string }[] }>) : { items: [] }))
      .then((b) => setProducts(b.items))
      .catch(() => setProducts([]));
  }, [open, products]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submitPoll = () => {
    const clean = options.map((o) => o.trim()).filter(Boolean);
    if (!question.trim() || clean.length < 2) return setMessage({ ok: false, text: "A question and at least two options." });
    if (onPoll({ question: question.trim(), options: clean, multi, closesAt: Date.now() + closes })) {
      setQuestion("");
      setOptions(["", ""]);
      setOpen(null);
      setMessage({ ok: true, text: "Poll started." });
    }
  };
  const submitDrop = async () => {
    setMessage(null);
    const res = await fetch(`/api/v1/rooms/${roomId}/drops`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ title: drop.title, productId: drop.productId || null, perk: drop.productId ? null : drop.perk || null, quantity: Number(drop.quantity), releaseAt: Date.now() + drop.release }),
    });
    const body = (await res.json()) as { detail?: string; errors?: { path: string; message: string }[] };
    if (res.ok) {
      setDrop({ title: "", perk: "", productId: "", quantity: "25", release: 0 });
      setOpen(null);
      setMessage({ ok: true, text: "Drop scheduled." });
    } else setMessage({ ok: false, text: body.errors?.map((e) => `${e.path.replace("body.", "")}: ${e.message}`).join("; ") || body.detail || "Could not schedule the drop." });
  };

  return (
    <section className="room-card owner-tools" aria-label="Owner tools">
      <div className="row">
        <button type="button" className="btn btn-small btn-secondary" aria-expanded={open === "poll"} onClick={() => setOpen(open === "poll" ? null : "poll")}>
          Start a poll
        </button>
        <button type="button" className="btn btn-small btn-secondary" aria-expanded={open === "drop"} onClick={() => setOpen(open === "drop" ? null : "drop")}>
          Schedule a drop
        </button>
      </div>
      {open === "poll" ? (
        <form className="stack tool-form" onSubmit={(e) => (e.preventDefault(), submitPoll())}>
          <div className="field">
            <label htmlFor="poll-question">Question</label>
            <input id="poll-question" className="input" maxLength={200} value={question} onChange={(e) => setQuestion(e.target.value)} />
          </div>
          {options.map((o, i) => (
            <div className="field" key={i}>
              <label htmlFor={`poll-option-${i}`}>Option {i + 1}</label>
              <input id={`poll-option-${i}`} className="input" maxLength={80} value={o} onChange={(e) => setOptions(options.map((x, k) => (k === i ? e.target.value : x)))} />
            </div>
          ))}
          <div className="row">
            {options.length < MAX_POLL_OPTIONS ? (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setOptions([...options, ""])}>
                Add an option
              </button>
            ) : null}
            <label className="small">
              <input type="checkbox" checked={multi} onChange={(e) => setMulti(e.target.checked)} /> Several answers allowed
            </label>
          </div>
          <div className="field">
            <label htmlFor="poll-closes">Voting closes</label>
            <select id="poll-closes" className="input" value={closes} onChange={(e) => setCloses(Number(e.target.value))}>
              {CLOSES.map((c) => (
                <option key={c.ms} value={c.ms}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <button className="btn btn-small">Start the poll</button>
        </form>
      ) : null}
      {open === "drop" ? (
        <form className="stack tool-form" onSubmit={(e) => (e.preventDefault(), void submitDrop())}>
          <div className="field">
            <label htmlFor="drop-title">Title</label>
            <input id="drop-title" className="input" maxLength={80} value={drop.title} onChange={(e) => setDrop({ ...drop, title: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="drop-product">What members get</label>
            <select id="drop-product" className="input" value={drop.productId} onChange={(e) => setDrop({ ...drop, productId: e.target.value })}>
              <option value="">A perk (describe it below)</option>
              {(products ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title} · {p.brandName}
                </option>
              ))}
            </select>
          </div>
          {drop.productId ? null : (
            <div className="field">
              <label htmlFor="drop-perk">The perk</label>
              <input id="drop-perk" className="input" maxLength={120} placeholder="e.g. A signed copy, a 1:1 call" value={drop.perk} onChange={(e) => setDrop({ ...drop, perk: e.target.value })} />
            </div>
          )}
          <div className="row">
            <div className="field">
              <label htmlFor="drop-quantity">Quantity</label>
              <input id="drop-quantity" className="input" inputMode="numeric" value={drop.quantity} onChange={(e) => setDrop({ ...drop, quantity: e.target.value.replace(/\D/g, "") })} />
            </div>
            <div className="field">
              <label htmlFor="drop-release">Opens</label>
              <select id="drop-release" className="input" value={drop.release} onChange={(e) => setDrop({ ...drop, release: Number(e.target.value) })}>
                {RELEASES.map((r) => (
                  <option key={r.ms} value={r.ms}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button className="btn btn-small">Schedule the drop</button>
        </form>
      ) : null}
      {message ? (
        <p className={message.ok ? "alert alert-success" : "alert alert-error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
