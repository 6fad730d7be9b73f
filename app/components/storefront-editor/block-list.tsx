import { useState } from "react";
import { BLOCK_TYPES } from "../../../workers/storefronts/blocks";
import type { Block, BlockType } from "../storefront/types";
import { BLOCK_LABELS } from "./field-specs";

/** The page's blocks in order: drag to reorder (or use the arrows, which also work by keyboard and touch), select to edit. */
export function BlockList({ blocks, selected, errorsByBlock, onSelect, onMove, onRemove, onAdd }: { blocks: Block[]; selected: string | null; errorsByBlock: Set<string>; onSelect: (id: string) => void; onMove: (from: number, to: number) => void; onRemove: (id: string) => void; onAdd: (type: BlockType) => void }) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <div className="ed-blocks">
      <ol className="ed-block-list" aria-label="Blocks on the page">
        {blocks.map((b, i) => (
          <li
            key={b.id}
            draggable
            data-testid={`block-${b.type}`}
            className={["ed-block", selected === b.id && "ed-block-on", over === i && dragging !== null && dragging !== i && "ed-block-over", errorsByBlock.has(b.id) && "ed-block-error"].filter(Boolean).join(" ")}
            onDragStart={(e) => {
              setDragging(i);
              e.dataTransfer.effectAllowed = "move";
              e.dataTransfer.setData("text/plain", String(i));
            }}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(i);
            }}
            onDragLeave={() => setOver((o) => (o === i ? null : o))}
            onDrop={(e) => {
              e.preventDefault();
              const from = Number(e.dataTransfer.getData("text/plain"));
              if (Number.isInteger(from) && from !== i) onMove(from, i);
              setDragging(null);
              setOver(null);
            }}
            onDragEnd={() => {
              setDragging(null);
              setOver(null);
            }}
          >
            <span className="ed-grip" aria-hidden="true">
              ⋮⋮
            </span>
            <button type="button" className="ed-block-name" onClick={() => onSelect(b.id)} aria-current={selected === b.id ? "true" : undefined}>
              <span>{BLOCK_LABELS[b.type].name}</span>
              <span className="ed-hint">{summary(b)}</span>
            </button>
            <span className="ed-block-tools">
              <button type="button" className="ed-icon" aria-label={`Move ${BLOCK_LABELS[b.type].name} up`} disabled={i === 0} onClick={() => onMove(i, i - 1)}>
                ↑
              </button>
              <button type="button" className="ed-icon" aria-label={`Move ${BLOCK_LABELS[b.type].name} down`} disabled={i === blocks.length - 1} onClick={() => onMove(i, i + 1)}>
                ↓
              </button>
              <button type="button" className="ed-icon" aria-label={`Remove ${BLOCK_LABELS[b.type].name}`} onClick={() => onRemove(b.id)}>
                ✕
              </button>
            </span>
          </li>
        ))}
      </ol>
      {blocks.length === 0 ? <p className="ed-hint ed-empty">Your page is empty. Add a hero to say hello.</p> : null}
      {adding ? (
        <div className="ed-add-menu" role="menu" aria-label="Add a block">
          {BLOCK_TYPES.map((t) => (
            <button
              key={t}
              type="button"
              role="menuitem"
              className="ed-add-item"
              onClick={() => {
                onAdd(t);
                setAdding(false);
              }}
            >
              <strong>{BLOCK_LABELS[t].name}</strong>
              <span className="ed-hint">{BLOCK_LABELS[t].hint}</span>
            </button>
          ))}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setAdding(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="btn btn-secondary btn-block" onClick={() => setAdding(true)}>
          + Add a block
        </button>
      )}
    </div>
  );
}

function summary(b: Block): string {
  const p = b.props as Record<string, unknown>;
  const text = (p.heading as string) || (p.eyebrow as string) || "";
  if (b.type === "productGrid") return `${b.props.productIds.length} product${b.props.productIds.length === 1 ? "" : "s"}${text ? ` · ${text}` : ""}`;
  if ("items" in p && Array.isArray(p.items)) return `${p.items.length} item${p.items.length === 1 ? "" : "s"}${text ? ` · ${text}` : ""}`;
  return text.slice(0, 40);
}
