import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";

/** Resource route for the sensitivity what-if: proxies the API preview as JSON. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireBrand(context, request);
  const threshold = new URL(request.url).searchParams.get("threshold") ?? "0.5";
  const res = await api(context, request, `/api/v1/campaigns/${encodeURIComponent(params.campaignId!)}/fraud/preview?threshold=${encodeURIComponent(threshold)}`);
  return Response.json(res.ok ? res.data : { error: res.problem.detail }, { status: res.ok ? 200 : res.problem.status });
}
