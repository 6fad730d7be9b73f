import { and, eq, inArray } from "drizzle-orm";
import { orders } from "../db/pg/schema";
import type { Deps } from "../lib/context";
import { dueHolds, releaseStock, sellStock } from "../shop/stock";
import { HOLDS_GOODS, nextOrderStatus } from "./order-state";

/** How long past its deadline a pending order waits for the provider's own expiry event before the sweep closes it. */
export const PENDING_GRACE_MS = 60 * 60_000;

/**
 * The minute job's repair of stock (ADR 018): holds still `held` past their checkout's deadline
 * are settled against their orders in Postgres. Normally the provider event did this already;
 * the sweep covers a follow-up that failed between the two databases. A paid order's hold is
 * sold, a closed order's released, and an order still pending long past its deadline (its
 * checkout never opened, or the expiry event never came) is expired and its hold released.
 */
export async function settleStockHolds(deps: Deps, limit = 200) {
  const due = await dueHolds(deps.db, deps.now(), limit);
  if (!due.length) return { sold: 0, released: 0 };
  const pg = await deps.pg();
  const rows = await pg.select().from(orders).where(inArray(orders.id, due));
  let sold = 0;
  let released = 0;
  for (const orderId of due) {
    const order = rows.find((o) => o.id === orderId);
    if (order && (HOLDS_GOODS.includes(order.status) || order.paidAt)) {
      await sellStock(deps.db, orderId);
      sold++;
      continue;
    }
    if (order?.status === "pending") {
      if (order.expiresAt.getTime() + PENDING_GRACE_MS > deps.now()) continue;
      const next = nextOrderStatus({ status: "pending", totalMinor: order.totalMinor, fulfilled: false }, { type: "expired" })!;
      const closed = await pg
        .update(orders)
        .set({ status: next, closedAt: new Date(deps.now()), updatedAt: new Date(deps.now()) })
        .where(and(eq(orders.id, orderId), eq(orders.status, "pending")))
        .returning({ id: orders.id });
      if (!closed.length) continue;
    }
    await releaseStock(deps.db, orderId);
    released++;
  }
  return { sold, released };
}
