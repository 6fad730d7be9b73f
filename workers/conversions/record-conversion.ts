import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { links } from "../db/d1/schema";
import { campaigns, events, idempotencyKeys } from "../db/pg/schema";
import type { TrackedEvent } from "../events/envelope";
import type { Deps } from "../lib/context";
import { AppError } from "../lib/errors";
import type { BrandTenant } from "../lib/tenancy";
import type { ConversionBody } from "./schemas";

/** The event id for (brand, Idempotency-Key): the same key always names the same event. */
export function conversionEventId(brandId: string, key: string) {
  const n = BigInt(`0x${bytesToHex(sha256(utf8ToBytes(`${brandId}:${key}`))).slice(0, 32)}`);
  return `evt_${n.toString(36).padStart(26, "0").slice(-26)}`;
}

const DAY = 86_400_000;
/** How far ahead of our clock a store's clock may run: a conversion later than this is refused. */
export const CONVERSION_CLOCK_SKEW_MS = 5 * 60_000;

const badAt = (message: string) => new AppError("validation_failed", message, [{ path: "body.at", message }]);

/**
 * Attributes a conversion to the click it came from (last click: the `tclid` the visitor
 * arrived with) inside the campaign's attribution window, and queues it as an event. Billing
 * happens in the events consumer, exactly once per Idempotency-Key.
 */
export async function recordConversion(deps: Deps, tenant: BrandTenant, idempotencyKey: string, input: z.infer<typeof ConversionBody>, send: (e: TrackedEvent) => Promise<void>) {
  const pg = await deps.pg();
  const at = input.at ? Date.parse(input.at) : deps.now();
  if (at > deps.now() + CONVERSION_CLOCK_SKEW_MS) throw badAt("The conversion is in the future; send the time it happened.");
  const requestHash = bytesToHex(sha256(utf8ToBytes(JSON.stringify(input))));
  const eventId = conversionEventId(tenant.brandId, idempotencyKey);

  const [prior] = await pg.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.brandId, tenant.brandId), eq(idempotencyKeys.key, idempotencyKey)));
  if (prior && prior.requestHash !== requestHash) {
    throw new AppError("conflict", "This Idempotency-Key was used for a different conversion.", [{ path: "header.idempotency-key", message: "Reused with a different body" }]);
  }

  let attribution: { campaignId: string; linkId: string | null; creatorId: string; clickAt: number | null };
  if (input.type === "refund") {
    const [sale] = await pg
      .select({ campaignId: events.campaignId, linkId: events.linkId, creatorId: events.creatorId, clickId: events.clickId, at: events.at })
      .from(events)
      .where(and(eq(events.brandId, tenant.brandId), eq(events.type, "sale"), sql`${events.props}->>'orderId' = ${input.orderId}`))
      .limit(1);
    if (!sale?.campaignId || !sale.creatorId) throw new AppError("validation_failed", "No attributed sale with that order id.", [{ path: "body.orderId", message: "No attributed sale with this order id" }]);
    if (at < sale.at.getTime()) throw badAt("The refund is earlier than its sale.");
    attribution = { campaignId: sale.campaignId, linkId: sale.linkId, creatorId: sale.creatorId, clickAt: null };
  } else if (input.promoCode) {
    const link = await deps.db
      .select({ id: links.id, campaignId: links.campaignId, creatorId: links.creatorId, createdAt: links.createdAt })
      .from(links)
      .where(and(eq(links.brandId, tenant.brandId), eq(links.promoCode, input.promoCode)))
      .get();
    if (!link) throw new AppError("validation_failed", "No link of yours has that promo code.", [{ path: "body.promoCode", message: "Unknown promo code" }]);
    if (at < link.createdAt) throw badAt("The conversion is earlier than the promo code existed.");
    attribution = { campaignId: link.campaignId, linkId: link.id, creatorId: link.creatorId, clickAt: null };
  } else {
    const [click] = await pg
      .select({ campaignId: events.campaignId, linkId: events.linkId, creatorId: events.creatorId, at: events.at, fraud: events.fraud, window: campaigns.attributionWindowDays })
      .from(events)
      .innerJoin(campaigns, eq(campaigns.id, events.campaignId))
      .where(and(eq(events.clickId, input.clickId!), eq(events.type, "click"), eq(events.brandId, tenant.brandId)))
      .limit(1);
    const bad = (message: string) => new AppError("validation_failed", message, [{ path: "body.clickId", message }]);
    if (!click) throw bad("No click with this id for your brand (it can take a few seconds to arrive).");
    if (click.fraud) throw bad("That click was invalid traffic; it cannot be credited.");
    const clickAt = click.at.getTime();
    if (at < clickAt) throw badAt("The conversion is earlier than the click.");
    if (at - clickAt > click.window * DAY) throw bad(`The click is outside the ${click.window}-day attribution window.`);
    attribution = { campaignId: click.campaignId!, linkId: click.linkId, creatorId: click.creatorId!, clickAt };
  }

  const props: Record<string, unknown> = { idempotencyKey };
  if (input.type === "sale" || input.type === "refund") Object.assign(props, { orderId: input.orderId, amountMinor: input.amountMinor, currency: input.currency });
  if (input.type === "call") props.durationSeconds = input.durationSeconds;
  if (input.type !== "refund" && input.promoCode) props.promoCode = input.promoCode;
  const event: TrackedEvent = {
    id: eventId,
    type: input.type,
    at,
    brandId: tenant.brandId,
    campaignId: attribution.campaignId,
    linkId: attribution.linkId,
    creatorId: attribution.creatorId,
    clickId: input.type === "refund" ? null : (input.clickId ?? null),
    visitorHash: null,
    props,
    utm: {},
  };
  if (!prior) await pg.insert(idempotencyKeys).values({ brandId: tenant.brandId, key: idempotencyKey, requestHash, eventId }).onConflictDoNothing();
  // Sent on every attempt, replays included: the consumer applies it once.
  await send(event).catch(() => {
    throw new AppError("provider_unavailable", "Could not queue the conversion. Retry with the same Idempotency-Key.");
  });
  return {
    eventId,
    attribution: { campaignId: attribution.campaignId, linkId: attribution.linkId, creatorId: attribution.creatorId, clickAt: attribution.clickAt ? new Date(attribution.clickAt).toISOString() : null },
  };
}
