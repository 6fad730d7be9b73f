import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { requireBrand } from "../lib/brand.server";
import { loadAttributes } from "../lib/catalog.server";

/** The attributes a category's products fill in (its own and inherited), for the product editor. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const categoryId = new URL(request.url).searchParams.get("category");
  return { categoryId, items: await loadAttributes(context, request, brand.id, categoryId) };
}
