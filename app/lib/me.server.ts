import { redirect, type AppLoadContext } from "@remix-run/cloudflare";
import { api } from "./api.server";
import type { Me } from "./me";

export { homeFor, type Me } from "./me";

export async function getMe(context: AppLoadContext, request: Request): Promise<Me | null> {
  if (!request.headers.get("cookie")?.includes("tandem_session=")) return null;
  const res = await api<Me>(context, request, "/api/v1/me");
  return res.ok && res.data.kind === "user" ? res.data : null;
}

export async function requireMe(context: AppLoadContext, request: Request): Promise<Me> {
  const me = await getMe(context, request);
  if (!me) {
    const url = new URL(request.url);
    throw redirect(`/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return me;
}

