import { sql } from "drizzle-orm";
import type { Deps } from "../lib/context";

/** Both planes must answer a trivial query. */
export async function checkHealth(deps: Deps) {
  const [d1, pg] = await Promise.allSettled([
    deps.db.run(sql`select 1`),
    deps.pg().then((pg) => pg.execute(sql`select 1`)),
  ]);
  return { d1: d1.status === "fulfilled", postgres: pg.status === "fulfilled" };
}
