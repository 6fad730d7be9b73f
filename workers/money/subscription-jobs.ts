import { and, eq, lte } from "drizzle-orm";
import { subscriptions } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { setEntitlement } from "./entitlement";
import { handleProviderEvent } from "./handle-provider-event";
import { manualInvoiceEvent, manualSubscriptionEvent, periodEnd } from "./manual-provider";

/**
 * The minute job's subscription work (ADR 020), on the trigger's clock:
 * - a failed renewal's grace period has ended: the subscription is unpaid and the tier revoked
 *   (its sockets close);
 * - manual provider only, standing in for Stripe Billing's own cycle: a period that has ended
 *   renews (its invoice is paid) or, when cancelled at the period end, the subscription ends.
 */
export async function runSubscriptionJobs(deps: Deps, env: Env | undefined, now: number, limit = 200) {
  const pg = await deps.pg();
  const lapsed = await pg
    .update(subscriptions)
    .set({ status: "unpaid", updatedAt: new Date(now) })
    .where(and(eq(subscriptions.status, "past_due"), lte(subscriptions.graceUntil, new Date(now))))
    .returning();
  for (const s of lapsed) await setEntitlement(deps, env, { communityId: s.communityId, userId: s.userId, subscriptionId: s.id, tierId: null });
  let renewed = 0;
  if (deps.config.payments.kind === "manual") {
    const due = await pg
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.provider, "manual"), eq(subscriptions.status, "active"), lte(subscriptions.currentPeriodEnd, new Date(now))))
      .limit(limit);
    for (const s of due) {
      if (!s.providerSubscriptionId || !s.currentPeriodEnd) continue;
      const at = { ...deps, now: () => now };
      if (s.cancelAtPeriodEnd) {
        await handleProviderEvent(at, "manual", manualSubscriptionEvent({ subscriptionId: s.id, providerSubscriptionId: s.providerSubscriptionId, status: "canceled", cancelAtPeriodEnd: true, periodEnd: null }, true, now), env);
        continue;
      }
      const start = Math.floor(s.currentPeriodEnd.getTime() / 1000);
      // A downgrade's credit comes off the renewal first.
      const credit = Math.min(s.creditMinor, s.priceMinor);
      if (credit > 0) await pg.update(subscriptions).set({ creditMinor: s.creditMinor - credit }).where(eq(subscriptions.id, s.id));
      await handleProviderEvent(at, "manual", manualInvoiceEvent({ subscriptionId: s.id, providerSubscriptionId: s.providerSubscriptionId, amountMinor: s.priceMinor - credit, currency: s.currency, periodStart: start, periodEnd: periodEnd(start, s.interval), reason: "subscription_cycle" }, true, now), env);
      renewed++;
    }
  }
  return { revoked: lapsed.length, renewed };
}
