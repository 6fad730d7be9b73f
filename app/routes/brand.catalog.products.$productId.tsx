import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { AttributeFields } from "../components/catalog/attribute-fields";
import { ConfirmButton } from "../components/catalog/confirm-button";
import { MediaField } from "../components/catalog/media-field";
import { VariantsEditor } from "../components/catalog/variants-editor";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Input, Select } from "../components/ui/field";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { CURRENCIES, currencyFor, handleize, STATUS_LABEL, type Attribute, type Product } from "../lib/catalog";
import { catalogPath, loadAttributes, loadCategories, problemErrors } from "../lib/catalog.server";
import { editorErrors, productBodyFromForm } from "../lib/product-form.server";
import { apiUpload } from "../lib/upload.server";
import { readForm } from "../lib/read-body.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.product?.title ?? "New product"} · Catalog · Tandem` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const isNew = params.productId === "new";
  const url = new URL(request.url);
  const [product, categories] = await Promise.all([
    isNew ? null : api<Product>(context, request, catalogPath(brand.id, `/products/${encodeURIComponent(params.productId!)}`)),
    loadCategories(context, request, brand.id),
  ]);
  if (product && !product.ok) throw new Response("Not found", { status: 404 });
  const p = product?.ok ? product.data : null;
  // A new product can start in a category (from the products list filtered to it).
  const categoryId = p ? p.categoryId : categories.find((c) => c.id === url.searchParams.get("category"))?.id ?? null;
  const attributes = await loadAttributes(context, request, brand.id, categoryId);
  return {
    product: p,
    categoryId,
    categories: categories.map((c) => ({ id: c.id, label: c.path.join(" › "), name: c.name })),
    attributes,
    currency: p?.currency ?? currencyFor(brand.country),
    canManage: brand.role !== "member",
    saved: url.searchParams.get("saved") === "1",
    imageError: url.searchParams.get("imageError"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "save");
  const id = params.productId === "new" ? null : encodeURIComponent(params.productId!);
  if (intent === "delete-media" && id) {
    const res = await api(context, request, catalogPath(brand.id, `/products/${id}/media/${encodeURIComponent(String(form.get("mediaId")))}`), { method: "DELETE" });
    return res.ok ? { ok: true } : { ok: false, message: res.problem.detail };
  }
  if (intent === "delete" && id) {
    const res = await api(context, request, catalogPath(brand.id, `/products/${id}`), { method: "DELETE" });
    return res.ok ? redirect("/brand/catalog/products?deleted=1") : { ok: false, message: res.problem.detail };
  }
  const defs = await loadAttributes(context, request, brand.id, String(form.get("categoryId") ?? "") || null);
  const { body, errors } = productBodyFromForm(form, defs);
  if (Object.keys(errors).length) return { ok: false, errors, message: "Some fields need a look." };
  const res = await api<Product>(context, request, id ? catalogPath(brand.id, `/products/${id}`) : catalogPath(brand.id, "/products"), { method: id ? "PATCH" : "POST", body });
  if (!res.ok) {
    const fields = editorErrors(problemErrors(res.problem));
    return { ok: false, errors: fields, message: Object.keys(fields).length ? `${res.problem.detail} See the marked fields.` : res.problem.detail };
  }
  const to = `/brand/catalog/products/${res.data.id}?saved=1`;
  const image = form.get("image");
  if (image instanceof File && image.size > 0) {
    const alt = String(form.get("imageAlt") ?? "").trim();
    const up = await apiUpload(context, request, catalogPath(brand.id, `/products/${encodeURIComponent(res.data.id)}/media`, { alt }), image, "application/octet-stream");
    if (!up.ok) return redirect(`${to}&imageError=${encodeURIComponent(up.problem.detail)}`);
  }
  return redirect(to);
}

