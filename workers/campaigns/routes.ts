import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { brandInScope } from "../lib/tenancy";
import { campaignTenant } from "./campaign-tenant";
import { campaignRecord } from "./campaign-record";
import { createCampaign } from "./create-campaign";
import { campaignStats } from "./campaign-stats";
import { forecast } from "./forecast";
import { forecastHistory } from "./forecast-history";
import { fraudPreview, fraudReport } from "./fraud-report";
import { openDispute, listCampaignDisputes } from "../billing/dispute";
import { CampaignActionBody, CampaignSchema, DisputeBody, DisputeSchema, CampaignStatsSchema, ForecastBody, ForecastSchema, FraudPreviewQuery, FraudPreviewSchema, FraudReportSchema, CreateCampaignBody, UpdateCampaignBody } from "./schemas";
import { changeCampaignStatus, getCampaign, listCampaigns, updateCampaign } from "./update-campaign";

export const campaignRoutes = createRouter();

const CampaignParam = z.object({ campaignId: z.string().min(1).max(64) });
const conflict = { 409: errorResponses[400] };

campaignRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["campaigns"],
    summary: "Create a draft campaign (pricing model, rate, budget, window, targeting, schedule)",
    request: { body: jsonBody(CreateCampaignBody) },
    responses: { 201: jsonContent(CampaignSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const tenant = await brandInScope(c.var.deps, c.var.actor, body.brandId, { roles: ["owner", "admin"] });
    return c.json(await createCampaign(c.var.deps, tenant, body), 201);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "post",
    path: "/forecast",
    tags: ["campaigns"],
    summary: "Budget forecast for a draft: daily volume, conversions, spend and days until the budget runs out, with ranges",
    request: { body: jsonBody(ForecastBody) },
    responses: { 200: jsonContent(ForecastSchema, "Forecast"), ...errorResponses },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const tenant = await brandInScope(c.var.deps, c.var.actor, body.brandId);
    const history = await forecastHistory(c.var.deps, tenant.brandId, body.pricingModel);
    return c.json(forecast(body, history), 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["campaigns"],
    summary: "The caller's brand's campaigns",
    request: { query: z.object({ brandId: z.string().max(64).optional() }) },
    responses: { 200: jsonContent(z.object({ items: z.array(CampaignSchema) }), "Campaigns"), ...errorResponses },
  }),
  async (c) => {
    const tenant = await brandInScope(c.var.deps, c.var.actor, c.req.valid("query").brandId);
    return c.json({ items: await listCampaigns(c.var.deps, tenant) }, 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{campaignId}",
    tags: ["campaigns"],
    summary: "One campaign",
    request: { params: CampaignParam },
    responses: { 200: jsonContent(CampaignSchema, "The campaign"), ...errorResponses },
  }),
  async (c) => {
    const { campaignId } = c.req.valid("param");
    const tenant = await campaignTenant(c.var.deps, c.var.actor, campaignId);
    return c.json(campaignRecord(await getCampaign(c.var.deps, tenant, campaignId)), 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{campaignId}",
    tags: ["campaigns"],
    summary: "Edit rate, budget, schedule, targeting or fallback (owners and admins)",
    request: { params: CampaignParam, body: jsonBody(UpdateCampaignBody) },
    responses: { 200: jsonContent(CampaignSchema, "Updated"), ...errorResponses, ...conflict },
  }),
  async (c) => {
    const { campaignId } = c.req.valid("param");
    const tenant = await campaignTenant(c.var.deps, c.var.actor, campaignId, ["owner", "admin"]);
    return c.json(await updateCampaign(c.var.deps, tenant, campaignId, c.req.valid("json")), 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{campaignId}/status",
    tags: ["campaigns"],
    summary: "Launch, pause, resume or end",
    request: { params: CampaignParam, body: jsonBody(CampaignActionBody) },
    responses: { 200: jsonContent(CampaignSchema, "New status"), ...errorResponses, ...conflict },
  }),
  async (c) => {
    const { campaignId } = c.req.valid("param");
    const tenant = await campaignTenant(c.var.deps, c.var.actor, campaignId, ["owner", "admin"]);
    return c.json(await changeCampaignStatus(c.var.deps, tenant, campaignId, c.req.valid("json").action), 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{campaignId}/stats",
    tags: ["campaigns"],
    summary: "Clicks (valid and invalid), views, conversions, revenue, spend from the ledger, ROI, per creator, hourly series",
    request: { params: CampaignParam, query: z.object({ hours: z.coerce.number().int().min(1).max(24 * 90).default(72) }) },
    responses: { 200: jsonContent(CampaignStatsSchema, "Stats"), ...errorResponses },
  }),
  async (c) => {
    const { campaignId } = c.req.valid("param");
    const tenant = await campaignTenant(c.var.deps, c.var.actor, campaignId);
    return c.json(await campaignStats(c.var.deps, tenant, campaignId, c.req.valid("query").hours), 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{campaignId}/fraud",
    tags: ["campaigns"],
    summary: "Flagged traffic of the last days, by reason and by link/creator",
    request: { params: CampaignParam, query: z.object({ days: z.coerce.number().int().min(1).max(30).default(7) }) },
    responses: { 200: jsonContent(FraudReportSchema, "Report"), ...errorResponses },
  }),
  async (c) => {
    const { campaignId } = c.req.valid("param");
    const tenant = await campaignTenant(c.var.deps, c.var.actor, campaignId);
    return c.json(await fraudReport(c.var.deps, tenant, campaignId, c.req.valid("query").days), 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{campaignId}/fraud/preview",
    tags: ["campaigns"],
    summary: "What-if: the last days of clicks judged at another sensitivity, before saving it",
    request: { params: CampaignParam, query: FraudPreviewQuery },
    responses: { 200: jsonContent(FraudPreviewSchema, "Preview"), ...errorResponses },
  }),
  async (c) => {
    const { campaignId } = c.req.valid("param");
    const { threshold, days } = c.req.valid("query");
    const tenant = await campaignTenant(c.var.deps, c.var.actor, campaignId);
    return c.json(await fraudPreview(c.var.deps, tenant, campaignId, threshold, days), 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{campaignId}/disputes",
    tags: ["campaigns"],
    summary: "Dispute a creator's traffic over a window: re-scored with the current scorer, charges now judged invalid credited back",
    request: { params: CampaignParam, body: jsonBody(DisputeBody) },
    responses: { 201: jsonContent(DisputeSchema, "Opened and resolved"), ...errorResponses },
  }),
  async (c) => {
    const { campaignId } = c.req.valid("param");
    const tenant = await campaignTenant(c.var.deps, c.var.actor, campaignId, ["owner", "admin"]);
    const actor = c.var.actor!;
    const openedBy = actor.kind === "user" ? actor.userId : `key:${actor.keyId}`;
    return c.json(await openDispute(c.var.deps, tenant, campaignId, c.req.valid("json"), openedBy), 201);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{campaignId}/disputes",
    tags: ["campaigns"],
    summary: "The campaign's traffic disputes and their outcomes, newest first",
    request: { params: CampaignParam },
    responses: { 200: jsonContent(z.object({ disputes: z.array(DisputeSchema) }), "Disputes"), ...errorResponses },
  }),
  async (c) => {
    const { campaignId } = c.req.valid("param");
    const tenant = await campaignTenant(c.var.deps, c.var.actor, campaignId);
    return c.json({ disputes: await listCampaignDisputes(c.var.deps, tenant, campaignId) }, 200);
  },
);
