import { z } from "zod";

/**
 * The one envelope every tracked event travels in. `id` is made by the producer; consumers
 * treat it as the idempotency key (at-least-once delivery).
 */
export const EventEnvelope = z.object({
  id: z.string().regex(/^evt_[0-9a-z]{26}$/),
  type: z.enum(["click", "view", "lead", "sale", "refund", "call", "storefront.view", "product.click", "community"]),
  at: z.number().int().positive(),
  /** null for events that belong to no brand (a storefront view). */
  brandId: z.string().min(1).nullable(),
  campaignId: z.string().nullable(),
  linkId: z.string().nullable(),
  creatorId: z.string().nullable(),
  clickId: z.string().nullable(),
  visitorHash: z.string().nullable(),
  props: z.record(z.string(), z.unknown()),
  utm: z.record(z.string(), z.string()),
});

export type TrackedEvent = z.infer<typeof EventEnvelope>;
