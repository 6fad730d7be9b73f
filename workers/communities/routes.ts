import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../lib/errors";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { requireUser } from "../lib/tenancy";
import { PollInput, PollSchema, PostSchema } from "../../durable-objects/community-room.protocol";
import { communityOfCreator, communityView, roomAccess, roomObject } from "./community-access";
import { claimDrop, createDrop, getDrop } from "./drops";
import { setBanned } from "./moderation";
import { communityAnalytics } from "./community-analytics";
import { uploadRoomImage } from "./room-media";
import { searchPosts } from "./search-posts";
import { listMembers } from "./list-members";
import { dropClaims, listDrops } from "./drop-claims";
import { createCommunity, createRoom, createTier, grantTier, join } from "./manage-community";
import { BanBody, ClaimSchema, CommunityAnalyticsSchema, CommunitySchema, CreateCommunityBody, CreateDropBody, CreateRoomBody, CreateTierBody, DropSchema, GrantBody, RoomSchema, TierSchema } from "./schemas";

export const communityRoutes = createRouter();
// Any string reaches the lookup (an unknown slug is a 404); the format is checked when a community is created.
const Slug = z.object({ slug: z.string().min(1).max(60) });
const Membership = z.object({ tierId: z.string(), role: z.enum(["owner", "member"]), status: z.enum(["active", "banned"]) });

