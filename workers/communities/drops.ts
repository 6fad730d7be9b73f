import { and, eq } from "drizzle-orm";
import { pickableProducts } from "../storefronts/pickable-products";
import type { z } from "zod";
import { communityDrops, creators, products } from "../db/d1/schema";
import type { Actor, Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { Drop } from "../../durable-objects/community-room.protocol";
import { roomAccess, roomObject } from "./community-access";
import type { CreateDropBody } from "./schemas";

/**
 * Where a drop of a product sends people: the owner's storefront product page, attributed to the
 * community. A creator may drop only what they may show on their storefront (products of brands
 * whose campaigns they joined); a brand only its own products.
 */
async function productUrl(deps: Deps, community: { ownerKind: "creator" | "brand"; ownerId: string; slug: string }, productId: string) {
  const unknown = () => new AppError("validation_failed", "That product is not one you can offer.", [{ path: "body.productId", message: "Not one of your storefront's products" }]);
  if (community.ownerKind === "brand") {
    const own = await deps.db.select({ id: products.id }).from(products).where(and(eq(products.id, productId), eq(products.brandId, community.ownerId), eq(products.status, "active"))).get();
    if (!own) throw unknown();
    return null;
  }
  const product = (await pickableProducts(deps, community.ownerId)).find((p) => p.id === productId);
  if (!product) throw unknown();
  const creator = await deps.db.select({ handle: creators.handle }).from(creators).where(eq(creators.id, community.ownerId)).get();
  return creator ? `/@${creator.handle}/p/${product.handle}?utm_source=community&utm_medium=drop&utm_campaign=${encodeURIComponent(community.slug)}` : null;
}

/** The owner schedules a drop in a room: the definition goes to D1 (for the claim route) and to the room (which counts claims). */
export async function createDrop(deps: Deps, env: Env, actor: Actor | null, roomId: string, input: z.infer<typeof CreateDropBody>): Promise<Drop> {
  const access = await roomAccess(deps, actor, roomId);
  if (access.member.role !== "owner") throw new AppError("forbidden", "Only the community's owner schedules drops.");
  const url = input.productId ? await productUrl(deps, access.community, input.productId) : null;
  const row = { id: newId("drop"), communityId: access.community.id, roomId, title: input.title, description: input.description, productId: input.productId, perk: input.perk, quantity: input.quantity, releaseAt: input.releaseAt, createdAt: deps.now() };
  await deps.db.insert(communityDrops).values(row);
  try {
    return await roomObject(env, roomId).createDrop(access.context, { ...row, productUrl: url });
  } catch (e) {
    await deps.db.delete(communityDrops).where(eq(communityDrops.id, row.id));
    throw e;
  }
}

async function dropRoom(deps: Deps, actor: Actor | null, dropId: string) {
  const drop = await deps.db.select().from(communityDrops).where(eq(communityDrops.id, dropId)).get();
  if (!drop) throw new AppError("not_found", `No drop ${dropId}.`);
  return { drop, access: await roomAccess(deps, actor, drop.roomId) };
}

const status = (d: { quantity: number; claimed: number; releaseAt: number }, now: number): "sold_out" | "scheduled" | "live" => (d.claimed >= d.quantity ? "sold_out" : now < d.releaseAt ? "scheduled" : "live");

/** A drop as a member of its room sees it: live count from the room, and their own claim. */
export async function getDrop(deps: Deps, env: Env, actor: Actor | null, dropId: string) {
  const { drop, access } = await dropRoom(deps, actor, dropId);
  const live = await roomObject(env, drop.roomId).getDrop(dropId, access.member.userId);
  if (!live) throw new AppError("not_found", `No drop ${dropId}.`);
  return { ...live, roomId: drop.roomId, communitySlug: access.community.slug, status: status(live, deps.now()) };
}

/** Claims one for the signed-in member (atomic in the room). Returns whether this call made the claim. */
export async function claimDrop(deps: Deps, env: Env, actor: Actor | null, dropId: string) {
  const { drop, access } = await dropRoom(deps, actor, dropId);
  const r = await roomObject(env, drop.roomId).claimDrop(access.context, dropId, access.member.userId);
  if (!r.ok) throw new AppError(r.code === "sold_out" || r.code === "not_released" ? r.code : "not_found", r.message);
  return { fresh: r.fresh, claim: { claimId: r.claimId, dropId, claimedAt: r.claimedAt, claimed: r.drop.claimed, quantity: r.drop.quantity } };
}
