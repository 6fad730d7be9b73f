import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../lib/errors";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { brandInScope, type BrandRole } from "../lib/tenancy";
import type { Actor, Deps } from "../lib/context";
import { createCategory, defineAttribute, deleteAttribute, deleteCategory, listAttributes, listCategories, updateCategory } from "./categories";
import { deleteProductMedia, uploadProductMedia } from "./media";
import { createProduct, deleteProduct, getProduct, listProducts, updateProduct } from "./products";
import { tandemTemplate } from "./import/formats";
import { getImport, listImports, startImport, type ImportMessage } from "./import/start-import";
import { AttributeBody, AttributeSchema, CategoryBody, CategoryPatch, CategorySchema, ImportJobSchema, MediaSchema, ProductBody, ProductPatch, ProductSchema } from "./schemas";

export const catalogRoutes = createRouter();

const BrandQuery = z.object({ brandId: z.string().max(64).optional() });
const Id = z.object({ id: z.string().min(1).max(64) });
const WRITE: BrandRole[] = ["owner", "admin"];
const tenantFor = (deps: Deps, actor: Actor | null, brandId: string | undefined, roles?: BrandRole[]) => brandInScope(deps, actor, brandId, { roles, where: "query.brandId" });
const ok = { 204: { description: "Done" } };

