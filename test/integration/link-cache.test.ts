import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { d1Client } from "../../workers/db/d1/client";
import { links } from "../../workers/db/d1/schema";
import { newId } from "../../workers/lib/ids";
import { isolateCacheSize, LINK_CACHE_LIMITS, lookupLink } from "../../workers/links/link-cache";
import { newLinkCode } from "../../workers/links/codes";

describe("the isolate's link cache", () => {
  it("keeps at most its limit of unknown codes, and probing never pushes a known link out", async () => {
    const db = d1Client(env.DB);
    const pending: Promise<unknown>[] = [];
    const waitUntil = (p: Promise<unknown>) => void pending.push(p);
    const code = newLinkCode();
    const link = { id: newId("link"), code, brandId: "brd_cache", campaignId: "cmp_cache", creatorId: "cr_cache", productId: null, targetKey: "page:/", destination: "https://shop.example/first", promoCode: null, createdAt: Date.now() };
    await db.insert(links).values(link);
    const now = Date.now();
    expect((await lookupLink(db, code, now, waitUntil))?.destination).toBe("https://shop.example/first");

    for (let i = 0; i < LINK_CACHE_LIMITS.unknown + 200; i++) expect(await lookupLink(db, newLinkCode(), now, waitUntil)).toBeNull();
    const size = isolateCacheSize();
    expect(size.unknown).toBeLessThanOrEqual(LINK_CACHE_LIMITS.unknown);
    expect(size.known).toBeLessThanOrEqual(LINK_CACHE_LIMITS.known);

    // Still served from memory: the changed row is not read again within the TTL.
    await db.update(links).set({ destination: "https://shop.example/changed" }).where(eq(links.id, link.id));
    expect((await lookupLink(db, code, now, waitUntil))?.destination).toBe("https://shop.example/first");
    await Promise.all(pending);
  }, 60_000);
});
