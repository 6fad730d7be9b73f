import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type DragEvent } from "react";
import type { Category } from "../../lib/catalog";
import { buildTree, dropMove, keyboardMove, type DropPlace, type Move, type TreeNode } from "../../lib/category-tree";
import { Button } from "../ui/button";
import { ConfirmButton } from "./confirm-button";
import { DownIcon, GripIcon, IndentIcon, OutdentIcon, UpIcon } from "./icons";

type Direction = "up" | "down" | "indent" | "outdent";

const MOVES: { direction: Direction; label: string; Icon: () => JSX.Element }[] = [
  { direction: "up", label: "Move up", Icon: UpIcon },
  { direction: "down", label: "Move down", Icon: DownIcon },
  { direction: "outdent", label: "Move out a level", Icon: OutdentIcon },
  { direction: "indent", label: "Put inside the one above", Icon: IndentIcon },
];

interface TreeProps {
  categories: Category[];
  selectedId: string | null;
  canManage: boolean;
  onMove: (move: Move) => void;
  onAddInside: (parentId: string) => void;
  onDelete: (id: string) => void;
  /** The API's refusal of the last delete, shown in that category's row. */
  deleteError: { id: string; message: string } | null;
  renameError: { id: string; message: string } | null;
}

/**
 * The category tree. Rows drag and drop (above, below or into another row, or to the top level);
 * the selected row also has buttons for the same moves, for keyboards and phones.
 */
export function CategoryTree(props: TreeProps) {
  const { categories } = props;
  const [dragId, setDragId] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ id: string | null; place: DropPlace } | null>(null);
  const refocus = useRef<string | null>(null);
  const tree = buildTree(categories);

  // A row that moves may be redrawn elsewhere in the tree: give the focus back to the button pressed.
  useEffect(() => {
    if (!refocus.current) return;
    const el = document.querySelector<HTMLElement>(`[data-move-key="${refocus.current}"]`);
    if (el && !el.hasAttribute("aria-disabled")) el.focus();
    else document.querySelector<HTMLElement>(`[data-category-link="${refocus.current.split(":")[0]}"]`)?.focus();
    refocus.current = null;
  }, [categories]);

  const moveBy = (id: string, direction: Direction) => {
    const move = keyboardMove(categories, id, direction);
    if (!move) return;
    refocus.current = `${id}:${direction}`;
    props.onMove(move);
  };

  const dnd = {
    dragId,
    drop,
    start(e: DragEvent, id: string) {
      e.dataTransfer.setData("text/plain", id);
      e.dataTransfer.effectAllowed = "move";
      setDragId(id);
    },
    /** Where a drop at the pointer would put the dragged category, or null. */
    target(e: DragEvent, node: TreeNode | null): { move: Move; place: DropPlace } | null {
      if (!dragId) return null;
      if (!node) {
        const move = dropMove(categories, dragId, null, "inside");
        return move && { move, place: "inside" };
      }
      const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
      const y = (e.clientY - rect.top) / rect.height;
      const place: DropPlace = y < 0.3 ? "before" : y > 0.7 ? "after" : "inside";
      // Just below a parent whose children show is visually "first child", not "after its subtree".
      const move = place === "after" && node.children[0] ? dropMove(categories, dragId, node.children[0].category.id, "before") : dropMove(categories, dragId, node.category.id, place);
      return move && { move, place };
    },
    over(e: DragEvent, node: TreeNode | null) {
      const t = dnd.target(e, node);
      if (!t) {
        if (drop) setDrop(null);
        return;
      }
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      const id = node?.category.id ?? null;
      if (drop?.id !== id || drop.place !== t.place) setDrop({ id, place: t.place });
    },
    finish(e: DragEvent, node: TreeNode | null) {
      const t = dnd.target(e, node);
      e.preventDefault();
      setDragId(null);
      setDrop(null);
      if (t) props.onMove(t.move);
    },
    end() {
      setDragId(null);
      setDrop(null);
    },
  };

  const rootDropUseful = dragId !== null && dropMove(categories, dragId, null, "inside") !== null;
  return (
    <div className="cat-tree-wrap" data-dragging={dragId ? "true" : undefined}>
      <ul className="cat-tree" aria-label="Categories">
        {tree.map((node) => (
          <Row key={node.category.id} node={node} tree={props} dnd={dnd} moveBy={moveBy} />
        ))}
      </ul>
      {props.canManage && (
        <div
          className="cat-root-drop"
          data-visible={rootDropUseful ? "true" : undefined}
          data-over={drop?.id === null ? "true" : undefined}
          onDragOver={(e) => dnd.over(e, null)}
          onDragLeave={() => drop?.id === null && setDrop(null)}
          onDrop={(e) => dnd.finish(e, null)}
          aria-hidden="true"
        >
          Drop here to make it a top-level category
        </div>
      )}
    </div>
  );
}

interface Dnd {
  dragId: string | null;
  drop: { id: string | null; place: DropPlace } | null;
  start: (e: DragEvent, id: string) => void;
  over: (e: DragEvent, node: TreeNode | null) => void;
  finish: (e: DragEvent, node: TreeNode | null) => void;
  end: () => void;
}

