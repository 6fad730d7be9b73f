import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { resolveApiKey } from "../brands/api-keys";
import { resolveSession, SESSION_COOKIE } from "../auth/sessions";
import { d1Client } from "../db/d1/client";
import { lazyPg } from "../db/pg/client";
import { postgresUrl } from "../db/pg/url";
import { readConfig } from "./config";
import type { AppEnv } from "./context";
import { emailerFor } from "./emailer";
import { AppError } from "./errors";
import { CROSS_SITE_DETAIL, foreignOrigin, needsOriginCheck } from "./same-origin";
import { newId } from "./ids";
import { jsonLogger } from "./logger";

/** Request id, per-request deps (stores, ports, clock), access log, and Postgres cleanup. */
export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const requestId = incoming && /^[\w.-]{8,80}$/.test(incoming) ? incoming : newId("request");
  const config = readConfig(c.env);
  const db = d1Client(c.env.DB);
  const pg = lazyPg(postgresUrl(c.env));
  const log = jsonLogger({ requestId });
  const now = () => Date.now();
  const emailer = emailerFor(config, c.env, db, now);
  c.set("requestId", requestId);
  c.set("actor", null);
  c.set("deps", { config, db, pg: pg.get, emailer, now, log });
  const started = Date.now();
  try {
    await next();
  } finally {
    c.executionCtx.waitUntil(pg.close());
    c.header("x-request-id", requestId);
    log.info("request", { method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status, ms: Date.now() - started });
  }
};

/** Resolves a bearer API key or the session cookie to the actor. A bad key is refused outright. */
export const resolveActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.var.deps;
  const auth = c.req.header("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const key = m ? await resolveApiKey(deps, m[1]!) : null;
    if (!key) throw new AppError("unauthenticated", "That API key is not valid or has been revoked.");
    c.set("actor", { kind: "apiKey", keyId: key.id, brandId: key.brandId });
    return next();
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const found = await resolveSession(deps, token);
    if (found) {
      c.set("actor", { kind: "user", userId: found.user.id, email: found.user.email, sessionId: found.session.id });
    }
  }
  return next();
};

/**
 * Every state-changing request and every WebSocket upgrade from a foreign origin is refused with
 * 403, whoever the caller is (a signed-in person, an API key or nobody): login CSRF needs no
 * session, and a room socket must not be opened from another site with a member's cookie.
 */
export const sameOriginWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (needsOriginCheck(c.req.raw)) {
    const reason = foreignOrigin(c.req.raw.headers, [c.var.deps.config.appOrigin, new URL(c.req.url).origin]);
    if (reason) {
      c.var.deps.log.warn("cross-site request refused", { method: c.req.method, path: new URL(c.req.url).pathname, reason });
      throw new AppError("forbidden", CROSS_SITE_DETAIL, [{ path: "headers.origin", message: reason }]);
    }
  }
  return next();
};
