import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useFetcher, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { AddCategoryForm, type CategoryResult } from "../components/catalog/add-category-form";
import { AttributesPanel } from "../components/catalog/attributes-panel";
import { CategoryTree } from "../components/catalog/category-tree";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { splitList, type Attribute } from "../lib/catalog";
import { catalogPath, loadAttributes, loadCategories, problemErrors } from "../lib/catalog.server";
import { applyMove, type Move } from "../lib/category-tree";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction = () => [{ title: "Catalog · Brand console · Tandem" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const wanted = new URL(request.url).searchParams.get("category");
  const [categories, attributes] = await Promise.all([loadCategories(context, request, brand.id), loadAttributes(context, request, brand.id, wanted)]);
  const selected = categories.find((c) => c.id === wanted) ?? null;
  return { canManage: brand.role !== "member", categories, selectedId: selected?.id ?? null, attributes: selected ? attributes : ([] as Attribute[]) };
}

export async function action({ request, context }: ActionFunctionArgs): Promise<CategoryResult> {
  const { brand } = await requireBrand(context, request);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const str = (k: string) => String(form.get(k) ?? "").trim();
  const id = encodeURIComponent(str("id"));
  const fail = (problem: Parameters<typeof problemErrors>[0]) => ({ intent, ok: false, id: str("id"), message: problem.detail, errors: problem.errors ? problemErrors(problem) : undefined });
  switch (intent) {
    case "create": {
      const res = await api<{ id: string; name: string }>(context, request, catalogPath(brand.id, "/categories"), { method: "POST", body: { name: str("name"), parentId: str("parentId") || null } });
      return res.ok ? { intent, ok: true, id: res.data.id, name: res.data.name } : fail(res.problem);
    }
    case "rename": {
      const res = await api(context, request, catalogPath(brand.id, `/categories/${id}`), { method: "PATCH", body: { name: str("name") } });
      return res.ok ? { intent, ok: true, id: str("id") } : fail(res.problem);
    }
    case "move": {
      const res = await api(context, request, catalogPath(brand.id, `/categories/${id}`), { method: "PATCH", body: { parentId: str("parentId") || null, position: Number(str("position")) } });
      return res.ok ? { intent, ok: true, id: str("id") } : fail(res.problem);
    }
    case "delete": {
      const res = await api(context, request, catalogPath(brand.id, `/categories/${id}`), { method: "DELETE" });
      return res.ok ? { intent, ok: true, id: str("id") } : fail(res.problem);
    }
    case "add-attribute": {
      const type = str("type");
      const body = { key: str("key"), label: str("label"), type, options: type === "enum" || type === "unit" ? splitList(str("options")) : [], required: form.get("required") === "true" };
      const res = await api<{ id: string; label: string }>(context, request, catalogPath(brand.id, `/categories/${encodeURIComponent(str("categoryId"))}/attributes`), { method: "POST", body });
      return res.ok ? { intent, ok: true, id: res.data.id, name: res.data.label } : fail(res.problem);
    }
    case "delete-attribute": {
      const res = await api(context, request, catalogPath(brand.id, `/categories/${encodeURIComponent(str("categoryId"))}/attributes/${encodeURIComponent(str("attributeId"))}`), { method: "DELETE" });
      return res.ok ? { intent, ok: true } : fail(res.problem);
    }
  }
  return { intent, ok: false, message: "Unknown action" };
}

export default function CatalogCategories() {
  const { categories, selectedId, attributes, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const mover = useFetcher<CategoryResult>({ key: "category-move" });
  const [parentId, setParentId] = useState("");
  const [focusKey, setFocusKey] = useState(0);

  // Moves go to the gateway one at a time, in order (two in flight could land the wrong way round);
  // each shows at once, and the list from the server replaces the guess when the gateway has answered.
  const [queue, setQueue] = useState<Move[]>([]);
  const answered = useRef<unknown>(null);
  const flight = useRef<"none" | "sent" | "busy">("none");
  useEffect(() => {
    if (mover.state !== "idle") {
      flight.current = "busy";
      return;
    }
    if (flight.current === "sent") return; // submitted; the fetcher has not picked it up yet
    flight.current = "none";
    if (mover.data && mover.data !== answered.current) {
      answered.current = mover.data;
      // Later moves were worked out on top of the refused one: drop them too.
      if (mover.data.ok === false) return setQueue([]);
    }
    const next = queue[0];
    if (!next) return;
    setQueue((q) => q.slice(1));
    flight.current = "sent";
    mover.submit({ intent: "move", id: next.id, parentId: next.parentId ?? "", position: String(next.position) }, { method: "post" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `mover` is a new object every render
  }, [mover.state, mover.data, queue]);
  const pending = mover.formData?.get("intent") === "move" ? { id: String(mover.formData.get("id")), parentId: String(mover.formData.get("parentId")) || null, position: Number(mover.formData.get("position")) } : null;
  const shown = queue.reduce(applyMove, pending ? applyMove(categories, pending) : categories);
  const move = (m: Move) => setQueue((q) => [...q, m]);
  const moveError = mover.state === "idle" && queue.length === 0 && mover.data?.ok === false ? mover.data : null;
  const selected = shown.find((c) => c.id === selectedId) ?? null;
  const productTotal = categories.reduce((n, c) => n + c.productCount, 0);

  if (categories.length === 0) {
    return (
      <>
        <div className="page-head">
          <h1>Catalog</h1>
          <p>Organise what you sell into categories, give each the fields its products need, then add products by hand or from a CSV.</p>
        </div>
        <Card className="catalog-empty">
          <div className="empty">
            <strong>Start with your first category</strong>
            Categories group your products (Clothing › Dresses) and decide which details each product carries.
          </div>
          {canManage ? (
            <div className="catalog-empty-actions">
              <AddCategoryForm categories={[]} parentId="" onParentChange={() => undefined} focusKey={0} result={result} first />
              <div className="catalog-empty-or">
                <span className="muted small">or</span>
                <Button variant="secondary" to="/brand/catalog/import">Import products from a CSV</Button>
              </div>
            </div>
          ) : (
            <p className="muted small" style={{ textAlign: "center" }}>An owner or admin of your brand can create categories.</p>
          )}
        </Card>
      </>
    );
  }

  return (
    <>
      <div className="page-head spread">
        <div>
          <h1>Catalog</h1>
          <p>
            {categories.length} categor{categories.length === 1 ? "y" : "ies"} · {productTotal} product{productTotal === 1 ? "" : "s"} in them.
            {canManage ? " Drag a category to reorder it or put it inside another, or select it for its attributes and move buttons." : " Select a category for its attributes."}
          </p>
        </div>
        <div className="row">
          <Button variant="secondary" to="/brand/catalog/import">Import CSV</Button>
          {canManage && <Button to="/brand/catalog/products/new">Add product</Button>}
        </div>
      </div>
      <div className="catalog-split">
        <Card className="cat-card">
          <h2 className="visually-hidden">Categories</h2>
          {moveError && (
            <div className="alert alert-error" role="alert">
              Could not move “{categories.find((c) => c.id === moveError.id)?.name ?? "that category"}”: {moveError.message}
            </div>
          )}
          {result?.intent === "move" && result.ok === false && <div className="alert alert-error" role="alert">{result.message}</div>}
          <CategoryTree
            categories={shown}
            selectedId={selected?.id ?? null}
            canManage={canManage}
            onMove={move}
            onAddInside={(id) => {
              setParentId(id);
              setFocusKey((k) => k + 1);
            }}
            onDelete={(id) => submit({ intent: "delete", id }, { method: "post", preventScrollReset: true })}
            deleteError={result?.intent === "delete" && result.ok === false ? { id: result.id ?? "", message: result.message ?? "" } : null}
            renameError={result?.intent === "rename" && result.ok === false ? { id: result.id ?? "", message: result.errors?.name ?? result.message ?? "" } : null}
          />
          {canManage && <AddCategoryForm categories={shown} parentId={parentId} onParentChange={setParentId} focusKey={focusKey} result={result} />}
        </Card>
        <AttributesPanel category={selected} categories={shown} attributes={attributes} canManage={canManage} result={result} />
      </div>
    </>
  );
}
