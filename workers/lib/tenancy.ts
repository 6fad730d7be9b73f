import { and, eq } from "drizzle-orm";
import { brandMembers } from "../db/pg/schema";
import type { Actor, Deps } from "./context";
import { AppError } from "./errors";

export type BrandRole = "owner" | "admin" | "member";

/**
 * Proof that the caller may act for one brand. Brand-scoped domain functions take this,
 * never a bare id, and filter every query by `tenant.brandId`.
 */
export interface BrandTenant {
  readonly brandId: string;
  readonly role: BrandRole;
  readonly via: "session" | "apiKey";
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError("unauthenticated", "Sign in, or send a brand API key as `Authorization: Bearer …`.");
  return actor;
}

export function requireUser(actor: Actor | null): Extract<Actor, { kind: "user" }> {
  const a = requireActor(actor);
  if (a.kind !== "user") throw new AppError("forbidden", "This action needs a signed-in person, not an API key.");
  return a;
}

/**
 * Resolves the caller's role in `brandId`. Someone outside the brand gets 404 (its existence
 * is not theirs to learn); a member without a required role gets 403.
 */
export async function brandTenant(
  deps: Deps,
  actor: Actor | null,
  brandId: string,
  opts: { roles?: BrandRole[]; sessionOnly?: boolean } = {},
): Promise<BrandTenant> {
  const a = requireActor(actor);
  const notFound = new AppError("not_found", `No brand ${brandId} that you can access.`);
  let tenant: BrandTenant;
  if (a.kind === "apiKey") {
    if (a.brandId !== brandId) throw notFound;
    if (opts.sessionOnly) throw new AppError("forbidden", "API keys cannot do this; sign in as an owner or admin.");
    // A key acts for its brand with admin rights, never owner rights.
    tenant = { brandId, role: "admin", via: "apiKey" };
  } else {
    const pg = await deps.pg();
    const m = await pg
      .select({ role: brandMembers.role })
      .from(brandMembers)
      .where(and(eq(brandMembers.brandId, brandId), eq(brandMembers.userId, a.userId)))
      .limit(1);
    if (!m[0]) throw notFound;
    tenant = { brandId, role: m[0].role, via: "session" };
  }
  if (opts.roles && !opts.roles.includes(tenant.role)) {
    throw new AppError("forbidden", `Only ${opts.roles.join(" or ")} members can do this.`);
  }
  return tenant;
}

/**
 * Which brand a request is about (new campaigns, listings, the catalog): the key's brand, or the one named,
 * or the person's only brand. Any member may read; a write names the roles it needs in `opts.roles`.
 */
export async function brandInScope(deps: Deps, actor: Actor | null, brandId: string | undefined, opts: { roles?: BrandRole[]; where?: string } = {}) {
  const { roles, where = "body.brandId" } = opts;
  const a = requireActor(actor);
  if (a.kind === "apiKey") return brandTenant(deps, a, brandId ?? a.brandId, { roles });
  if (brandId) return brandTenant(deps, a, brandId, { roles });
  const pg = await deps.pg();
  const mine = await pg.select({ brandId: brandMembers.brandId }).from(brandMembers).where(eq(brandMembers.userId, a.userId));
  if (mine.length !== 1) {
    throw new AppError("validation_failed", "Say which brand this is for.", [{ path: where, message: mine.length ? "You belong to several brands" : "You belong to no brand" }]);
  }
  return brandTenant(deps, a, mine[0]!.brandId, { roles });
}
