import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { Category } from "../../lib/catalog";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/field";

/** What the category page's action answers (one shape for every intent). */
export interface CategoryResult {
  intent?: string;
  ok?: boolean;
  id?: string;
  name?: string;
  message?: string;
  errors?: Record<string, string>;
}

/**
 * Adds a category at the top level or under another one. After each add the name clears and the
 * parent stays, so a whole branch can be typed in one go.
 */
export function AddCategoryForm({ categories, parentId, onParentChange, focusKey, result, first }: { categories: Category[]; parentId: string; onParentChange: (id: string) => void; focusKey: number; result?: CategoryResult; first?: boolean }) {
  const nav = useNavigation();
  const busy = nav.state === "submitting" && nav.formData?.get("intent") === "create";
  const form = useRef<HTMLFormElement>(null);
  const mine = result?.intent === "create" ? result : undefined;
  useEffect(() => {
    if (focusKey || mine?.ok) (form.current?.elements.namedItem("name") as HTMLInputElement | null)?.focus();
  }, [focusKey, mine]);
  const parentOptions = [{ value: "", label: "Top level" }, ...categories.map((c) => ({ value: c.id, label: c.path.join(" › ") }))];
  return (
    <Form method="post" ref={form} className="add-category" preventScrollReset noValidate key={mine?.ok ? mine.id : "add"}>
      <input type="hidden" name="intent" value="create" />
      {first && <input type="hidden" name="parentId" value="" />}
      <div className="add-category-fields">
        <Input label={first ? "Name your first category" : "New category"} name="name" placeholder={first ? "e.g. Clothing" : "e.g. Dresses"} autoComplete="off" maxLength={80} error={mine?.ok === false ? (mine.errors?.name ?? (mine.errors?.slug ? `${mine.message} Pick another name.` : undefined)) : undefined} />
        {!first && <Select label="Inside" name="parentId" options={parentOptions} value={parentId} onChange={(e) => onParentChange(e.currentTarget.value)} />}
        <Button type="submit" disabled={busy}>{busy ? "Adding…" : "Add category"}</Button>
      </div>
      {mine?.ok === false && !mine.errors?.name && !mine.errors?.slug && <div className="alert alert-error" role="alert">{mine.message}</div>}
      {mine?.ok && <p className="small muted" role="status">Added “{mine.name}”.</p>}
    </Form>
  );
}
