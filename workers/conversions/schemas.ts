import { z } from "zod";
import { INBOUND_LIMITS } from "../lib/inbound-limits";

const Minor = z.number().int({ error: "Whole minor units" }).positive().max(Number.MAX_SAFE_INTEGER);
const Currency = z.string().regex(/^[A-Z]{3}$/, { error: "A 3-letter ISO currency code" });

const ClickId = z.string().min(1).max(INBOUND_LIMITS.clickId).optional();
const PromoCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,20}$/).optional();

/** A conversion reported by the brand's store or call tracker, tied to the click id (`tclid`) or a promo code. */
export const ConversionBody = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("lead"), clickId: ClickId, promoCode: PromoCode, at: z.iso.datetime({ offset: true }).optional() }),
  z.strictObject({
    type: z.literal("sale"),
    clickId: ClickId,
    promoCode: PromoCode,
    orderId: z.string().min(1).max(INBOUND_LIMITS.orderId),
    amountMinor: Minor,
    currency: Currency,
    at: z.iso.datetime({ offset: true }).optional(),
  }),
  z.strictObject({ type: z.literal("call"), clickId: ClickId, promoCode: PromoCode, durationSeconds: z.number().int().min(0).max(86_400), at: z.iso.datetime({ offset: true }).optional() }),
  z.strictObject({ type: z.literal("refund"), orderId: z.string().min(1).max(INBOUND_LIMITS.orderId), amountMinor: Minor, currency: Currency, at: z.iso.datetime({ offset: true }).optional() }),
]).superRefine((c, ctx) => {
  if (c.type !== "refund" && !c.clickId === !c.promoCode) {
    ctx.addIssue({ code: "custom", path: ["clickId"], message: "Send either clickId (the tclid the visitor arrived with) or promoCode" });
  }
});

export const ConversionResult = z.object({
  eventId: z.string(),
  attribution: z.object({ campaignId: z.string(), linkId: z.string().nullable(), creatorId: z.string(), clickAt: z.string().nullable() }),
});
