import { redirect, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { api } from "../lib/api.server";
import { handleFrom } from "../lib/storefront.server";

/** `/@handle/community` → the creator's community, in the same session (no second sign-in). */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const h = handleFrom(params.handle);
  if (!h) throw new Response("Not found", { status: 404 });
  const res = await api<{ slug: string }>(context, request, `/api/v1/communities/by-creator/${h}`);
  if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
  const from = new URL(request.url).searchParams.get("utm_source");
  return redirect(`/c/${res.data.slug}${from ? "" : "?utm_source=storefront"}`);
}
