import type { Category } from "./catalog";

export interface TreeNode {
  category: Category;
  children: TreeNode[];
  depth: number;
}

/** A move as the API takes it: the new parent and the index among its children (the moved one left out). */
export interface Move {
  id: string;
  parentId: string | null;
  position: number;
}

const siblingsOf = (cats: Category[], parentId: string | null) => cats.filter((c) => c.parentId === parentId);

/** Nests the API's depth-first list (siblings already in position order). */
export function buildTree(cats: Category[]): TreeNode[] {
  const byParent = new Map<string | null, Category[]>();
  for (const c of cats) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const known = new Set(cats.map((c) => c.id));
  const grow = (parentId: string | null, depth: number): TreeNode[] =>
    (byParent.get(parentId) ?? []).map((category) => ({ category, depth, children: grow(category.id, depth + 1) }));
  // A parent outside the list (never expected) would hide its subtree: show such rows at the top level.
  const orphans = cats.filter((c) => c.parentId && !known.has(c.parentId)).map((category) => ({ category, depth: 0, children: grow(category.id, 1) }));
  return [...grow(null, 0), ...orphans];
}

/** True when `id` is `ancestorId` or lies under it. */
export function isWithin(cats: Category[], id: string, ancestorId: string): boolean {
  const parent = new Map(cats.map((c) => [c.id, c.parentId]));
  for (let p: string | null | undefined = id; p; p = parent.get(p)) if (p === ancestorId) return true;
  return false;
}

/** The list after a move, in the same depth-first order the API returns (for an optimistic redraw). */
export function applyMove(cats: Category[], move: Move): Category[] {
  const moving = cats.find((c) => c.id === move.id);
  if (!moving || (move.parentId && isWithin(cats, move.parentId, move.id))) return cats;
  const rest = cats.filter((c) => c.id !== move.id);
  const sibs = siblingsOf(rest, move.parentId);
  sibs.splice(Math.min(move.position, sibs.length), 0, { ...moving, parentId: move.parentId });
  const order = new Map(sibs.map((c, i) => [c.id, i]));
  const updated = [...rest.filter((c) => c.parentId !== move.parentId), ...sibs].map((c) => (order.has(c.id) ? { ...c, position: order.get(c.id)! } : c));
  // Re-flatten depth first with fresh paths.
  const out: Category[] = [];
  const byParent = new Map<string | null, Category[]>();
  for (const c of [...updated].sort((a, b) => a.position - b.position)) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const walk = (parentId: string | null, path: string[]) => {
    for (const c of byParent.get(parentId) ?? []) {
      out.push({ ...c, path: [...path, c.name] });
      walk(c.id, [...path, c.name]);
    }
  };
  walk(null, []);
  return out;
}

/** Where the move buttons (up, down, indent, outdent) take a category; null when it cannot go that way. */
export function keyboardMove(cats: Category[], id: string, direction: "up" | "down" | "indent" | "outdent"): Move | null {
  const me = cats.find((c) => c.id === id);
  if (!me) return null;
  const sibs = siblingsOf(cats, me.parentId);
  const i = sibs.findIndex((c) => c.id === id);
  switch (direction) {
    case "up":
      return i > 0 ? { id, parentId: me.parentId, position: i - 1 } : null;
    case "down":
      return i < sibs.length - 1 ? { id, parentId: me.parentId, position: i + 1 } : null;
    case "indent": {
      // Becomes the last child of the sibling above it.
      const above = sibs[i - 1];
      return above ? { id, parentId: above.id, position: siblingsOf(cats, above.id).length } : null;
    }
    case "outdent": {
      // Goes right after its parent, among the parent's siblings.
      const parent = cats.find((c) => c.id === me.parentId);
      if (!parent) return null;
      const parentIndex = siblingsOf(cats, parent.parentId).findIndex((c) => c.id === parent.id);
      return { id, parentId: parent.parentId, position: parentIndex + 1 };
    }
  }
}

export type DropPlace = "before" | "after" | "inside";

/** Where a drop on `targetId` puts `id`; null when the drop would change nothing or is not allowed. */
export function dropMove(cats: Category[], id: string, targetId: string | null, place: DropPlace): Move | null {
  const me = cats.find((c) => c.id === id);
  if (!me) return null;
  if (targetId === null) {
    // The "top level" zone: last among the roots.
    const roots = siblingsOf(cats, null).filter((c) => c.id !== id);
    return me.parentId === null && siblingsOf(cats, null).at(-1)?.id === id ? null : { id, parentId: null, position: roots.length };
  }
  if (targetId === id || isWithin(cats, targetId, id)) return null;
  const target = cats.find((c) => c.id === targetId);
  if (!target) return null;
  if (place === "inside") {
    const kids = siblingsOf(cats, target.id).filter((c) => c.id !== id);
    return me.parentId === target.id && siblingsOf(cats, target.id).at(-1)?.id === id ? null : { id, parentId: target.id, position: kids.length };
  }
  const sibs = siblingsOf(cats, target.parentId).filter((c) => c.id !== id);
  const at = sibs.findIndex((c) => c.id === target.id) + (place === "after" ? 1 : 0);
  const current = siblingsOf(cats, me.parentId).findIndex((c) => c.id === id);
  if (me.parentId === target.parentId && current === at) return null;
  return { id, parentId: target.parentId, position: at };
}
