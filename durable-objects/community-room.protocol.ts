import { z } from "zod";

/**
 * The live room protocol: JSON frames with a `type`, validated on both ends (the room object
 * parses every client frame; the browser can parse server frames with the same schemas).
 */
export const PostSchema = z.object({ id: z.string(), authorId: z.string(), authorName: z.string(), body: z.string(), createdAt: z.number().int() });
export type Post = z.infer<typeof PostSchema>;

export const MAX_POST_CHARS = 2000;

export const ClientFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("post.create"), body: z.string().trim().min(1, { error: "Write something first" }).max(MAX_POST_CHARS, { error: `Up to ${MAX_POST_CHARS} characters` }) }).strict(),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const Member = z.object({ userId: z.string(), name: z.string(), role: z.enum(["owner", "member"]) });
export type Member = z.infer<typeof Member>;

export const ServerFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), roomId: z.string(), you: Member, history: z.array(PostSchema) }),
  z.object({ type: z.literal("post.created"), post: PostSchema }),
  z.object({ type: z.literal("presence"), online: z.number().int() }),
  z.object({ type: z.literal("error"), code: z.enum(["invalid_frame", "rate_limited"]), message: z.string(), path: z.string().optional() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** Client frame text → a frame, or the error frame to answer with (never a throw). */
export function parseClientFrame(text: string | ArrayBuffer): { ok: true; frame: ClientFrame } | { ok: false; error: Extract<ServerFrame, { type: "error" }> } {
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