communityRoutes.openapi(
  createRoute({ method: "post", path: "/", tags: ["communities"], summary: "Start a community (creators): a free tier, a General room, you as owner", request: { body: jsonBody(CreateCommunityBody) }, responses: { 201: jsonContent(CommunitySchema, "Created"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const body = c.req.valid("json");
    await createCommunity(c.var.deps, user.userId, body);
    return c.json(await communityView(c.var.deps, body.slug, c.var.actor), 201);
  },
);

communityRoutes.openapi(
  createRoute({ method: "get", path: "/by-creator/{handle}", tags: ["communities"], summary: "A creator's community, by their handle (what /@handle/community opens)", request: { params: z.object({ handle: z.string().min(1).max(40) }) }, responses: { 200: jsonContent(CommunitySchema, "The community"), ...errorResponses } }),
  async (c) => {
    const { slug } = await communityOfCreator(c.var.deps, c.req.valid("param").handle);
    return c.json(await communityView(c.var.deps, slug, c.var.actor), 200);
  },
);

communityRoutes.openapi(
  createRoute({ method: "get", path: "/{slug}", tags: ["communities"], summary: "A community: tiers, rooms (and whether you may enter), your membership", request: { params: Slug }, responses: { 200: jsonContent(CommunitySchema, "The community"), ...errorResponses } }),
  async (c) => c.json(await communityView(c.var.deps, c.req.valid("param").slug, c.var.actor), 200),
);

communityRoutes.openapi(
  createRoute({ method: "post", path: "/{slug}/join", tags: ["communities"], summary: "Join on the free tier (idempotent)", request: { params: Slug }, responses: { 200: jsonContent(Membership, "Your membership"), ...errorResponses } }),
  async (c) => {
    const m = await join(c.var.deps, c.req.valid("param").slug, requireUser(c.var.actor).userId);
    return c.json({ tierId: m.tierId, role: m.role, status: m.status }, 200);
  },
);

communityRoutes.openapi(
  createRoute({ method: "post", path: "/{slug}/tiers", tags: ["communities"], summary: "Add a membership tier (owner)", request: { params: Slug, body: jsonBody(CreateTierBody) }, responses: { 201: jsonContent(TierSchema, "Created"), ...errorResponses } }),
  async (c) => {
    const t = await createTier(c.var.deps, c.req.valid("param").slug, requireUser(c.var.actor).userId, c.req.valid("json"));
    return c.json({ id: t.id, name: t.name, kind: t.kind, priceMinor: t.priceMinor, annualPriceMinor: t.kind === "paid" ? (t.annualPriceMinor ?? t.priceMinor * 10) : null, currency: t.currency }, 201);
  },
);

communityRoutes.openapi(
  createRoute({ method: "post", path: "/{slug}/rooms", tags: ["communities"], summary: "Add a room, open to every member or to some tiers (owner)", request: { params: Slug, body: jsonBody(CreateRoomBody) }, responses: { 201: jsonContent(RoomSchema, "Created"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => {
    const r = await createRoom(c.var.deps, c.req.valid("param").slug, requireUser(c.var.actor).userId, c.req.valid("json"));
    return c.json({ id: r.id, name: r.name, tierIds: r.tierIds, canEnter: true }, 201);
  },
);

communityRoutes.openapi(
  createRoute({ method: "post", path: "/{slug}/grants", tags: ["communities"], summary: "Grant a member a tier (owner; paid checkout arrives with payments)", request: { params: Slug, body: jsonBody(GrantBody) }, responses: { 200: jsonContent(Membership, "Their membership"), ...errorResponses } }),
  async (c) => {
    const { userId, tierId } = c.req.valid("json");
    const m = await grantTier(c.var.deps, c.env, c.req.valid("param").slug, requireUser(c.var.actor).userId, userId, tierId);
    return c.json({ tierId: m!.tierId, role: m!.role, status: m!.status }, 200);
  },
);

communityRoutes.openapi(
  createRoute({ method: "delete", path: "/{slug}/grants/{userId}", tags: ["communities"], summary: "Revoke a granted tier: the member goes back to the free tier (owner)", request: { params: Slug.extend({ userId: z.string().max(64) }) }, responses: { 200: jsonContent(Membership, "Their membership"), ...errorResponses } }),
  async (c) => {
    const { slug, userId } = c.req.valid("param");
    const m = await grantTier(c.var.deps, c.env, slug, requireUser(c.var.actor).userId, userId, null);
    return c.json({ tierId: m!.tierId, role: m!.role, status: m!.status }, 200);
  },
);

communityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{slug}/members",
    tags: ["communities"],
    summary: "Members, oldest first, with tier and standing (owner); q filters by name, after pages on",
    request: { params: Slug, query: z.object({ q: z.string().trim().max(60).optional(), after: z.string().max(80).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }) },
    responses: {
      200: jsonContent(z.object({ items: z.array(z.object({ userId: z.string(), name: z.string(), tierId: z.string(), role: z.enum(["owner", "member"]), status: z.enum(["active", "banned"]), joinedAt: z.number().int() })), nextAfter: z.string().nullable() }), "Members"),
      ...errorResponses,
    },
  }),
  async (c) => c.json(await listMembers(c.var.deps, c.req.valid("param").slug, requireUser(c.var.actor).userId, c.req.valid("query")), 200),
);

const OwnerDrop = z.object({ id: z.string(), roomId: z.string(), title: z.string(), perk: z.string().nullable(), productId: z.string().nullable(), quantity: z.number().int(), claimed: z.number().int(), releaseAt: z.number().int() });

communityRoutes.openapi(
  createRoute({ method: "get", path: "/{slug}/drops", tags: ["communities"], summary: "Every drop, newest release first, with claim counts (owner)", request: { params: Slug }, responses: { 200: jsonContent(z.object({ items: z.array(OwnerDrop) }), "Drops"), ...errorResponses } }),
  async (c) => c.json({ items: await listDrops(c.var.deps, c.req.valid("param").slug, requireUser(c.var.actor).userId) }, 200),
);

communityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{slug}/drops/{dropId}/claims",
    tags: ["communities"],
    summary: "Who claimed a drop, first come first served, to fulfil (owner)",
    request: { params: Slug.extend({ dropId: z.string().max(64) }) },
    responses: { 200: jsonContent(z.object({ drop: OwnerDrop.omit({ roomId: true }), items: z.array(z.object({ claimId: z.string(), userId: z.string(), name: z.string(), status: z.enum(["reserved", "fulfilled", "cancelled"]), claimedAt: z.number().int() })) }), "Claims"), ...errorResponses },
  }),
  async (c) => {
    const { slug, dropId } = c.req.valid("param");
    return c.json(await dropClaims(c.var.deps, slug, requireUser(c.var.actor).userId, dropId), 200);
  },
);

communityRoutes.openapi(
  createRoute({ method: "post", path: "/{slug}/bans", tags: ["communities"], summary: "Ban a member: refused everywhere in the community, their open sockets closed (owner)", request: { params: Slug, body: jsonBody(BanBody) }, responses: { 200: jsonContent(Membership, "Their membership"), ...errorResponses } }),
  async (c) => c.json(await setBanned(c.var.deps, c.env, c.req.valid("param").slug, requireUser(c.var.actor).userId, c.req.valid("json").userId, true), 200),
);

communityRoutes.openapi(
  createRoute({ method: "delete", path: "/{slug}/bans/{userId}", tags: ["communities"], summary: "Lift a ban (owner)", request: { params: Slug.extend({ userId: z.string().max(64) }) }, responses: { 200: jsonContent(Membership, "Their membership"), ...errorResponses } }),
  async (c) => {
    const { slug, userId } = c.req.valid("param");
    return c.json(await setBanned(c.var.deps, c.env, slug, requireUser(c.var.actor).userId, userId, false, "path.userId"), 200);
  },
);

communityRoutes.openapi(
  createRoute({ method: "get", path: "/{slug}/analytics", tags: ["communities"], summary: "Members, active members, posts, poll participation, drop sell-through and course completion over 30 days (owner)", request: { params: Slug }, responses: { 200: jsonContent(CommunityAnalyticsSchema, "The numbers"), ...errorResponses } }),
  async (c) => c.json(await communityAnalytics(c.var.deps, c.req.valid("param").slug, requireUser(c.var.actor).userId), 200),
);

communityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{slug}/search",
    tags: ["communities"],
    summary: "Search posts in the rooms you may enter, newest first (every word must appear)",
    request: { params: Slug, query: z.object({ q: z.string().trim().min(2, { error: "At least two characters" }).max(100), limit: z.coerce.number().int().min(1).max(50).default(20) }) },
    responses: { 200: jsonContent(z.object({ items: z.array(z.object({ id: z.string(), roomId: z.string(), roomName: z.string(), authorId: z.string(), parentId: z.string().nullable(), body: z.string(), createdAt: z.number().int() })) }), "Matching posts"), ...errorResponses },
  }),
  async (c) => {
    const { q, limit } = c.req.valid("query");
    return c.json({ items: await searchPosts(c.var.deps, c.var.actor, c.req.valid("param").slug, q, limit) }, 200);
  },
);

