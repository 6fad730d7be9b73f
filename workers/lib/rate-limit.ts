import type { Context, MiddlewareHandler } from "hono";
import { clientIp, isLoopback, rateLimitKey } from "./client-ip";
import { isDevelopment } from "./config";
import type { AppEnv } from "./context";
import { AppError } from "./errors";

/** The Rate Limiting bindings declared in wrangler.toml (`[[ratelimits]]`). */
export type Limiter = Exclude<{ [K in keyof Env]-?: Env[K] extends RateLimit ? K : never }[keyof Env], undefined>;

/** Every limiter's period is 60 s, so a refused client may try again after at most that. */
const RETRY_AFTER_SECONDS = 60;

/**
 * Counts one request from the calling client against `limiter` under `scope` and refuses it
 * with 429 (problem+json, Retry-After) once the client is over the limit. A request without a
 * client address is an in-process call outside production (tests, local tools) and is not
 * limited; in production such requests share one bucket instead of going unlimited. Outside
 * production, loopback clients are not limited either: the local stack's seed signs in forty
 * members in a few seconds, and wrangler dev reports every local caller as 127.0.0.1.
 */
export async function limitClient(c: Context<AppEnv>, limiter: Limiter, scope: string) {
  const ip = clientIp(c.req.raw.headers);
  if ((!ip || isLoopback(ip)) && isDevelopment(c.var.deps.config)) return;
  const { success } = await c.env[limiter].limit({ key: `${scope}:${ip ? rateLimitKey(ip) : "unknown"}` });
  if (!success) {
    throw new AppError("rate_limited", "Too many requests from your network. Wait a minute and try again.", undefined, {
      "retry-after": String(RETRY_AFTER_SECONDS),
    });
  }
}

/** The same as middleware, for routes limited before anything else runs. */
export const perClientLimit =
  (limiter: Limiter, scope: string): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await limitClient(c, limiter, scope);
    return next();
  };
