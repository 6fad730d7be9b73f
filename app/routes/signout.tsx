import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { api, relayCookies } from "../lib/api.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const res = await api(context, request, "/api/v1/auth/signout", { method: "POST" });
  const headers = relayCookies(res.headers);
  // Clear the cookie even if the session had already gone.
  if (!headers.has("set-cookie")) headers.append("set-cookie", "tandem_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax");
  return redirect("/", { headers });
}

export const loader = () => redirect("/");
