import { z } from "zod";

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
