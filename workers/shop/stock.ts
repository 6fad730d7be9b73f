import { and, eq, lte, ne, sql } from "drizzle-orm";
import type { D1Db } from "../db/d1/client";
import { stockHolds } from "../db/d1/schema";
import { inList } from "../db/d1/in-list";

export interface HoldLine {
  productId: string;
  quantity: number;
}

/**
 * Holds stock for an order's lines (ADR 018). Each hold is one INSERT … SELECT that writes only
 * while the product is active and its inventory less what is held or sold covers the quantity,
 * so two buyers of the last unit cannot both hold it (D1 runs writes one at a time). Returns the
 * lines that could not be held; when any could not, the order's other holds are released.
 */
export async function holdStock(db: D1Db, orderId: string, lines: HoldLine[], expiresAt: number, now: number): Promise<HoldLine[]> {
  const short: HoldLine[] = [];
  for (const line of lines) {
    const held = await db.all<{ order_id: string }>(sql`
      insert into stock_holds (order_id, product_id, quantity, status, expires_at, created_at)
      select ${orderId}, p.id, ${line.quantity}, 'held', ${expiresAt}, ${now} from creator_products p
      where p.id = ${line.productId} and p.status = 'active' and (p.inventory is null or p.inventory - coalesce(
        (select sum(h.quantity) from stock_holds h where h.product_id = p.id and h.status in ('held', 'sold')), 0) >= ${line.quantity})
      on conflict do nothing
      returning order_id`);
    if (!held.length) short.push(line);
  }
  if (short.length) await releaseStock(db, orderId);
  return short;
}

/** An order's held stock goes back on sale (its checkout expired or was declined). Idempotent. */
export async function releaseStock(db: D1Db, orderId: string) {
  await db.update(stockHolds).set({ status: "released" }).where(and(eq(stockHolds.orderId, orderId), eq(stockHolds.status, "held")));
}

/** An order's held stock is sold (its payment arrived). Idempotent. */
export async function sellStock(db: D1Db, orderId: string) {
  await db.update(stockHolds).set({ status: "sold" }).where(and(eq(stockHolds.orderId, orderId), eq(stockHolds.status, "held")));
}

/** Units held and sold per product. */
export async function stockCounts(db: D1Db, productIds: string[]) {
  if (!productIds.length) return new Map<string, { held: number; sold: number }>();
  const rows = await db
    .select({ productId: stockHolds.productId, status: stockHolds.status, n: sql<number>`sum(${stockHolds.quantity})` })
    .from(stockHolds)
    .where(and(inList(stockHolds.productId, productIds), ne(stockHolds.status, "released")))
    .groupBy(stockHolds.productId, stockHolds.status);
  const out = new Map<string, { held: number; sold: number }>();
  for (const r of rows) {
    const c = out.get(r.productId) ?? { held: 0, sold: 0 };
    c[r.status as "held" | "sold"] = Number(r.n);
    out.set(r.productId, c);
  }
  return out;
}

/** Holds still `held` past their checkout's deadline (the sweep settles them against their orders). */
export async function dueHolds(db: D1Db, now: number, limit: number) {
  const rows = await db
    .selectDistinct({ orderId: stockHolds.orderId })
    .from(stockHolds)
    .where(and(eq(stockHolds.status, "held"), lte(stockHolds.expiresAt, now)))
    .limit(limit);
  return rows.map((r) => r.orderId);
}
