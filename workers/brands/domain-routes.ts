import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { brandTenant } from "../lib/tenancy";
import { addDomain, listDomains, removeDomain, verifyDomain } from "./domains";
import { AddDomainBody, DomainSchema } from "../campaigns/schemas";

/** /api/v1/brands/{brandId}/domains — where the brand's links may point. */
export const domainRoutes = createRouter();

const BrandParam = z.object({ brandId: z.string().min(1).max(64) });

domainRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{brandId}/domains",
    tags: ["brands"],
    summary: "Registered destination domains, with the DNS record that verifies each",
    request: { params: BrandParam },
    responses: { 200: jsonContent(z.object({ items: z.array(DomainSchema) }), "Domains"), ...errorResponses },
  }),
  async (c) => {
    const tenant = await brandTenant(c.var.deps, c.var.actor, c.req.valid("param").brandId);
    return c.json({ items: await listDomains(c.var.deps, tenant) }, 200);
  },
);

domainRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{brandId}/domains",
    tags: ["brands"],
    summary: "Register a destination domain (subdomains are included); it takes links once verified",
    request: { params: BrandParam, body: jsonBody(AddDomainBody) },
    responses: { 201: jsonContent(DomainSchema, "Registered"), ...errorResponses, 409: errorResponses[400] },
  }),
  async (c) => {
    const tenant = await brandTenant(c.var.deps, c.var.actor, c.req.valid("param").brandId, { roles: ["owner", "admin"] });
    return c.json(await addDomain(c.var.deps, tenant, c.req.valid("json").domain), 201);
  },
);

domainRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{brandId}/domains/{domainId}/verify",
    tags: ["brands"],
    summary: "Check the domain's TXT record (tandem-verify=<token> at _tandem.<domain>) over DNS-over-HTTPS; once found, links may point there",
    request: { params: BrandParam.extend({ domainId: z.string().min(1).max(64) }) },
    responses: { 200: jsonContent(DomainSchema, "Verified"), ...errorResponses, 503: { ...errorResponses[400], description: "The DNS resolver could not be reached; nothing changed" } },
  }),
  async (c) => {
    const { brandId, domainId } = c.req.valid("param");
    const tenant = await brandTenant(c.var.deps, c.var.actor, brandId, { roles: ["owner", "admin"] });
    return c.json(await verifyDomain(c.var.deps, tenant, domainId), 200);
  },
);

domainRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{brandId}/domains/{domainId}",
    tags: ["brands"],
    summary: "Remove a destination domain (existing links keep working)",
    request: { params: BrandParam.extend({ domainId: z.string().min(1).max(64) }) },
    responses: { 204: { description: "Removed" }, ...errorResponses },
  }),
  async (c) => {
    const { brandId, domainId } = c.req.valid("param");
    const tenant = await brandTenant(c.var.deps, c.var.actor, brandId, { roles: ["owner", "admin"] });
    await removeDomain(c.var.deps, tenant, domainId);
    return c.body(null, 204);
  },
);
