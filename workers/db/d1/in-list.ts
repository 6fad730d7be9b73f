import { sql, type Column, type SQL } from "drizzle-orm";

/**
 * `column IN (…)` for D1, whose statements take at most 100 bound parameters: the list travels as
 * one JSON parameter and SQLite unpacks it with json_each, so a page of 200 ids is one query.
 */
export function inList(column: Column, values: readonly string[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}
