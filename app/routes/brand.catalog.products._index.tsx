import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useFetcher, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ProductThumb } from "../components/catalog/product-thumb";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { priceRange, STATUS_LABEL, type Product, type ProductStatus } from "../lib/catalog";
import { catalogPath, loadCategories } from "../lib/catalog.server";

export const meta: MetaFunction = () => [{ title: "Products · Catalog · Tandem" }];

const PAGE = 25;
const STATUSES = Object.keys(STATUS_LABEL) as ProductStatus[];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() ?? "";
  const statusParam = url.searchParams.get("status") ?? "";
  const status = (STATUSES as string[]).includes(statusParam) ? statusParam : "";
  const category = url.searchParams.get("category") ?? "";
  const before = url.searchParams.get("before") ?? "";
  const [list, categories] = await Promise.all([
    api<{ items: Product[]; nextBefore: string | null }>(context, request, catalogPath(brand.id, "/products", { q, status, categoryId: category, before, limit: PAGE })),
    loadCategories(context, request, brand.id),
  ]);
  if (!list.ok) throw new Response(list.problem.detail, { status: list.problem.status });
  const names = new Map(categories.map((c) => [c.id, c.path.join(" › ")]));
  // Only what a row shows travels to the browser (not descriptions, variants or every image).
  const rows = list.data.items.map((p) => ({
    id: p.id,
    title: p.title,
    handle: p.handle,
    status: p.status,
    category: p.categoryId ? (names.get(p.categoryId) ?? null) : null,
    price: priceRange(p),
    variants: p.variants.length,
    inventory: p.variants.reduce((n, v) => n + v.inventory, 0),
    image: p.media[0] ? { url: p.media[0].url, alt: p.media[0].alt } : null,
  }));
  return {
    rows,
    nextBefore: list.data.nextBefore,
    filters: { q, status, category, before },
    categories: categories.map((c) => ({ value: c.id, label: c.path.join(" › ") })),
    canManage: brand.role !== "member",
    deleted: url.searchParams.get("deleted") === "1",
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Data["rows"][number];

export default function ProductsPage() {
  const data = useLoaderData<typeof loader>();
  const { search } = useLocation();
  // New filters start a new list; "Show more" appends to the current one.
  return <Products key={search.replace(/[?&]before=[^&]*/, "")} data={data} />;
}

function Products({ data }: { data: Data }) {
  const { filters, categories, canManage } = data;
  const submit = useSubmit();
  const nav = useNavigation();
  const more = useFetcher<Data>();
  const [rows, setRows] = useState<Row[]>(data.rows);
  const [next, setNext] = useState(data.nextBefore);
  useEffect(() => {
    setRows(data.rows);
    setNext(data.nextBefore);
  }, [data]);
  useEffect(() => {
    if (more.data && more.state === "idle") {
      const page = more.data;
      setRows((r) => [...r, ...page.rows.filter((p) => !r.some((x) => x.id === p.id))]);
      setNext(page.nextBefore);
    }
  }, [more.data, more.state]);
  const filtered = Boolean(filters.q || filters.status || filters.category);
  const nextQuery = (before: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: filters.q, status: filters.status, category: filters.category, before })) if (v) q.set(k, v);
    return q.size ? `?${q}` : "/brand/catalog/products";
  };
  const searching = nav.state === "loading" && nav.location.pathname === "/brand/catalog/products";

  return (
    <>
      <div className="page-head spread">
        <div>
          <h1>Products</h1>
          <p>Everything you sell, with its variants and stock. Creators pick from the active ones.</p>
        </div>
        <div className="row">
          <Button variant="secondary" to="/brand/catalog/import">Import CSV</Button>
          {canManage && <Button to={`/brand/catalog/products/new${filters.category ? `?category=${encodeURIComponent(filters.category)}` : ""}`}>Add product</Button>}
        </div>
      </div>
      {data.deleted && <div className="alert alert-success page-alert" role="status">Product deleted.</div>}
      <Form method="get" className="product-filters" role="search" onChange={(e) => {
        if ((e.target as HTMLElement).tagName === "SELECT") submit(e.currentTarget, { replace: true, preventScrollReset: true });
      }}>
        <div className="field product-search">
          <label htmlFor="product-q">Search</label>
          <input id="product-q" className="input" type="search" name="q" defaultValue={filters.q} placeholder="Title or handle" maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="product-status">Status</label>
          <select id="product-status" className="input" name="status" defaultValue={filters.status}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{STATUS_LABEL[s]}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="product-category">Category</label>
          <select id="product-category" className="input" name="category" defaultValue={filters.category}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.value} value={c.value}>{c.label}</option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">Search</Button>
      </Form>
      <Card className="product-card" aria-busy={searching || undefined}>
        {rows.length === 0 ? (
          filtered || filters.before ? (
            <div className="empty">
              <strong>No products match</strong>
              Try another word or status.
              <div style={{ marginTop: "var(--space-4)" }}><Button variant="secondary" to="/brand/catalog/products">Clear filters</Button></div>
            </div>
          ) : (
            <div className="empty">
              <strong>No products yet</strong>
              Add them one by one, or bring your whole catalog in from Shopify or a spreadsheet.
              <div className="row" style={{ marginTop: "var(--space-4)", justifyContent: "center" }}>
                {canManage && <Button to="/brand/catalog/products/new">Add a product</Button>}
                <Button variant="secondary" to="/brand/catalog/import">Import a CSV</Button>
              </div>
            </div>
          )
        ) : (
          <>
            <div className="product-head" aria-hidden="true">
              <span />
              <span>Product</span>
              <span>Status</span>
              <span>Category</span>
              <span className="num">Variants</span>
              <span className="num">Price</span>
            </div>
            <ul className="product-list" aria-label="Products">
              {rows.map((p) => (
                <li key={p.id}>
                  <Link to={`/brand/catalog/products/${p.id}`} className="product-row" prefetch="intent">
                    <ProductThumb src={p.image?.url} alt={p.image?.alt || p.title} />
                    <span className="product-title">
                      <strong>{p.title}</strong>
                      <span className="small muted">/{p.handle}</span>
                    </span>
                    <span className="product-status">
                      <span className={`badge badge-${p.status}`}>{STATUS_LABEL[p.status]}</span>
                    </span>
                    <span className="product-category small">{p.category ?? <span className="muted">No category</span>}</span>
                    <span className="product-variants small num">
                      {p.variants} variant{p.variants === 1 ? "" : "s"}
                      <span className="muted"> · {p.inventory} in stock</span>
                    </span>
                    <span className="product-price num">{p.price}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      {(next || filters.before) && (
        <div className="product-pager">
          {filters.before && <Link to={nextQuery("")} className="small">← Back to the newest</Link>}
          {next && (
            // A link to the next page that, with JavaScript, appends it here instead.
            <Link
              className="btn btn-secondary"
              to={nextQuery(next)}
              aria-disabled={more.state !== "idle" || undefined}
              onClick={(e) => {
                e.preventDefault();
                if (more.state === "idle") more.load(`/brand/catalog/products${nextQuery(next)}&index`);
              }}
            >
              {more.state !== "idle" ? "Loading…" : "Show more"}
            </Link>
          )}
        </div>
      )}
    </>
  );
}
