import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { csvResponse } from "../lib/csv.server";
import { loadDropClaims } from "../lib/drops.server";

/** CSV of a drop's claims, in order, for fulfilment. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { drop, items } = await loadDropClaims(context, request, params.dropId ?? "");
  const rows = items.map((c, i) => ({ position: i + 1, member: c.name, member_id: c.userId, claim_id: c.claimId, claimed_at: new Date(c.claimedAt).toISOString(), status: c.status }));
  return csvResponse(`${drop.title}-claims.csv`, rows, ["position", "member", "member_id", "claim_id", "claimed_at", "status"]);
}
