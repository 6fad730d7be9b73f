import type { AppLoadContext } from "@remix-run/cloudflare";
import { api, type Problem } from "./api.server";
import type { Attribute, Category } from "./catalog";

/** A catalog API path for the brand: `/api/v1/catalog/<path>?brandId=…&<query>`. */
export function catalogPath(brandId: string, path: string, query: Record<string, string | number | boolean | undefined | null> = {}) {
  const q = new URLSearchParams({ brandId });
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  return `/api/v1/catalog${path}?${q}`;
}

/** Every field error of a problem, keyed by its full path without `body.` (e.g. `variants.1.priceMinor`). */
export function problemErrors(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem.errors ?? []) out[e.path.replace(/^body\.?/, "") || "body"] ??= e.message;
  return out;
}

export async function loadCategories(context: AppLoadContext, request: Request, brandId: string): Promise<Category[]> {
  const res = await api<{ items: Category[] }>(context, request, catalogPath(brandId, "/categories"));
  if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
  return res.data.items;
}

export async function loadAttributes(context: AppLoadContext, request: Request, brandId: string, categoryId: string | null): Promise<Attribute[]> {
  if (!categoryId) return [];
  const res = await api<{ items: Attribute[] }>(context, request, catalogPath(brandId, `/categories/${encodeURIComponent(categoryId)}/attributes`));
  return res.ok ? res.data.items : [];
}
