import { env } from "cloudflare:workers";

/**
 * Production D1 refuses a statement with more than 100 bound parameters; local D1 (SQLite)
 * takes 32k, so nothing would catch it here. This makes local D1 refuse the same statements:
 * every prepared statement in the test isolate (the gateway's too, which runs in it) checks
 * its parameter count when it is bound.
 */
export const D1_MAX_BOUND_PARAMETERS = 100;

export class TooManyD1Parameters extends Error {
  constructor(readonly count: number, readonly sql: string) {
    super(`D1_ERROR: too many SQL variables (${count} bound parameters; D1 allows ${D1_MAX_BOUND_PARAMETERS}): ${sql.slice(0, 200)}`);
  }
}

export function enforceD1ParameterLimit(db: D1Database = env.DB) {
  const statement = db.prepare("select 1");
  const proto = Object.getPrototypeOf(statement) as { bind: (...values: unknown[]) => D1PreparedStatement; __d1Limit?: true };
  if (proto.__d1Limit) return;
  const bind = proto.bind;
  proto.bind = function (this: D1PreparedStatement & { statement?: string }, ...values: unknown[]) {
    if (values.length > D1_MAX_BOUND_PARAMETERS) throw new TooManyD1Parameters(values.length, String(this.statement ?? ""));
    return bind.apply(this, values);
  };
  proto.__d1Limit = true;
}
