import { AppError } from "../../lib/errors";

/** Hyperdrive in production; a direct connection string in local dev and tests (ADR 003). */
export function postgresUrl(env: Env): string {
  const url = env.HYPERDRIVE?.connectionString || env.DATABASE_URL;
  if (!url) throw new AppError("internal", "No Postgres configured: bind HYPERDRIVE or set DATABASE_URL.");
  return url;
}
