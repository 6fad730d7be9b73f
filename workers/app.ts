import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { authRoutes } from "./auth/routes";
import { domainRoutes } from "./brands/domain-routes";
import { brandRoutes } from "./brands/routes";
import { campaignRoutes } from "./campaigns/routes";
import { serveMedia } from "./catalog/media";
import { catalogRoutes } from "./catalog/routes";
import { conversionRoutes } from "./conversions/routes";
import { linkRoutes, pixelRoutes } from "./links/routes";
import { collaborationRoutes, inviteRoutes } from "./marketplace/collaboration-routes";
import { acceptRoutes, earningsRoutes, marketplaceRoutes } from "./marketplace/routes";
import { redirect } from "./links/redirect";
import { creatorRoutes } from "./creators/routes";
import { devRoutes } from "./dev/routes";
import { checkHealth } from "./health/check-health";
import type { AppEnv } from "./lib/context";
import { AppError, problemResponse } from "./lib/errors";
import { requestContext, resolveActor, sameOriginWrites } from "./lib/middleware";
import { isDevelopment, type Config } from "./lib/config";
import { limitBodies } from "./lib/body-limit";
import { perClientLimit } from "./lib/rate-limit";
import { testCheckoutRoutes, walletRoutes, webhookRoutes } from "./money/routes";
import { checkoutRoutes, downloadRoutes, orderRoutes } from "./money/order-routes";
import { shopRoutes } from "./shop/routes";
import { payoutRoutes, statementRoutes } from "./money/payout-routes";
import { subscriptionRoutes } from "./money/subscription-routes";
import { communityRoutes, dropRoutes, roomRoutes } from "./communities/routes";
import { communityCourseRoutes, courseRoutes } from "./courses/routes";
import { meRoutes } from "./me/routes";
import { storefrontRoutes } from "./storefronts/routes";

/**
 * The gateway for one configuration. Development-only routes (`/dev/*`, `/__bench/302`) are
 * mounted only when the configuration is development: in production they do not exist.
 */
export function createApp(config: Pick<Config, "environment">) {
  const app = new OpenAPIHono<AppEnv>();

  app.use("*", requestContext);

  app.get("/healthz", async (c) => {
    const health = await checkHealth(c.var.deps);
    const ok = health.d1 && health.postgres;
    return c.json(ok ? { ok: true } : { ok: false, ...health }, ok ? 200 : 503);
  });

  // Origin first: a foreign write is refused before any key or session is looked up; anonymous-
  // reachable writes are limited per client before that lookup too.
  app.use("/api/v1/*", sameOriginWrites);
  app.use("/api/v1/conversions/*", perClientLimit("RL_TRACKING", "conversions"));
  app.use("/api/v1/*", resolveActor, limitBodies);
  app.route("/api/v1/auth", authRoutes);
  app.route("/api/v1/me", meRoutes);
  app.route("/api/v1/brands", brandRoutes);
  app.route("/api/v1/brands", domainRoutes);
  app.route("/api/v1/creators", creatorRoutes);
  app.route("/api/v1/campaigns", campaignRoutes);
  app.route("/api/v1/campaigns", acceptRoutes);
  app.route("/api/v1/campaigns", inviteRoutes);
  app.route("/api/v1", collaborationRoutes);
  app.route("/api/v1/marketplace", marketplaceRoutes);
  app.route("/api/v1/earnings/statements", statementRoutes);
  app.route("/api/v1/earnings", earningsRoutes);
  app.route("/api/v1/links", linkRoutes);
  app.route("/api/v1/conversions", conversionRoutes);
  app.route("/api/v1/px", pixelRoutes);
  app.route("/api/v1/catalog", catalogRoutes);
  app.route("/api/v1/storefronts", storefrontRoutes);
  app.route("/api/v1/communities", communityRoutes);
  app.route("/api/v1/rooms", roomRoutes);
  app.route("/api/v1/communities", communityCourseRoutes);
  app.route("/api/v1/courses", courseRoutes);
  app.route("/api/v1/drops", dropRoutes);
  app.route("/api/v1/brands", walletRoutes);
  app.route("/api/v1/checkout/test", testCheckoutRoutes);
  app.route("/api/v1/checkout", checkoutRoutes);
  app.route("/api/v1/orders", orderRoutes);
  app.route("/api/v1/downloads", downloadRoutes);
  app.route("/api/v1/shop", shopRoutes);
  app.route("/api/v1/payouts", payoutRoutes);
  app.route("/api/v1/subscriptions", subscriptionRoutes);
  app.route("/api/v1/webhooks", webhookRoutes);

  // The hot path: no actor resolution, no Postgres, no body parsing.
  app.on(["GET", "HEAD"], "/l/:code", redirect);

  // Uploaded images: immutable keys, long cache (no actor, no database).
  app.on(["GET", "HEAD"], "/media/:key{.+}", (c) => serveMedia(c.env.MEDIA, c.req.param("key"), c.req.raw));

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Tandem API", version: "1.0.0", description: "Brands, creators and communities in one product." },
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer" });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "tandem_session" });

  if (isDevelopment(config)) {
    app.route("/dev", devRoutes);
    // The runtime's floor for benchmarks: a bare redirect.
    app.get("/__bench/302", () => new Response(null, { status: 302, headers: { location: "https://example.com/", "cache-control": "private, no-store" } }));
  }

  app.notFound((c) => problemResponse(new AppError("not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`), c.var.requestId));

  app.onError((err, c) => {
    const requestId = c.var.requestId;
    if (err instanceof AppError) return problemResponse(err, requestId);
    if (err instanceof HTTPException && err.status < 500) {
      const message = err.message.includes("JSON") ? "The request body is not valid JSON." : err.message || "Bad request.";
      return problemResponse(new AppError("bad_request", message, [{ path: "body", message }]), requestId);
    }
    const fields = { error: String(err), cause: String((err as Error).cause ?? ""), stack: (err as Error).stack };
    if (c.var.deps) c.var.deps.log.error("unhandled error", fields);
    else console.error(JSON.stringify({ level: "error", msg: "unhandled error", requestId, ...fields }));
    return problemResponse(new AppError("internal", "Something went wrong on our side. The request id helps us find it."), requestId);
  });

  return app;
}
