import { sniffImage, mediaUrl } from "../catalog/media";
import type { Actor, Deps } from "../lib/context";
import { bodyTooLarge, BODY_LIMITS } from "../lib/body-limit";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { roomAccess } from "./community-access";

export const MAX_ROOM_IMAGE_BYTES = BODY_LIMITS.roomImage.maxBytes;

/**
 * A member of the room uploads an image for a post: the type is sniffed from the bytes, it is
 * stored in R2 under the room, and the post carries only its /media/ URL (frames never carry bytes).
 */
export async function uploadRoomImage(deps: Deps & { bucket: R2Bucket }, actor: Actor | null, roomId: string, body: ArrayBuffer) {
  const { room } = await roomAccess(deps, actor, roomId);
  if (body.byteLength === 0) throw new AppError("validation_failed", "The upload is empty.", [{ path: "body", message: "Send the image bytes as the request body" }]);
  if (body.byteLength > MAX_ROOM_IMAGE_BYTES) throw bodyTooLarge(MAX_ROOM_IMAGE_BYTES);
  const kind = sniffImage(new Uint8Array(body));
  if (!kind) throw new AppError("validation_failed", "That file is not a JPEG, PNG, GIF, WebP or AVIF image.", [{ path: "body", message: "Unsupported or corrupt image" }]);
  const key = `rooms/${room.id}/${newId("media")}.${kind.ext}`;
  await deps.bucket.put(key, body, { httpMetadata: { contentType: kind.contentType, cacheControl: "public, max-age=31536000, immutable" } });
  return { url: mediaUrl(key), contentType: kind.contentType, width: kind.width, height: kind.height, bytes: body.byteLength };
}
