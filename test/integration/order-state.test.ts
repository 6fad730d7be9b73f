import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "../../workers/db/pg/orders";
import { nextOrderStatus, type OrderEvent, type OrderFacts } from "../../workers/money/order-state";

const order = (status: OrderFacts["status"], fulfilled = false): OrderFacts => ({ status, totalMinor: 5_000, fulfilled });

describe("the order state machine", () => {
  it("moves a pending order once: paid, cancelled or expired", () => {
    expect(nextOrderStatus(order("pending"), { type: "paid" })).toBe("paid");
    expect(nextOrderStatus(order("pending"), { type: "declined" })).toBe("cancelled");
    expect(nextOrderStatus(order("pending"), { type: "expired" })).toBe("expired");
    expect(nextOrderStatus(order("pending"), { type: "fulfilled" })).toBeNull();
    expect(nextOrderStatus(order("paid"), { type: "paid" })).toBeNull();
    expect(nextOrderStatus(order("expired"), { type: "paid" })).toBeNull();
  });

  it("fulfils a paid order once, and refunds pro rata to partly or fully refunded", () => {
    expect(nextOrderStatus(order("paid"), { type: "fulfilled" })).toBe("fulfilled");
    expect(nextOrderStatus(order("fulfilled", true), { type: "fulfilled" })).toBeNull();
    expect(nextOrderStatus(order("fulfilled", true), { type: "refunded", refundedMinor: 1_000 })).toBe("partially_refunded");
    expect(nextOrderStatus(order("partially_refunded", true), { type: "refunded", refundedMinor: 5_000 })).toBe("refunded");
    expect(nextOrderStatus(order("paid"), { type: "refunded", refundedMinor: 5_001 })).toBeNull();
    expect(nextOrderStatus(order("paid"), { type: "refunded", refundedMinor: 0 })).toBeNull();
  });

  it("returns a won dispute to where it stood and makes a lost one a refund", () => {
    expect(nextOrderStatus(order("fulfilled", true), { type: "dispute_opened" })).toBe("disputed");
    expect(nextOrderStatus(order("disputed", true), { type: "dispute_won" })).toBe("fulfilled");
    expect(nextOrderStatus(order("disputed", false), { type: "dispute_won" })).toBe("paid");
    expect(nextOrderStatus(order("disputed"), { type: "dispute_lost" })).toBe("refunded");
    expect(nextOrderStatus(order("pending"), { type: "dispute_opened" })).toBeNull();
  });

  it("never leaves a closed order (cancelled, expired, refunded), whatever arrives", () => {
    const event: fc.Arbitrary<OrderEvent> = fc.oneof(
      fc.constantFrom<OrderEvent>({ type: "paid" }, { type: "declined" }, { type: "expired" }, { type: "fulfilled" }, { type: "dispute_opened" }, { type: "dispute_won" }, { type: "dispute_lost" }),
      fc.integer({ min: -10, max: 10_000 }).map((refundedMinor): OrderEvent => ({ type: "refunded", refundedMinor })),
    );
    fc.assert(
      fc.property(fc.constantFrom("cancelled", "expired", "refunded" as const), fc.boolean(), fc.array(event, { maxLength: 12 }), (status, fulfilled, events) => {
        for (const e of events) expect(nextOrderStatus(order(status, fulfilled), e)).toBeNull();
      }),
    );
  });

  it("only ever answers with a known status or null", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), fc.boolean(), fc.constantFrom<OrderEvent["type"]>("paid", "declined", "expired", "fulfilled", "dispute_opened", "dispute_won", "dispute_lost"), (status, fulfilled, type) => {
        const next = nextOrderStatus(order(status, fulfilled), { type } as OrderEvent);
        expect(next === null || ORDER_STATUSES.includes(next)).toBe(true);
        // Nothing leads back to pending.
        expect(next).not.toBe("pending");
      }),
    );
  });
});
