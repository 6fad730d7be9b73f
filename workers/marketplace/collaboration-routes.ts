import { createRoute, z } from "@hono/zod-openapi";
import { desc, eq } from "drizzle-orm";
import { campaignTenant } from "../campaigns/campaign-tenant";
import { creatorOfUser } from "../creators/own-creator";
import { notifications } from "../db/d1/schema";
import { AppError } from "../lib/errors";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { requireUser } from "../lib/tenancy";
import type { CollaborationStatus } from "./collaboration-state";
import { addNote, collaborationParty, listNotes } from "./collaboration-notes";
import { inviteCreator } from "./invite-creator";
import { listInvites, moveCollaboration } from "./invites";

const Note = z.object({ id: z.string(), author: z.enum(["brand", "creator"]), body: z.string(), at: z.string() });
const Collab = z.object({ id: z.string(), status: z.string() });
const conflict = { 409: errorResponses[400] };

/** Mounted at /api/v1/campaigns: brands invite creators. */
export const inviteRoutes = createRouter();
inviteRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{campaignId}/invites",
    tags: ["collaborations"],
    summary: "Invite a creator by handle, with a note; they are told in the app and by email",
    request: { params: z.object({ campaignId: z.string().min(1).max(64) }), body: jsonBody(z.strictObject({ handle: z.string().trim().min(1).max(31), note: z.string().trim().max(2000).optional() })) },
    responses: { 201: jsonContent(z.object({ id: z.string(), campaignId: z.string(), creatorId: z.string(), status: z.string() }), "Invited"), ...errorResponses, ...conflict },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const { campaignId } = c.req.valid("param");
    const tenant = await campaignTenant(c.var.deps, user, campaignId, ["owner", "admin"]);
    const { handle, note } = c.req.valid("json");
    return c.json(await inviteCreator(c.var.deps, tenant, user.userId, campaignId, handle, note), 201);
  },
);

/** Mounted at /api/v1: the creator's invitations, the thread, declines and removals, notifications. */
export const collaborationRoutes = createRouter();
collaborationRoutes.openapi(
  createRoute({ method: "get", path: "/invites", tags: ["collaborations"], summary: "The signed-in creator's pending invitations", responses: { 200: jsonContent(z.object({ items: z.array(z.record(z.string(), z.unknown())) }), "Invites"), ...errorResponses } }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const creator = await creatorOfUser(c.var.deps, user.userId);
    if (!creator) throw new AppError("forbidden", "Claim a creator handle first.");
    return c.json({ items: await listInvites(c.var.deps, creator.id) }, 200);
  },
);

const CollabParam = z.object({ collaborationId: z.string().min(1).max(64) });

for (const [action, side] of [["decline", "creator"], ["remove", "brand"]] as const) {
  collaborationRoutes.openapi(
    createRoute({
      method: "post",
      path: `/collaborations/{collaborationId}/${action}`,
      tags: ["collaborations"],
      summary: action === "decline" ? "The creator declines an invitation" : "The brand removes a creator from the campaign",
      request: { params: CollabParam },
      responses: { 200: jsonContent(Collab, "New status"), ...errorResponses, ...conflict },
    }),
    async (c) => {
      const party = await collaborationParty(c.var.deps, c.var.actor, c.req.valid("param").collaborationId);
      if (party.side !== side) throw new AppError("forbidden", `Only the ${side} can ${action}.`);
      return c.json(await moveCollaboration(c.var.deps, party.collaboration.id, party.collaboration.status as CollaborationStatus, action), 200);
    },
  );
}

collaborationRoutes.openapi(
  createRoute({ method: "get", path: "/collaborations/{collaborationId}/notes", tags: ["collaborations"], summary: "The thread between brand and creator", request: { params: CollabParam }, responses: { 200: jsonContent(z.object({ items: z.array(Note) }), "Notes"), ...errorResponses } }),
  async (c) => {
    const party = await collaborationParty(c.var.deps, c.var.actor, c.req.valid("param").collaborationId);
    return c.json({ items: await listNotes(c.var.deps, party.collaboration.id) }, 200);
  },
);

collaborationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/collaborations/{collaborationId}/notes",
    tags: ["collaborations"],
    summary: "Add a note to the thread",
    request: { params: CollabParam, body: jsonBody(z.strictObject({ body: z.string().trim().min(1).max(2000) })) },
    responses: { 201: jsonContent(Note, "Added"), ...errorResponses },
  }),
  async (c) => {
    const party = await collaborationParty(c.var.deps, c.var.actor, c.req.valid("param").collaborationId);
    return c.json(await addNote(c.var.deps, party, c.req.valid("json").body), 201);
  },
);

collaborationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/notifications",
    tags: ["collaborations"],
    summary: "The signed-in person's latest notifications",
    responses: { 200: jsonContent(z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), link: z.string(), at: z.string(), read: z.boolean() })) }), "Notifications"), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const rows = await c.var.deps.db.select().from(notifications).where(eq(notifications.userId, user.userId)).orderBy(desc(notifications.createdAt)).limit(20);
    return c.json({ items: rows.map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link, at: new Date(n.createdAt).toISOString(), read: n.readAt != null })) }, 200);
  },
);
