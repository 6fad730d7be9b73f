import { z } from "zod";

const Minor = z.number().int({ error: "Whole minor units" }).positive().max(Number.MAX_SAFE_INTEGER);
const Currency = z.string().regex(/^[A-Z]{3}$/, { error: "A 3-letter ISO currency code" });

/** A conversion reported by the brand's store or call tracker, tied to the click id (`tclid`). */
export const ConversionBody = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("lead"), clickId: z.string().min(1).max(64), at: z.iso.datetime({ offset: true }).optional() }),
  z.strictObject({
    type: z.literal("sale"),
    clickId: z.string().min(1).max(64),
    orderId: z.string().min(1).max(128),
    amountMinor: Minor,
    currency: Currency,
    at: z.iso.datetime({ offset: true }).optional(),
  }),
  z.strictObject({ type: z.literal("call"), clickId: z.string().min(1).max(64), durationSeconds: z.number().int().min(0).max(86_400), at: z.iso.datetime({ offset: true }).optional() }),
  z.strictObject({ type: z.literal("refund"), orderId: z.string().min(1).max(128), amountMinor: Minor, currency: Currency, at: z.iso.datetime({ offset: true }).optional() }),
]);

export const ConversionResult = z.object({
  eventId: z.string(),
  attribution: z.object({ campaignId: z.string(), linkId: z.string().nullable(), creatorId: z.string(), clickAt: z.string().nullable() }),
});
