import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { products } from "../db/d1/schema";
import { inList } from "../db/d1/in-list";
import { events } from "../db/pg/schema";
import type { Deps } from "../lib/context";

const DAY = 86_400_000;

/** A creator's storefront traffic over the last `days` UTC days: views, visitors, product clicks, per day and per product. */
export async function storefrontStats(deps: Deps, creatorId: string, days: number) {
  const pg = await deps.pg();
  const since = new Date(Math.floor(deps.now() / DAY) * DAY - (days - 1) * DAY);
  const where = and(eq(events.creatorId, creatorId), inArray(events.type, ["storefront.view", "product.click"]), gte(events.at, since));
  const day = sql<string>`to_char(date_trunc('day', ${events.at} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const [totals, perDay, perProduct] = await Promise.all([
    pg
      .select({
        views: sql<number>`count(*) filter (where ${events.type} = 'storefront.view')`.mapWith(Number),
        visitors: sql<number>`count(distinct ${events.visitorHash}) filter (where ${events.type} = 'storefront.view')`.mapWith(Number),
        clicks: sql<number>`count(*) filter (where ${events.type} = 'product.click')`.mapWith(Number),
      })
      .from(events)
      .where(where),
    pg
      .select({ day, views: sql<number>`count(*) filter (where ${events.type} = 'storefront.view')`.mapWith(Number), clicks: sql<number>`count(*) filter (where ${events.type} = 'product.click')`.mapWith(Number) })
      .from(events)
      .where(where)
      .groupBy(day),
    pg
      .select({ productId: sql<string>`${events.props}->>'productId'`, clicks: sql<number>`count(*)`.mapWith(Number) })
      .from(events)
      .where(and(where, eq(events.type, "product.click")))
      .groupBy(sql`${events.props}->>'productId'`)
      .orderBy(sql`count(*) desc`)
      .limit(5),
  ]);
  const ids = perProduct.map((p) => p.productId).filter(Boolean);
  const titles = ids.length ? new Map((await deps.db.select({ id: products.id, title: products.title }).from(products).where(inList(products.id, ids))).map((p) => [p.id, p.title])) : new Map<string, string>();
  const byDay = new Map(perDay.map((d) => [d.day, d]));
  return {
    days,
    views: totals[0]?.views ?? 0,
    visitors: totals[0]?.visitors ?? 0,
    productClicks: totals[0]?.clicks ?? 0,
    series: Array.from({ length: days }, (_, i) => {
      const d = new Date(since.getTime() + i * DAY).toISOString().slice(0, 10);
      return { day: d, views: byDay.get(d)?.views ?? 0, clicks: byDay.get(d)?.clicks ?? 0 };
    }),
    topProducts: perProduct.filter((p) => p.productId).map((p) => ({ productId: p.productId, title: titles.get(p.productId) ?? "A product no longer in the catalog", clicks: p.clicks })),
  };
}
