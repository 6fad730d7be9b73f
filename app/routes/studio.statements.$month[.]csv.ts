import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { requireCreator } from "../lib/creator.server";

/** A monthly statement (the gateway writes the CSV), downloaded through the app's origin. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCreator(context, request);
  const headers = new Headers({ accept: "text/csv" });
  const cookie = request.headers.get("cookie");
  if (cookie) headers.set("cookie", cookie);
  const res = await context.cloudflare.env.API.fetch(new Request(new URL(`/api/v1/earnings/statements/${encodeURIComponent(params.month ?? "")}`, request.url), { headers }));
  return new Response(res.body, { status: res.status, headers: { "content-type": res.headers.get("content-type") ?? "text/csv", "content-disposition": res.headers.get("content-disposition") ?? "attachment", "cache-control": "private, no-store" } });
}