/** Products in a category and everything under it: what a shopper browsing it would see. */
const subtreeCount = (n: TreeNode): number => n.category.productCount + n.children.reduce((sum, child) => sum + subtreeCount(child), 0);

function Row({ node, tree, dnd, moveBy }: { node: TreeNode; tree: TreeProps; dnd: Dnd; moveBy: (id: string, d: Direction) => void }) {
  const c = node.category;
  const selected = tree.selectedId === c.id;
  const dropHere = dnd.drop?.id === c.id ? dnd.drop.place : undefined;
  const total = subtreeCount(node);
  return (
    <li className="cat-item" data-depth={node.depth}>
      <div
        className="cat-row"
        data-selected={selected ? "true" : undefined}
        data-drop={dropHere}
        data-dragged={dnd.dragId === c.id ? "true" : undefined}
        data-testid={`category-${c.slug}`}
        draggable={tree.canManage}
        onDragStart={(e) => dnd.start(e, c.id)}
        onDragOver={(e) => dnd.over(e, node)}
        onDrop={(e) => dnd.finish(e, node)}
        onDragEnd={dnd.end}
      >
        {tree.canManage && (
          <span className="cat-grip" title="Drag to move" aria-hidden="true">
            <GripIcon />
          </span>
        )}
        <Link
          to={selected ? "." : `?category=${encodeURIComponent(c.id)}`}
          className="cat-name"
          draggable={false}
          preventScrollReset
          replace
          data-category-link={c.id}
          aria-current={selected ? "true" : undefined}
        >
          {c.name}
        </Link>
        <span className="cat-count" title={total === c.productCount ? `${total} product${total === 1 ? "" : "s"} in ${c.name}` : `${total} products in ${c.name} and its subcategories (${c.productCount} directly in ${c.name})`}>
          {total}
          <span className="visually-hidden"> product{total === 1 ? "" : "s"}</span>
        </span>
      </div>
      {selected && <Toolbar node={node} tree={tree} moveBy={moveBy} />}
      {node.children.length > 0 && (
        <ul className="cat-tree">
          {node.children.map((child) => (
            <Row key={child.category.id} node={child} tree={tree} dnd={dnd} moveBy={moveBy} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Toolbar({ node, tree, moveBy }: { node: TreeNode; tree: TreeProps; moveBy: (id: string, d: Direction) => void }) {
  const c = node.category;
  const [renaming, setRenaming] = useState(false);
  const nav = useNavigation();
  const renameBusy = nav.state === "submitting" && nav.formData?.get("intent") === "rename";
  const renameError = tree.renameError?.id === c.id ? tree.renameError.message : null;
  // The rename form closes once the new name is in.
  useEffect(() => {
    if (nav.state === "idle" && !renameError) setRenaming(false);
  }, [c.name, renameError, nav.state]);
  return (
    <div className="cat-toolbar" role="group" aria-label={`${c.name}: actions`}>
      {renaming ? (
        <Form method="post" className="cat-rename" preventScrollReset>
          <input type="hidden" name="intent" value="rename" />
          <input type="hidden" name="id" value={c.id} />
          <label className="visually-hidden" htmlFor={`rename-${c.id}`}>New name for {c.name}</label>
          <input id={`rename-${c.id}`} className="input" name="name" defaultValue={c.name} maxLength={80} autoFocus autoComplete="off" aria-invalid={renameError ? true : undefined} onKeyDown={(e) => e.key === "Escape" && setRenaming(false)} />
          <Button type="submit" size="small" disabled={renameBusy}>Save</Button>
          <Button type="button" size="small" variant="ghost" onClick={() => setRenaming(false)}>Cancel</Button>
          {renameError && <span className="error small" role="alert">{renameError}</span>}
        </Form>
      ) : (
        <>
          {tree.canManage && (
            <span className="cat-moves">
              {MOVES.map(({ direction, label, Icon }) => {
                const possible = keyboardMove(tree.categories, c.id, direction) !== null;
                return (
                  <button
                    key={direction}
                    type="button"
                    className="icon-btn"
                    aria-label={`${label}: ${c.name}`}
                    title={label}
                    data-move-key={`${c.id}:${direction}`}
                    aria-disabled={possible ? undefined : "true"}
                    onClick={() => possible && moveBy(c.id, direction)}
                  >
                    <Icon />
                  </button>
                );
              })}
            </span>
          )}
          <span className="cat-actions">
            <Link className="btn btn-ghost btn-small" to={`/brand/catalog/products?category=${encodeURIComponent(c.id)}`}>Products</Link>
            <a className="btn btn-ghost btn-small cat-attr-jump" href="#attributes">Attributes</a>
            {tree.canManage && (
              <>
                <Button type="button" variant="ghost" size="small" onClick={() => setRenaming(true)}>Rename</Button>
                <Button type="button" variant="ghost" size="small" onClick={() => tree.onAddInside(c.id)}>Add inside</Button>
                <ConfirmButton label="Delete" confirmLabel="Delete" question={`Delete “${c.name}”?`} onConfirm={() => tree.onDelete(c.id)} />
              </>
            )}
          </span>
        </>
      )}
      {tree.deleteError?.id === c.id && <div className="alert alert-error cat-toolbar-alert" role="alert">{tree.deleteError.message}</div>}
    </div>
  );
}
