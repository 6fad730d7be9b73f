import { z } from "zod";
import { VIEW_ITEM, VIEW_TOKEN_TTL } from "./view-token";

export const MintLinkBody = z.strictObject({
  campaignId: z.string().min(1).max(64),
  creatorId: z.string().min(1).max(64),
  productId: z.string().min(1).max(64).optional(),
  destination: z.url({ protocol: /^https$/, error: "An https:// address on one of your domains" }).max(2000),
  promoCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,20}$/, { error: "4–20 letters and digits" }).optional(),
});

export const LinkSchema = z.object({
  id: z.string(),
  code: z.string(),
  url: z.string(),
  campaignId: z.string(),
  creatorId: z.string(),
  productId: z.string().nullable(),
  destination: z.string(),
  promoCode: z.string().nullable(),
  createdAt: z.string(),
});

export const LinkStatsSchema = z.object({
  clicks: z.number().int(),
  validClicks: z.number().int(),
  invalidClicks: z.number().int(),
  uniqueClicks: z.number().int(),
  conversions: z.number().int(),
});

export const ViewTokensBody = z.strictObject({
  /** The items the page shows (content ids, slugs, paths): a token each. */
  items: z
    .array(z.string().regex(VIEW_ITEM, { error: "1–128 letters, digits and . _ : / -" }))
    .min(1)
    .max(50)
    .refine((items) => new Set(items).size === items.length, { error: "Each item once" }),
  /** How long the tokens work: as long as the page that embeds them may be served from a cache. */
  ttlSeconds: z.number().int().min(VIEW_TOKEN_TTL.minSeconds).max(VIEW_TOKEN_TTL.maxSeconds).default(VIEW_TOKEN_TTL.defaultSeconds),
});
export const ViewTokensSchema = z.object({
  expiresAt: z.string(),
  tokens: z.array(z.object({ item: z.string(), token: z.string(), pixelUrl: z.string() })),
});
