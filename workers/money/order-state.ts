import type { OrderStatus } from "../db/pg/orders";

/**
 * The order state machine (ADR 018). Every change of an order's status goes through
 * `nextOrderStatus`; a move it does not allow is refused, so a late or repeated provider event
 * can never take an order backwards (an expired order is never paid, a refunded one never
 * fulfilled).
 *
 *   pending ─paid→ paid ─fulfil→ fulfilled
 *      │            │  ╲            │
 *      │            │   refund → partially_refunded → refunded
 *      │            └─ dispute → disputed ─won→ paid | fulfilled, ─lost→ refunded
 *      ├─decline→ cancelled
 *      └─expire→ expired
 */
export type OrderEvent =
  | { type: "paid" }
  | { type: "declined" }
  | { type: "expired" }
  | { type: "fulfilled" }
  /** `refundedMinor`: the order's refunded total after this refund. */
  | { type: "refunded"; refundedMinor: number }
  | { type: "dispute_opened" }
  | { type: "dispute_won" }
  | { type: "dispute_lost" };

export interface OrderFacts {
  status: OrderStatus;
  totalMinor: number;
  fulfilled: boolean;
}

const settled = (o: OrderFacts): OrderStatus => (o.fulfilled ? "fulfilled" : "paid");

/** The status `event` moves the order to, or null when the machine does not allow it. */
export function nextOrderStatus(order: OrderFacts, event: OrderEvent): OrderStatus | null {
  const s = order.status;
  switch (event.type) {
    case "paid":
      return s === "pending" ? "paid" : null;
    case "declined":
      return s === "pending" ? "cancelled" : null;
    case "expired":
      return s === "pending" ? "expired" : null;
    case "fulfilled":
      // A partly refunded order keeps that status when the rest is delivered (its fulfilment is recorded apart).
      if (order.fulfilled) return null;
      return s === "paid" ? "fulfilled" : s === "partially_refunded" ? s : null;
    case "refunded": {
      if (!(s === "paid" || s === "fulfilled" || s === "partially_refunded")) return null;
      if (event.refundedMinor <= 0 || event.refundedMinor > order.totalMinor) return null;
      return event.refundedMinor === order.totalMinor ? "refunded" : "partially_refunded";
    }
    case "dispute_opened":
      return s === "paid" || s === "fulfilled" || s === "partially_refunded" ? "disputed" : null;
    case "dispute_won":
      return s === "disputed" ? settled(order) : null;
    case "dispute_lost":
      return s === "disputed" ? "refunded" : null;
  }
}

/** Statuses in which a buyer holds what they paid for (downloads work, the creator may fulfil). */
export const HOLDS_GOODS: readonly OrderStatus[] = ["paid", "fulfilled", "partially_refunded"];