export const roomRoutes = createRouter();
// Any string reaches the lookup (an unknown room is a 404), so a write's body is validated first.
const RoomId = z.object({ roomId: z.string().min(1).max(64) });

roomRoutes.openapi(
  createRoute({ method: "get", path: "/{roomId}/posts", tags: ["communities"], summary: "A room's posts, newest first (members whose tier opens the room)", request: { params: RoomId, query: z.object({ before: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }) }, responses: { 200: jsonContent(z.object({ items: z.array(PostSchema), nextBefore: z.string().nullable() }), "Posts"), ...errorResponses } }),
  async (c) => {
    const { room } = await roomAccess(c.var.deps, c.var.actor, c.req.valid("param").roomId);
    const { before, limit } = c.req.valid("query");
    const items = await roomObject(c.env, room.id).listPosts(before, limit);
    return c.json({ items, nextBefore: items.length === limit ? items.at(-1)!.id : null }, 200);
  },
);

/** GET /api/v1/rooms/{roomId}/live — the room's WebSocket. Session and tier are checked here, before the upgrade reaches the room. */
roomRoutes.get("/:roomId/live", async (c) => {
  const parsed = z.object({ roomId: z.string().regex(/^room_[0-9a-z]{26}$/) }).safeParse({ roomId: c.req.param("roomId") });
  if (!parsed.success) throw new AppError("validation_failed", "Not a room id.", [{ path: "path.roomId", message: "A room id" }]);
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new AppError("bad_request", "Open this with a WebSocket (Upgrade: websocket).", [{ path: "headers.upgrade", message: "Expected websocket" }]);
  const { room, member, context } = await roomAccess(c.var.deps, c.var.actor, parsed.data.roomId);
  const res = await roomObject(c.env, room.id).fetch("https://room.internal/live", { headers: { upgrade: "websocket", "x-room-member": JSON.stringify(member), "x-room-context": JSON.stringify(context) } });
  return new Response(null, { status: res.status, webSocket: res.webSocket });
});

