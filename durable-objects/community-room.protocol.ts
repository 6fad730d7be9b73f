import { z } from "zod";

/**
 * The live room protocol: JSON frames with a `type`, validated on both ends (the room object
 * parses every client frame; the browser parses server frames with the same schemas).
 */
export const MAX_POST_CHARS = 2000;
export const REACTIONS = ["❤️", "🔥", "👏", "😂", "🙌", "💡"] as const;
export const MAX_POLL_OPTIONS = 6;

const Id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), { error: `A ${prefix}_ id` });
const Body = z.string().trim().min(1, { error: "Write something first" }).max(MAX_POST_CHARS, { error: `Up to ${MAX_POST_CHARS} characters` });
/** Media travel as references (an uploaded image under /media/ or an https link), never bytes. */
export const MediaRef = z.object({ kind: z.enum(["image", "link"]), url: z.string().max(500).regex(/^(https:\/\/|\/media\/)/, { error: "An https:// or /media/ address" }) }).strict();

export const PostSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  body: z.string(),
  parentId: z.string().nullable(),
  media: z.array(MediaRef),
  reactions: z.record(z.string(), z.number().int()),
  createdAt: z.number().int(),
});
export type Post = z.infer<typeof PostSchema>;

export const PollSchema = z.object({
  id: z.string(),
  question: z.string(),
  options: z.array(z.object({ label: z.string(), votes: z.number().int() })),
  multi: z.boolean(),
  voters: z.number().int(),
  closesAt: z.number().int(),
  closed: z.boolean(),
  createdAt: z.number().int(),
});
export type Poll = z.infer<typeof PollSchema>;

export const DropSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** The storefront product page (with attribution), or null for a perk. */
  productUrl: z.string().nullable(),
  perk: z.string().nullable(),
  quantity: z.number().int(),
  claimed: z.number().int(),
  releaseAt: z.number().int(),
});
export type Drop = z.infer<typeof DropSchema>;

export const PollInput = z
  .object({
    question: z.string().trim().min(1, { error: "Ask something" }).max(200),
    options: z.array(z.string().trim().min(1, { error: "Name the option" }).max(80)).min(2, { error: "At least two options" }).max(MAX_POLL_OPTIONS, { error: `Up to ${MAX_POLL_OPTIONS} options` }),
    multi: z.boolean().default(false),
    /** When voting closes (epoch ms): within 30 days. */
    closesAt: z.number().int().min(1).max(8_640_000_000_000_000),
  })
  .strict();
export type PollInput = z.infer<typeof PollInput>;

export const ClientFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("post.create"), body: Body, media: z.array(MediaRef).max(4).default([]) }).strict(),
  z.object({ type: z.literal("reply.create"), parentId: Id("pst"), body: Body }).strict(),
  z.object({ type: z.literal("reaction.toggle"), postId: Id("pst"), emoji: z.enum(REACTIONS) }).strict(),
  PollInput.extend({ type: z.literal("poll.create") }).strict(),
  z.object({ type: z.literal("poll.vote"), pollId: Id("pol"), choices: z.array(z.number().int().min(0)).min(1, { error: "Pick an option" }).max(MAX_POLL_OPTIONS) }).strict(),
  z.object({ type: z.literal("post.delete"), postId: Id("pst") }).strict(),
  z.object({ type: z.literal("member.mute"), userId: z.string().min(1).max(64), minutes: z.number().int().min(1).max(7 * 24 * 60) }).strict(),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const Member = z.object({ userId: z.string(), name: z.string(), role: z.enum(["owner", "member"]) });
export type Member = z.infer<typeof Member>;
/** A member as their socket was let in: with the version (`updatedAt`) of the membership the gateway checked. */
export const RoomEntry = Member.extend({ version: z.number().int() });
export type RoomEntry = z.infer<typeof RoomEntry>;

export const ErrorCode = z.enum(["invalid_frame", "rate_limited", "muted", "forbidden", "not_found", "closed"]);

export const ServerFrame = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("hello"),
    roomId: z.string(),
    you: Member,
    history: z.array(PostSchema),
    polls: z.array(PollSchema),
    drops: z.array(DropSchema),
    /** What this member already did: reactions as "postId emoji", poll choices, drops claimed. */
    mine: z.object({ reactions: z.array(z.string()), votes: z.record(z.string(), z.array(z.number().int())), claims: z.array(z.string()) }),
    online: z.number().int(),
  }),
  z.object({ type: z.literal("post.created"), post: PostSchema }),
  z.object({ type: z.literal("post.deleted"), postId: z.string() }),
  z.object({ type: z.literal("reaction.updated"), postId: z.string(), emoji: z.string(), count: z.number().int(), userId: z.string(), on: z.boolean() }),
  z.object({ type: z.literal("poll.updated"), poll: PollSchema }),
  z.object({ type: z.literal("drop.created"), drop: DropSchema }),
  z.object({ type: z.literal("drop.claimed"), dropId: z.string(), claimed: z.number().int(), quantity: z.number().int(), userId: z.string() }),
  z.object({ type: z.literal("member.muted"), userId: z.string(), until: z.number().int() }),
  z.object({ type: z.literal("presence"), online: z.number().int() }),
  z.object({ type: z.literal("error"), code: ErrorCode, message: z.string(), path: z.string().optional() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type ErrorFrame = Extract<ServerFrame, { type: "error" }>;

/** Client frame text → a frame, or the error frame to answer with (never a throw). */
export function parseClientFrame(text: string | ArrayBuffer): { ok: true; frame: ClientFrame } | { ok: false; error: ErrorFrame } {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof text === "string" ? text : new TextDecoder().decode(text));
  } catch {
    return { ok: false, error: { type: "error", code: "invalid_frame", message: "Frames are JSON objects with a type." } };
  }
  const r = ClientFrame.safeParse(raw);
  if (r.success) return { ok: true, frame: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, error: { type: "error", code: "invalid_frame", message: issue.message, path: issue.path.join(".") || "type" } };
}
