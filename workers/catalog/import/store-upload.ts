import { limitedChunks } from "../../lib/body-limit";

/** R2 multipart parts: every part but the last has this size (R2 wants equal parts of at least 5 MiB). */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;

/**
 * Streams an upload of unknown length into R2 without holding it whole: one part in memory at a
 * time, bytes counted as they are read, reading stopped past `maxBytes` (413). A body of one part
 * or less is one put; a longer one is a multipart upload, aborted if anything fails. Returns the size.
 */
export async function storeUpload(bucket: R2Bucket, key: string, body: ReadableStream<Uint8Array>, maxBytes: number, contentType: string): Promise<number> {
  const httpMetadata = { contentType };
  let part = new Uint8Array(UPLOAD_PART_BYTES);
  let fill = 0;
  let total = 0;
  let upload: R2MultipartUpload | null = null;
  const parts: R2UploadedPart[] = [];
  try {
    for await (const chunk of limitedChunks(body, maxBytes)) {
      total += chunk.byteLength;
      for (let at = 0; at < chunk.byteLength; ) {
        const n = Math.min(UPLOAD_PART_BYTES - fill, chunk.byteLength - at);
        part.set(chunk.subarray(at, at + n), fill);
        fill += n;
        at += n;
        if (fill === UPLOAD_PART_BYTES) {
          upload ??= await bucket.createMultipartUpload(key, { httpMetadata });
          parts.push(await upload.uploadPart(parts.length + 1, part));
          part = new Uint8Array(UPLOAD_PART_BYTES);
          fill = 0;
        }
      }
    }
    if (!upload) {
      await bucket.put(key, part.subarray(0, fill), { httpMetadata });
      return total;
    }
    if (fill > 0) parts.push(await upload.uploadPart(parts.length + 1, part.subarray(0, fill)));
    await upload.complete(parts);
    return total;
  } catch (e) {
    await upload?.abort().catch(() => undefined);
    throw e;
  }
}
