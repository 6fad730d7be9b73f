import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { brandTenant, requireUser } from "../lib/tenancy";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import { createBrand } from "./create-brand";
import { getBrand } from "./get-brand";
import { addMember, listMembers, removeMember, updateMemberRole } from "./members";
import { AddMemberBody, ApiKeySchema, BrandSchema, CreateApiKeyBody, CreateBrandBody, CreatedApiKeySchema, MemberSchema, UpdateBrandBody, UpdateMemberBody } from "./schemas";
import { updateBrand } from "./update-brand";

export const brandRoutes = createRouter();

const BrandParam = z.object({ brandId: z.string().min(1).max(64) });

brandRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["brands"],
    summary: "Create a brand (signup step 2); the caller becomes its owner",
    request: { body: jsonBody(CreateBrandBody) },
    responses: { 201: jsonContent(BrandSchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    return c.json(await createBrand(c.var.deps, user.userId, c.req.valid("json")), 201);
  },
);

brandRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{brandId}",
    tags: ["brands"],
    summary: "A brand's profile (members and its API keys only)",
    request: { params: BrandParam },
    responses: { 200: jsonContent(BrandSchema, "The brand"), ...errorResponses },
  }),
  async (c) => {
    const tenant = await brandTenant(c.var.deps, c.var.actor, c.req.valid("param").brandId);
    return c.json(await getBrand(c.var.deps, tenant), 200);
  },
);

brandRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{brandId}",
    tags: ["brands"],
    summary: "Edit a brand's profile or set its goal (owners and admins)",
    request: { params: BrandParam, body: jsonBody(UpdateBrandBody) },
    responses: { 200: jsonContent(BrandSchema, "Updated"), ...errorResponses },
  }),
  async (c) => {
    const tenant = await brandTenant(c.var.deps, c.var.actor, c.req.valid("param").brandId, { roles: ["owner", "admin"] });
    return c.json(await updateBrand(c.var.deps, tenant, c.req.valid("json")), 200);
  },
);

brandRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{brandId}/api-keys",
    tags: ["brands"],
    summary: "List the brand's API keys (never their secrets)",
    request: { params: BrandParam },
    responses: { 200: jsonContent(z.object({ items: z.array(ApiKeySchema) }), "Keys"), ...errorResponses },
  }),
  async (c) => {
    const tenant = await brandTenant(c.var.deps, c.var.actor, c.req.valid("param").brandId, { roles: ["owner", "admin"], sessionOnly: true });
    return c.json({ items: await listApiKeys(c.var.deps, tenant) }, 200);
  },
);

brandRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{brandId}/api-keys",
    tags: ["brands"],
    summary: "Create an API key; its secret is shown in this response only",
    request: { params: BrandParam, body: jsonBody(CreateApiKeyBody) },
    responses: { 201: jsonContent(CreatedApiKeySchema, "Created"), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c.var.actor);
    const tenant = await brandTenant(c.var.deps, user, c.req.valid("param").brandId, { roles: ["owner", "admin"], sessionOnly: true });
    return c.json(await createApiKey(c.var.deps, tenant, user.userId, c.req.valid("json").name), 201);
  },
);

brandRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{brandId}/api-keys/{keyId}",
    tags: ["brands"],
    summary: "Revoke an API key",
    request: { params: BrandParam.extend({ keyId: z.string().min(1).max(64) }) },
    responses: { 204: { description: "Revoked" }, ...errorResponses },
  }),
  async (c) => {
    const { brandId, keyId } = c.req.valid("param");
    const tenant = await brandTenant(c.var.deps, c.var.actor, brandId, { roles: ["owner", "admin"], sessionOnly: true });
    await revokeApiKey(c.var.deps, tenant, keyId);
    return c.body(null, 204);
  },
);

const MemberParam = BrandParam.extend({ memberId: z.string().min(1).max(64) });

brandRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{brandId}/members",
    tags: ["brands"],
    summary: "The brand's team and their roles",
    request: { params: BrandParam },
    responses: { 200: jsonContent(z.object({ items: z.array(MemberSchema) }), "Members"), ...errorResponses },
  }),
  async (c) => {
    const tenant = await brandTenant(c.var.deps, c.var.actor, c.req.valid("param").brandId, { sessionOnly: true });
    return c.json({ items: await listMembers(c.var.deps, tenant) }, 200);
  },
);

brandRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{brandId}/members",
    tags: ["brands"],
    summary: "Add someone to the team by email (owners and admins; only owners add owners)",
    request: { params: BrandParam, body: jsonBody(AddMemberBody) },
    responses: { 201: jsonContent(MemberSchema, "Added"), ...errorResponses, 409: errorResponses[400] },
  }),
  async (c) => {
    const tenant = await brandTenant(c.var.deps, c.var.actor, c.req.valid("param").brandId, { roles: ["owner", "admin"], sessionOnly: true });
    return c.json(await addMember(c.var.deps, tenant, c.req.valid("json")), 201);
  },
);

brandRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/{brandId}/members/{memberId}",
    tags: ["brands"],
    summary: "Change a member's role (a brand always keeps one owner)",
    request: { params: MemberParam, body: jsonBody(UpdateMemberBody) },
    responses: { 200: jsonContent(MemberSchema, "Updated"), ...errorResponses, 409: errorResponses[400] },
  }),
  async (c) => {
    const { brandId, memberId } = c.req.valid("param");
    const tenant = await brandTenant(c.var.deps, c.var.actor, brandId, { roles: ["owner", "admin"], sessionOnly: true });
    return c.json(await updateMemberRole(c.var.deps, tenant, memberId, c.req.valid("json").role), 200);
  },
);

brandRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{brandId}/members/{memberId}",
    tags: ["brands"],
    summary: "Remove someone from the team",
    request: { params: MemberParam },
    responses: { 204: { description: "Removed" }, ...errorResponses, 409: errorResponses[400] },
  }),
  async (c) => {
    const { brandId, memberId } = c.req.valid("param");
    const tenant = await brandTenant(c.var.deps, c.var.actor, brandId, { roles: ["owner", "admin"], sessionOnly: true });
    await removeMember(c.var.deps, tenant, memberId);
    return c.body(null, 204);
  },
);
