import { and, eq } from "drizzle-orm";
import { creatorProducts, creators } from "../db/d1/schema";
import { inList } from "../db/d1/in-list";
import { orderItems, orders } from "../db/pg/schema";
import { bpsOf } from "../billing/price-event";
import type { Deps } from "../lib/context";
import { AppError, type FieldError } from "../lib/errors";
import { newId } from "../lib/ids";
import { holdStock, releaseStock } from "../shop/stock";
import { CHECKOUT_TTL_MS, openCheckout } from "./open-checkout";

/** The platform keeps 5 % of a storefront sale; the creator earns the rest (ADR 018). */
export const SALES_FEE_BPS = 500;

export interface OrderItemInput {
  productId: string;
  quantity: number;
}

/**
 * Opens an order for creator products and its checkout (ADR 018): the items must be on sale,
 * from one creator, in one currency; a digital product is bought once per order. The order is
 * written first (pending), then its stock is held, then the provider's checkout is opened; when a
 * later step fails, the earlier ones are undone (the order is cancelled, its holds released), so
 * nothing is left half-made and no stock stays held.
 */
export async function checkoutOrder(deps: Deps, buyer: { userId: string; email: string }, items: OrderItemInput[]) {
  const ids = items.map((i) => i.productId);
  const found = await deps.db.select().from(creatorProducts).where(inList(creatorProducts.id, ids)).all();
  const byId = new Map(found.map((p) => [p.id, p]));
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const p = byId.get(item.productId);
    if (!p || p.status !== "active") errors.push({ path: `body.items.${i}.productId`, message: "No such product on sale" });
    else if (p.kind === "digital" && item.quantity !== 1) errors.push({ path: `body.items.${i}.quantity`, message: "A download is bought once" });
  });
  if (errors.length) throw new AppError("validation_failed", "Some items cannot be bought.", errors);
  const products = items.map((i) => byId.get(i.productId)!);
  const creatorId = products[0]!.creatorId;
  const currency = products[0]!.currency;
  products.forEach((p, i) => {
    if (p.creatorId !== creatorId) errors.push({ path: `body.items.${i}.productId`, message: "One order buys from one creator" });
    else if (p.currency !== currency) errors.push({ path: `body.items.${i}.productId`, message: `Priced in ${p.currency}, the order in ${currency}` });
  });
  if (errors.length) throw new AppError("validation_failed", "These items cannot be bought together.", errors);
  const seller = await deps.db.select({ userId: creators.userId, handle: creators.handle }).from(creators).where(eq(creators.id, creatorId)).get();
  if (!seller) throw new AppError("not_found", "This shop is no longer open.");
  if (seller.userId === buyer.userId) throw new AppError("forbidden", "You cannot buy your own product.");

  const lines = items.map((item, i) => ({ product: products[i]!, quantity: item.quantity }));
  const totalMinor = lines.reduce((sum, l) => sum + l.product.priceMinor * l.quantity, 0);
  const orderId = newId("order");
  const checkoutId = newId("checkout");
  const now = deps.now();
  const expiresAt = new Date(now + CHECKOUT_TTL_MS);
  const needsShipping = lines.some((l) => l.product.kind === "physical");
  const pg = await deps.pg();
  await pg.transaction(async (tx) => {
    await tx.insert(orders).values({ id: orderId, buyerUserId: buyer.userId, buyerEmail: buyer.email, creatorId, currency, totalMinor, platformFeeMinor: bpsOf(totalMinor, SALES_FEE_BPS), needsShipping, checkoutId, transferGroup: orderId, expiresAt });
    await tx.insert(orderItems).values(lines.map((l) => ({ orderId, productId: l.product.id, kind: l.product.kind, title: l.product.title, unitPriceMinor: l.product.priceMinor, quantity: l.quantity })));
  });
  const cancel = async () => {
    await pg.update(orders).set({ status: "cancelled", closedAt: new Date(deps.now()), updatedAt: new Date(deps.now()) }).where(and(eq(orders.id, orderId), eq(orders.status, "pending")));
    await releaseStock(deps.db, orderId);
  };
  const short = await holdStock(deps.db, orderId, lines.map((l) => ({ productId: l.product.id, quantity: l.quantity })), expiresAt.getTime(), now);
  if (short.length) {
    await cancel();
    throw new AppError(
      "conflict",
      "Some items are sold out or do not have that many left.",
      short.map((s) => ({ path: `body.items.${items.findIndex((i) => i.productId === s.productId)}.quantity`, message: "Not enough left" })),
    );
  }
  try {
    const session = await openCheckout(deps, {
      id: checkoutId,
      purpose: "order",
      ownerId: orderId,
      currency,
      lines: lines.map((l) => ({ name: l.product.title, unitAmountMinor: l.product.priceMinor, quantity: l.quantity })),
      collectShipping: needsShipping,
      transferGroup: orderId,
      expiresAt,
      successPath: `/orders/${orderId}?paid=1`,
      cancelPath: `/@${seller.handle}/shop/${lines[0]!.product.slug}?cancelled=1`,
      createdBy: buyer.userId,
    });
    return { orderId, url: session.url };
  } catch (err) {
    await cancel();
    throw err;
  }
}