roomRoutes.openapi(
  createRoute({ method: "get", path: "/{roomId}/polls", tags: ["communities"], summary: "A room's polls, newest first, with tallies and your vote (members whose tier opens the room)", request: { params: RoomId }, responses: { 200: jsonContent(z.object({ items: z.array(PollSchema.extend({ myVote: z.array(z.number().int()).nullable() })) }), "Polls"), ...errorResponses } }),
  async (c) => {
    const { member, context } = await roomAccess(c.var.deps, c.var.actor, c.req.valid("param").roomId);
    return c.json({ items: await roomObject(c.env, context.roomId).listPolls(member.userId) }, 200);
  },
);

roomRoutes.openapi(
  createRoute({ method: "post", path: "/{roomId}/polls", tags: ["communities"], summary: "Start a poll in a room (owner); members vote over the room's WebSocket", request: { params: RoomId, body: jsonBody(PollInput) }, responses: { 201: jsonContent(PollSchema, "Created"), ...errorResponses } }),
  async (c) => {
    const { member, context } = await roomAccess(c.var.deps, c.var.actor, c.req.valid("param").roomId);
    const r = await roomObject(c.env, context.roomId).createPoll(context, member, c.req.valid("json"));
    if (!r.ok) throw new AppError(r.code === "forbidden" ? "forbidden" : "validation_failed", r.message, r.path ? [{ path: `body.${r.path}`, message: r.message }] : undefined);
    return c.json(r.poll, 201);
  },
);

roomRoutes.openapi(
  createRoute({ method: "post", path: "/{roomId}/drops", tags: ["communities"], summary: "Schedule a drop: a limited quantity of a product or perk, claimable from a set time (owner)", request: { params: RoomId, body: jsonBody(CreateDropBody) }, responses: { 201: jsonContent(DropSchema, "Created"), ...errorResponses } }),
  async (c) => {
    const { roomId } = c.req.valid("param");
    const d = await createDrop(c.var.deps, c.env, c.var.actor, roomId, c.req.valid("json"));
    return c.json(await getDrop(c.var.deps, c.env, c.var.actor, d.id), 201);
  },
);

roomRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{roomId}/media",
    tags: ["communities"],
    summary: "Upload an image for a post (raw bytes; type sniffed from the bytes, up to 5 MB); the post carries the returned URL",
    request: { params: RoomId, body: { required: true, content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } } },
    responses: { 201: jsonContent(z.object({ url: z.string(), contentType: z.string(), width: z.number().int(), height: z.number().int(), bytes: z.number().int() }), "Stored"), ...errorResponses },
  }),
  async (c) => {
    return c.json(await uploadRoomImage({ ...c.var.deps, bucket: c.env.MEDIA }, c.var.actor, c.req.valid("param").roomId, await c.req.arrayBuffer()), 201);
  },
);

export const dropRoutes = createRouter();
const DropId = z.object({ dropId: z.string().regex(/^drp_[0-9a-z]{26}$/, { error: "A drop id" }) });

dropRoutes.openapi(
  createRoute({ method: "get", path: "/{dropId}", tags: ["communities"], summary: "A drop: quantity, claimed so far, release time, your claim (members of its room)", request: { params: DropId }, responses: { 200: jsonContent(DropSchema, "The drop"), ...errorResponses } }),
  async (c) => c.json(await getDrop(c.var.deps, c.env, c.var.actor, c.req.valid("param").dropId), 200),
);

dropRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{dropId}/claim",
    tags: ["communities"],
    summary: "Claim one (atomic; one per member, never past the quantity). A repeat returns your claim with 200; the claim becomes a reservation attributed to the creator.",
    request: { params: DropId },
    responses: { 201: jsonContent(ClaimSchema, "Claimed"), 200: jsonContent(ClaimSchema, "Already yours"), 409: errorResponses[400], ...errorResponses },
  }),
  async (c) => {
    const r = await claimDrop(c.var.deps, c.env, c.var.actor, c.req.valid("param").dropId);
    return c.json(r.claim, r.fresh ? 201 : 200);
  },
);
