import type { z } from "zod";
import type { Deps } from "../lib/context";
import type { ViewTokensBody } from "./schemas";
import { issueViewToken } from "./view-token";

/** A token and a ready pixel URL for each item a page shows, all expiring together. */
export async function issueViewTokens(deps: Deps, code: string, input: z.infer<typeof ViewTokensBody>) {
  const expiresAt = deps.now() + input.ttlSeconds * 1000;
  const tokens = await Promise.all(
    input.items.map(async (item) => {
      const token = await issueViewToken(deps.config.sessionSecret, code, item, expiresAt);
      const pixel = new URL("/api/v1/px", deps.config.appOrigin);
      pixel.search = new URLSearchParams({ l: code, t: token }).toString();
      return { item, token, pixelUrl: pixel.toString() };
    }),
  );
  return { expiresAt: new Date(expiresAt).toISOString(), tokens };
}
