import { createRoute, z } from "@hono/zod-openapi";
import { INBOUND_LIMITS } from "../lib/inbound-limits";
import { AppError } from "../lib/errors";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { brandTenant, requireActor } from "../lib/tenancy";
import { recordConversion } from "./record-conversion";
import { ConversionBody, ConversionResult } from "./schemas";

export const conversionRoutes = createRouter();

conversionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["conversions"],
    summary: "Report a lead, sale, call or refund for a click (brand API key; Idempotency-Key required)",
    request: {
      headers: z.object({ "idempotency-key": z.string().min(1, { error: "Send an Idempotency-Key header" }).max(INBOUND_LIMITS.idempotencyKey) }),
      body: jsonBody(ConversionBody),
    },
    responses: { 202: jsonContent(ConversionResult, "Accepted; billed once by the events pipeline"), ...errorResponses, 409: errorResponses[400] },
  }),
  async (c) => {
    const actor = requireActor(c.var.actor);
    if (actor.kind !== "apiKey") throw new AppError("forbidden", "Report conversions with your brand's API key.");
    const tenant = await brandTenant(c.var.deps, actor, actor.brandId);
    const result = await recordConversion(c.var.deps, tenant, c.req.valid("header")["idempotency-key"], c.req.valid("json"), async (e) => {
      await c.env.EVENTS.send(e, { contentType: "json" });
    });
    return c.json(result, 202);
  },
);