catalogRoutes.openapi(
  createRoute({ method: "get", path: "/categories", tags: ["catalog"], summary: "The category tree, depth first", request: { query: BrandQuery }, responses: { 200: jsonContent(z.object({ items: z.array(CategorySchema) }), "Categories"), ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, undefined);
    return c.json({ items: await listCategories(c.var.deps, tenant) }, 200);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "post", path: "/categories", tags: ["catalog"], summary: "Add a category (under a parent, at a position)", request: { query: BrandQuery, body: jsonBody(CategoryBody) }, responses: { 201: jsonContent(z.object({ id: z.string() }).passthrough(), "Created"), ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, WRITE);
    const { brandId: _b, ...row } = await createCategory(c.var.deps, tenant, c.req.valid("json"));
    return c.json(row, 201);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "patch", path: "/categories/{id}", tags: ["catalog"], summary: "Rename, move (drag and drop) or reorder a category", request: { params: Id, query: BrandQuery, body: jsonBody(CategoryPatch) }, responses: { 200: jsonContent(z.object({ id: z.string() }).passthrough(), "Updated"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, WRITE);
    const { brandId: _b, ...row } = await updateCategory(c.var.deps, tenant, c.req.valid("param").id, c.req.valid("json"));
    return c.json(row, 200);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "delete", path: "/categories/{id}", tags: ["catalog"], summary: "Delete an empty category", request: { params: Id, query: BrandQuery }, responses: { ...ok, 409: errorResponses[400], ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, WRITE);
    await deleteCategory(c.var.deps, tenant, c.req.valid("param").id);
    return c.body(null, 204);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "get", path: "/categories/{id}/attributes", tags: ["catalog"], summary: "Attributes a category defines and inherits", request: { params: Id, query: BrandQuery }, responses: { 200: jsonContent(z.object({ items: z.array(AttributeSchema) }), "Attributes"), ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, undefined);
    return c.json({ items: await listAttributes(c.var.deps, tenant, c.req.valid("param").id) }, 200);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "post", path: "/categories/{id}/attributes", tags: ["catalog"], summary: "Define an attribute (inherited by subcategories)", request: { params: Id, query: BrandQuery, body: jsonBody(AttributeBody) }, responses: { 201: jsonContent(AttributeSchema, "Defined"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, WRITE);
    const { brandId: _b, position: _p, ...row } = await defineAttribute(c.var.deps, tenant, c.req.valid("param").id, c.req.valid("json"));
    return c.json(row, 201);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "delete", path: "/categories/{id}/attributes/{attributeId}", tags: ["catalog"], summary: "Remove an attribute definition", request: { params: Id.extend({ attributeId: z.string().max(64) }), query: BrandQuery }, responses: { ...ok, ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, WRITE);
    const { id, attributeId } = c.req.valid("param");
    await deleteAttribute(c.var.deps, tenant, id, attributeId);
    return c.body(null, 204);
  },
);

const ProductQuery = BrandQuery.extend({
  status: z.enum(["draft", "active", "archived"]).optional(),
  categoryId: z.string().max(64).optional(),
  q: z.string().trim().max(100).optional(),
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

catalogRoutes.openapi(
  createRoute({ method: "get", path: "/products", tags: ["catalog"], summary: "Products, newest first (filter by status, category, text)", request: { query: ProductQuery }, responses: { 200: jsonContent(z.object({ items: z.array(ProductSchema), nextBefore: z.string().nullable() }), "A page"), ...errorResponses } }),
  async (c) => {
    const { brandId, ...q } = c.req.valid("query");
    const tenant = await tenantFor(c.var.deps, c.var.actor, brandId, undefined);
    return c.json(await listProducts(c.var.deps, tenant, q), 200);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "post", path: "/products", tags: ["catalog"], summary: "Create a product with its variants", request: { query: BrandQuery, body: jsonBody(ProductBody) }, responses: { 201: jsonContent(ProductSchema, "Created"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, WRITE);
    return c.json(await createProduct(c.var.deps, tenant, c.req.valid("json")), 201);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "get", path: "/products/{id}", tags: ["catalog"], summary: "One product", request: { params: Id, query: BrandQuery }, responses: { 200: jsonContent(ProductSchema, "The product"), ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, undefined);
    return c.json(await getProduct(c.var.deps, tenant, c.req.valid("param").id), 200);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "patch", path: "/products/{id}", tags: ["catalog"], summary: "Change a product; `variants`, when given, replaces the set (kept by SKU or options)", request: { params: Id, query: BrandQuery, body: jsonBody(ProductPatch) }, responses: { 200: jsonContent(ProductSchema, "Updated"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, WRITE);
    return c.json(await updateProduct(c.var.deps, tenant, c.req.valid("param").id, c.req.valid("json")), 200);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "delete", path: "/products/{id}", tags: ["catalog"], summary: "Delete a product, its variants and media", request: { params: Id, query: BrandQuery }, responses: { ...ok, ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, WRITE);
    await deleteProduct(c.var.deps, tenant, c.req.valid("param").id);
    return c.body(null, 204);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: "post",
    path: "/products/{id}/media",
    tags: ["catalog"],
    summary: "Upload an image (raw bytes; type sniffed from the bytes, up to 10 MB)",
    request: { params: Id, query: BrandQuery.extend({ alt: z.string().max(200).default("") }), body: { required: true, content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } } },
    responses: { 201: jsonContent(MediaSchema, "Stored"), ...errorResponses },
  }),
  async (c) => {
    const { brandId, alt } = c.req.valid("query");
    const tenant = await tenantFor(c.var.deps, c.var.actor, brandId, WRITE);
    const body = await c.req.arrayBuffer();
    return c.json(await uploadProductMedia({ ...c.var.deps, bucket: c.env.MEDIA }, tenant, c.req.valid("param").id, body, alt), 201);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "delete", path: "/products/{id}/media/{mediaId}", tags: ["catalog"], summary: "Remove an image", request: { params: Id.extend({ mediaId: z.string().max(64) }), query: BrandQuery }, responses: { ...ok, ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, WRITE);
    const { id, mediaId } = c.req.valid("param");
    await deleteProductMedia({ ...c.var.deps, bucket: c.env.MEDIA }, tenant, id, mediaId);
    return c.body(null, 204);
  },
);

const flag = z.enum(["true", "false"]).default("false").transform((v) => v === "true");

catalogRoutes.openapi(
  createRoute({
    method: "post",
    path: "/imports",
    tags: ["catalog"],
    summary: "Start a CSV import (Shopify's product export or the Tandem format); poll GET /imports/{id}",
    request: {
      query: BrandQuery.extend({ format: z.enum(["shopify", "tandem"]), dryRun: flag, skipInvalid: flag, currency: z.string().regex(/^[A-Z]{3}$/, { error: "A three-letter ISO 4217 code" }).default("USD") }),
      body: { required: true, content: { "text/csv": { schema: z.string() } } },
    },
    responses: { 202: jsonContent(ImportJobSchema, "Queued"), ...errorResponses },
  }),
  async (c) => {
    const { brandId, ...opts } = c.req.valid("query");
    const tenant = await tenantFor(c.var.deps, c.var.actor, brandId, WRITE);
    const job = await startImport({ ...c.var.deps, bucket: c.env.MEDIA, queue: c.env.IMPORTS as Queue<ImportMessage> }, tenant, opts, c.req.raw.body);
    return c.json(job, 202);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "get", path: "/imports", tags: ["catalog"], summary: "The last 20 imports", request: { query: BrandQuery }, responses: { 200: jsonContent(z.object({ items: z.array(ImportJobSchema) }), "Imports"), ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, undefined);
    return c.json({ items: await listImports(c.var.deps, tenant) }, 200);
  },
);

catalogRoutes.openapi(
  createRoute({ method: "get", path: "/imports/template.csv", tags: ["catalog"], summary: "The Tandem CSV format: a template with example rows", responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } } }),
  (c) => c.body(tandemTemplate(), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="tandem-catalog-template.csv"' }),
);

catalogRoutes.openapi(
  createRoute({ method: "get", path: "/imports/{id}", tags: ["catalog"], summary: "An import's progress, counts and errors (line, column, message)", request: { params: Id, query: BrandQuery }, responses: { 200: jsonContent(ImportJobSchema, "The job"), ...errorResponses } }),
  async (c) => {
    const tenant = await tenantFor(c.var.deps, c.var.actor, c.req.valid("query").brandId, undefined);
    return c.json(await getImport(c.var.deps, tenant, c.req.valid("param").id), 200);
  },
);
