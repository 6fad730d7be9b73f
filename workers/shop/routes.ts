import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireMyCreator } from "../creators/own-creator";
import type { AppEnv } from "../lib/context";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { createProduct, listMyProducts, updateProduct } from "./creator-products";
import { uploadProductFile } from "./product-file";
import { CreateCreatorProductBody, CreatorProductSchema, UpdateCreatorProductBody } from "./schemas";

/** Mounted at /api/v1/shop: what a creator sells themselves (ADR 018). */
export const shopRoutes = createRouter();

const me = async (c: Context<AppEnv>) => (await requireMyCreator(c.var.deps, c.var.actor)).creator;

const ProductParam = z.object({ productId: z.string().min(1).max(64) });

shopRoutes.openapi(
  createRoute({ method: "get", path: "/products", tags: ["shop"], summary: "Your products, newest change first, with stock left and units sold", responses: { 200: jsonContent(z.object({ items: z.array(CreatorProductSchema) }), "Your products"), ...errorResponses } }),
  async (c) => c.json({ items: await listMyProducts(c.var.deps, await me(c)) }, 200),
);

shopRoutes.openapi(
  createRoute({ method: "post", path: "/products", tags: ["shop"], summary: "Add a product: a download, a service or booking, or a physical good", request: { body: jsonBody(CreateCreatorProductBody) }, responses: { 201: jsonContent(CreatorProductSchema, "Added"), ...errorResponses } }),
  async (c) => c.json(await createProduct(c.var.deps, await me(c), c.req.valid("json")), 201),
);

shopRoutes.openapi(
  createRoute({ method: "patch", path: "/products/{productId}", tags: ["shop"], summary: "Change a product (status active puts it on sale; archived takes it off)", request: { params: ProductParam, body: jsonBody(UpdateCreatorProductBody) }, responses: { 200: jsonContent(CreatorProductSchema, "Saved"), ...errorResponses } }),
  async (c) => c.json(await updateProduct(c.var.deps, await me(c), c.req.valid("param").productId, c.req.valid("json")), 200),
);

shopRoutes.openapi(
  createRoute({
    method: "put",
    path: "/products/{productId}/file",
    tags: ["shop"],
    summary: "Upload a digital product's file (the raw body, up to 25 MB; name it with X-File-Name)",
    request: { params: ProductParam, headers: z.object({ "x-file-name": z.string().max(300).optional() }), body: { required: true, content: { "application/octet-stream": { schema: z.string() } } } },
    responses: { 200: jsonContent(CreatorProductSchema, "Stored"), ...errorResponses },
  }),
  async (c) => {
    const creator = await me(c);
    const name = decodeURIComponent(c.req.header("x-file-name") ?? "download");
    const type = c.req.header("content-type")?.split(";")[0]?.trim() ?? "application/octet-stream";
    return c.json(await uploadProductFile({ ...c.var.deps, bucket: c.env.MEDIA }, creator, c.req.valid("param").productId, await c.req.arrayBuffer(), { name, type }), 200);
  },
);
