import type { AppLoadContext } from "@remix-run/cloudflare";
import { api } from "./api.server";
import { requireCreator } from "./creator.server";

export interface DropClaims {
  drop: { id: string; title: string; perk: string | null; productId: string | null; quantity: number; claimed: number; releaseAt: number };
  items: { claimId: string; userId: string; name: string; status: "reserved" | "fulfilled" | "cancelled"; claimedAt: number }[];
}

/** The signed-in creator's drop and who claimed it (404 when it is not one of theirs). */
export async function loadDropClaims(context: AppLoadContext, request: Request, dropId: string) {
  const { creator } = await requireCreator(context, request);
  const found = await api<{ slug: string; name: string }>(context, request, `/api/v1/communities/by-creator/${encodeURIComponent(creator.handle)}`);
  if (!found.ok) throw new Response("Not found", { status: 404 });
  const res = await api<DropClaims>(context, request, `/api/v1/communities/${encodeURIComponent(found.data.slug)}/drops/${encodeURIComponent(dropId)}/claims`);
  if (!res.ok) throw new Response(res.problem.detail, { status: res.problem.status });
  return { community: found.data, ...res.data };
}
