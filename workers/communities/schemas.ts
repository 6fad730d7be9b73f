import { z } from "@hono/zod-openapi";
import { DropSchema as RoomDrop } from "../../durable-objects/community-room.protocol";

export const CommunitySlug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "Lowercase letters, digits and single hyphens" }).min(3).max(40);
export const CreateCommunityBody = z
  .object({ slug: CommunitySlug, name: z.string().trim().min(1).max(80), description: z.string().trim().max(500).default("") })
  .strict()
  .openapi("CreateCommunity");
export const CreateTierBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    kind: z.enum(["free", "paid"]),
    /** Paid tiers: the monthly price. */
    priceMinor: z.number().int().min(0).max(100_000_00).default(0),
    /** Paid tiers: the yearly price (default: ten months' worth). */
    annualPriceMinor: z.number().int().min(1).max(1_000_000_00).nullable().default(null),
    currency: z.string().regex(/^[A-Z]{3}$/).default("USD"),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.kind === "free" && t.annualPriceMinor !== null) ctx.addIssue({ code: "custom", path: ["annualPriceMinor"], message: "A free tier costs nothing" });
    if (t.kind === "paid" && t.priceMinor <= 0) ctx.addIssue({ code: "custom", path: ["priceMinor"], message: "A paid tier needs a price" });
    if (t.kind === "free" && t.priceMinor !== 0) ctx.addIssue({ code: "custom", path: ["priceMinor"], message: "A free tier costs nothing" });
  })
  .openapi("CreateTier");
export const GrantBody = z.object({ userId: z.string().min(1).max(64), tierId: z.string().min(1).max(64) }).strict().openapi("GrantTier");
export const CreateRoomBody = z.object({ name: z.string().trim().min(1).max(60), tierIds: z.array(z.string().max(64)).max(10).default([]) }).strict().openapi("CreateRoom");

export const TierSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(["free", "paid"]), priceMinor: z.number().int(), annualPriceMinor: z.number().int().nullable(), currency: z.string() }).openapi("Tier");
export const RoomSchema = z.object({ id: z.string(), name: z.string(), tierIds: z.array(z.string()), canEnter: z.boolean() }).openapi("Room");
export const CommunitySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    ownerKind: z.enum(["creator", "brand"]),
    tiers: z.array(TierSchema),
    rooms: z.array(RoomSchema),
    /** Drops of the last week and the next; `locked` ones are in rooms you may not enter, so their title and perk are null. */
    drops: z.array(z.object({ id: z.string(), roomId: z.string(), locked: z.boolean(), title: z.string().nullable(), perk: z.string().nullable(), quantity: z.number().int(), claimed: z.number().int(), releaseAt: z.number().int() })),
    membership: z.object({ tierId: z.string(), role: z.enum(["owner", "member"]), status: z.enum(["active", "banned"]) }).nullable(),
  })
  .openapi("Community");

const DAY = 86_400_000;
export const CreateDropBody = z
  .object({
    title: z.string().trim().min(1).max(80),
    description: z.string().trim().max(500).default(""),
    /** A catalog product (the drop links to it on the owner's storefront), or a perk in words. */
    productId: z.string().max(64).nullable().default(null),
    perk: z.string().trim().min(1).max(120).nullable().default(null),
    quantity: z.number().int().min(1).max(100_000),
    /** When claims open (epoch ms); now or within 90 days. */
    releaseAt: z.number().int().min(0).max(8_640_000_000_000_000),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (!d.productId && !d.perk) ctx.addIssue({ code: "custom", path: ["perk"], message: "Name the product or describe the perk" });
    if (d.productId && d.perk) ctx.addIssue({ code: "custom", path: ["perk"], message: "A drop is a product or a perk, not both" });
    const now = Date.now();
    if (d.releaseAt < now - 60_000 || d.releaseAt > now + 90 * DAY) ctx.addIssue({ code: "custom", path: ["releaseAt"], message: "Between now and 90 days from now" });
  })
  .openapi("CreateDrop");
/** A drop as the room announces it, plus where it lives, its status and the caller's claim. */
export const DropSchema = RoomDrop.extend({
  roomId: z.string(),
  communitySlug: z.string(),
  status: z.enum(["scheduled", "live", "sold_out"]),
  myClaim: z.object({ claimId: z.string(), claimedAt: z.number().int() }).nullable(),
}).openapi("Drop");
export const ClaimSchema = z.object({ claimId: z.string(), dropId: z.string(), claimedAt: z.number().int(), claimed: z.number().int(), quantity: z.number().int() }).openapi("DropClaim");
export const BanBody = z.object({ userId: z.string().min(1).max(64) }).strict().openapi("Ban");
const Rate = z.number().nullable();
export const CommunityAnalyticsSchema = z
  .object({
    windowDays: z.number().int(),
    members: z.number().int(),
    newMembers: z.number().int(),
    activeMembers: z.number().int(),
    posts: z.number().int(),
    lessonsCompleted: z.number().int(),
    assessmentsSubmitted: z.number().int(),
    polls: z.object({ count: z.number().int(), voters: z.number().int(), participation: Rate }),
    drops: z.object({ count: z.number().int(), quantity: z.number().int(), claimed: z.number().int(), sellThrough: Rate }),
    courses: z.object({ started: z.number().int(), completed: z.number().int(), completionRate: Rate, items: z.array(z.object({ id: z.string(), title: z.string(), lessons: z.number().int(), started: z.number().int(), completed: z.number().int(), completionRate: Rate })) }),
    daily: z.array(z.object({ day: z.string(), active: z.number().int(), posts: z.number().int() })),
  })
  .openapi("CommunityAnalytics");
