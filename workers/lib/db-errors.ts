/** True when a D1 (SQLite) or Postgres error, possibly wrapped by drizzle, is a unique-key clash. */
export function isUniqueViolation(e: unknown): boolean {
  for (let err = e as { message?: string; code?: string; cause?: unknown } | undefined; err; err = err.cause as typeof err) {
    if (err.code === "23505") return true;
    if (typeof err.message === "string" && /UNIQUE constraint failed|duplicate key value/.test(err.message)) return true;
  }
  return false;
}