const STATUS_OPTIONS = (Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((s) => ({ value: s, label: STATUS_LABEL[s] }));
const CURRENCY_OPTIONS = CURRENCIES.map((c) => ({ value: c, label: c }));

type EditorData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ProductPage() {
  const data = useLoaderData<typeof loader>();
  // A fresh editor after each save, so it shows what the gateway stored (trimmed, sanitised, re-ordered).
  return <ProductEditor key={`${data.product?.id ?? "new"}:${data.product?.updatedAt ?? 0}`} data={data} />;
}

function ProductEditor({ data }: { data: EditorData }) {
  const { product, categories, canManage } = data;
  const result = useActionData<typeof action>() as { ok: boolean; errors?: Record<string, string>; message?: string } | undefined;
  const nav = useNavigation();
  const saving = nav.state !== "idle" && nav.formData?.get("intent") === "save";
  const e = result?.errors ?? {};
  const [title, setTitle] = useState(product?.title ?? "");
  const [handle, setHandle] = useState<string | null>(product ? product.handle : null);
  const [currency, setCurrency] = useState(data.currency);
  const [categoryId, setCategoryId] = useState(data.categoryId ?? "");
  const attrs = useFetcher<{ categoryId: string | null; items: Attribute[] }>();
  const defs = categoryId === (data.categoryId ?? "") ? data.attributes : attrs.data?.categoryId === categoryId ? attrs.data.items : null;
  useEffect(() => {
    if (categoryId && categoryId !== (data.categoryId ?? "")) attrs.load(`/brand/catalog/attributes?category=${encodeURIComponent(categoryId)}`);
  }, [categoryId, data.categoryId]); // once per chosen category
  const category = categories.find((c) => c.id === categoryId);
  const shownHandle = handle ?? handleize(title);

  return (
    <>
      <p className="small crumbs"><Link to="/brand/catalog/products">← Products</Link></p>
      <div className="page-head spread">
        <div>
          <h1>{product ? product.title : "New product"}</h1>
          {product && <p className="small">/{product.handle} · {product.variants.length} variant{product.variants.length === 1 ? "" : "s"}</p>}
        </div>
        {canManage && (
          <div className="row">
            <Button type="submit" form="product-form" disabled={saving}>{saving ? "Saving…" : product ? "Save" : "Create product"}</Button>
          </div>
        )}
      </div>
      {data.saved && !result && !data.imageError && <div className="alert alert-success page-alert" role="status">Saved.</div>}
      {data.imageError && <div className="alert alert-error page-alert" role="alert">The product was saved, but the image was not: {data.imageError}</div>}
      {result && !result.ok && <div className="alert alert-error page-alert" role="alert">{result.message}</div>}
      <Form method="post" id="product-form" encType="multipart/form-data" className="product-editor" noValidate>
        <input type="hidden" name="intent" value="save" />
        <fieldset disabled={!canManage} className="product-main stack">
          <Card className="stack">
            <Input label="Title" name="title" value={title} onChange={(ev) => setTitle(ev.currentTarget.value)} error={e.title} maxLength={200} placeholder="e.g. Linen wrap dress" autoComplete="off" />
            <div className="field">
              <label htmlFor="description">Description</label>
              <textarea id="description" name="descriptionHtml" className="input textarea" rows={6} defaultValue={product?.descriptionHtml ?? ""} aria-invalid={e.descriptionHtml ? true : undefined} aria-describedby="description-hint" />
              <span id="description-hint" className="hint">Paragraphs, lists, bold, italics and links are kept (as HTML); anything else is removed when you save.</span>
              {e.descriptionHtml && <span className="error" role="alert">{e.descriptionHtml}</span>}
            </div>
          </Card>
          <Card className="stack">
            <div>
              <h2>Images</h2>
              <p className="muted small">The first image is the one shoppers see first.</p>
            </div>
            <MediaField media={product?.media ?? []} title={title} error={e.body ?? e.image} />
          </Card>
          <Card className="stack">
            <div>
              <h2>Variants</h2>
              <p className="muted small">Each variant has its own price, SKU and stock. Add options such as size to sell more than one.</p>
            </div>
            <VariantsEditor product={product} currency={currency} errors={e} />
          </Card>
        </fieldset>
        <fieldset disabled={!canManage} className="product-side stack">
          <Card className="stack">
            <Select label="Status" name="status" options={STATUS_OPTIONS} defaultValue={product?.status ?? "draft"} error={e.status} hint="Only active products appear on storefronts." />
            <Select label="Category" name="categoryId" options={categories.map((c) => ({ value: c.id, label: c.label }))} placeholder="No category" value={categoryId} onChange={(ev) => setCategoryId(ev.currentTarget.value)} error={e.categoryId} />
          </Card>
          {categoryId && (
            <Card className="stack">
              <div>
                <h2>Attributes</h2>
                <p className="muted small">What {category?.name ?? "this category"} asks of its products.</p>
              </div>
              {defs ? (
                <AttributeFields key={categoryId} defs={defs} values={product?.attributes ?? {}} errors={e} categoryName={category?.name ?? "This category"} />
              ) : (
                <p className="muted small" role="status">Loading the fields for {category?.name}…</p>
              )}
              {Object.keys(e).filter((k) => k.startsWith("attr.") && !defs?.some((d) => `attr.${d.key}` === k)).map((k) => (
                <p key={k} className="error small" role="alert">{k.slice(5)}: {e[k]}</p>
              ))}
            </Card>
          )}
          <Card className="stack">
            <h2>Details</h2>
            <Input label="Handle" name="handle" value={shownHandle} onChange={(ev) => setHandle(ev.currentTarget.value)} error={e.handle} hint="The product’s address on storefronts: lowercase letters, digits and hyphens." autoComplete="off" spellCheck={false} />
            <Input label="Vendor (optional)" name="vendor" defaultValue={product?.vendor ?? ""} error={e.vendor} maxLength={120} />
            <Input label="Tags (optional)" name="tags" defaultValue={product?.tags.join(", ") ?? ""} error={e.tags} hint="Separate them with commas" autoComplete="off" />
            <Select label="Currency" name="currency" options={CURRENCY_OPTIONS.some((c) => c.value === currency) ? CURRENCY_OPTIONS : [...CURRENCY_OPTIONS, { value: currency, label: currency }]} value={currency} onChange={(ev) => setCurrency(ev.currentTarget.value)} error={e.currency} hint="Prices are in this currency." />
          </Card>
          {canManage && (
            <div className="product-save">
              <Button type="submit" block disabled={saving}>{saving ? "Saving…" : product ? "Save product" : "Create product"}</Button>
            </div>
          )}
        </fieldset>
      </Form>
      {product && canManage && (
        <Card className="danger-zone">
          <div className="spread">
            <div>
              <h2>Delete this product</h2>
              <p className="muted small">Its variants and images go with it. Storefronts stop showing it at once.</p>
            </div>
            <DeleteProduct title={product.title} />
          </div>
        </Card>
      )}
    </>
  );
}

function DeleteProduct({ title }: { title: string }) {
  const fetcher = useFetcher<{ ok: boolean; message?: string }>();
  return (
    <div className="row">
      <ConfirmButton label="Delete product" confirmLabel="Delete" question={`Delete ${title}?`} onConfirm={() => fetcher.submit({ intent: "delete" }, { method: "post" })} />
      {fetcher.data?.ok === false && <span className="error small" role="alert">{fetcher.data.message}</span>}
    </div>
  );
}
