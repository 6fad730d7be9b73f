import { createRoute, z } from "@hono/zod-openapi";
import { INBOUND_LIMITS } from "../lib/inbound-limits";
import type { Context } from "hono";
import { requireMyCreator } from "../creators/own-creator";
import { d1Client } from "../db/d1/client";
import type { AppEnv } from "../lib/context";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { perClientLimit } from "../lib/rate-limit";
import { listMessages, sendMessage } from "./messages";
import { getMyStorefront, listVersions, publish, rollBack, saveDraft, startFromTemplate, unpublish } from "./own-storefront";
import { pickableProducts } from "./pickable-products";
import { DraftBody, MessageBody, PublishBody, RollbackBody, StartBody, StorefrontSchema } from "./schemas";
import { productClick, storefrontViewPixel } from "./storefront-events";
import { storefrontStats } from "./storefront-stats";
import { TEMPLATES } from "./templates";
import type { StorefrontDoc } from "./blocks";

export const storefrontRoutes = createRouter();

// Anonymous writes, limited per client before anything else runs (link and storefront pixels share one budget).
storefrontRoutes.on("POST", "/:handle/messages", perClientLimit("RL_PUBLIC_FORMS", "contact"));
storefrontRoutes.on("GET", "/:handle/px", perClientLimit("RL_TRACKING", "pixel"));

const me = async (c: Context<AppEnv>) => (await requireMyCreator(c.var.deps, c.var.actor)).creator;

/**
 * Runs a publishing write in a D1 session and returns the session's bookmark with the result:
 * the app passes it back when rendering, so the creator sees their own publish at once even
 * from a read replica that has not caught up.
 */
async function inSession<T extends object>(c: Context<AppEnv>, write: (deps: AppEnv["Variables"]["deps"]) => Promise<T>) {
  const session = c.env.DB.withSession("first-primary");
  const result = await write({ ...c.var.deps, db: d1Client(session as unknown as D1Database) });
  return c.json({ ...result, bookmark: session.getBookmark() }, 200);
}

const Mine = StorefrontSchema.extend({ bookmark: z.string().nullable().optional() });
const Handle = z.object({ handle: z.string().regex(/^[a-z0-9_]{2,30}$/) });

storefrontRoutes.openapi(
  createRoute({ method: "get", path: "/templates", tags: ["storefronts"], summary: "Storefront templates per vertical", responses: { 200: jsonContent(z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), theme: z.record(z.string(), z.string()) })) }), "Templates") } }),
  (c) => c.json({ items: Object.values(TEMPLATES).map(({ build: _b, ...t }) => t) }, 200),
);

storefrontRoutes.openapi(
  createRoute({ method: "get", path: "/mine", tags: ["storefronts"], summary: "Your storefront (draft and live state), or null", responses: { 200: jsonContent(z.object({ storefront: StorefrontSchema.nullable() }), "Yours"), ...errorResponses } }),
  async (c) => c.json({ storefront: await getMyStorefront(c.var.deps, await me(c)) }, 200),
);

storefrontRoutes.openapi(
  createRoute({ method: "post", path: "/mine", tags: ["storefronts"], summary: "Start your storefront from a template (replace=true restarts the draft)", request: { body: jsonBody(StartBody) }, responses: { 201: jsonContent(Mine, "Started"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => {
    const { template, replace } = c.req.valid("json");
    return c.json(await startFromTemplate(c.var.deps, await me(c), template, replace), 201);
  },
);

storefrontRoutes.openapi(
  createRoute({ method: "put", path: "/mine/draft", tags: ["storefronts"], summary: "Save the draft (send the revision you edited; an older one is refused with 409)", request: { body: jsonBody(DraftBody) }, responses: { 200: jsonContent(Mine, "Saved"), 409: errorResponses[400], ...errorResponses } }),
  async (c) => {
    const body = c.req.valid("json");
    return c.json(await saveDraft(c.var.deps, await me(c), { doc: body.doc as StorefrontDoc, revision: body.revision }), 200);
  },
);

storefrontRoutes.openapi(
  createRoute({ method: "post", path: "/mine/publish", tags: ["storefronts"], summary: "Publish the draft as a new version", request: { body: jsonBody(PublishBody) }, responses: { 200: jsonContent(Mine, "Live"), ...errorResponses } }),
  async (c) => {
    const creator = await me(c);
    return inSession(c, (deps) => publish(deps, creator, c.req.valid("json").note, deps.config.linkOrigin));
  },
);

storefrontRoutes.openapi(
  createRoute({ method: "post", path: "/mine/unpublish", tags: ["storefronts"], summary: "Take the storefront offline (versions are kept)", responses: { 200: jsonContent(Mine, "Offline"), ...errorResponses } }),
  async (c) => {
    const creator = await me(c);
    return inSession(c, (deps) => unpublish(deps, creator));
  },
);

storefrontRoutes.openapi(
  createRoute({ method: "get", path: "/mine/versions", tags: ["storefronts"], summary: "Published versions, newest first", responses: { 200: jsonContent(z.object({ items: z.array(z.object({ version: z.number().int(), note: z.string(), publishedAt: z.number().int(), live: z.boolean() })) }), "Versions"), ...errorResponses } }),
  async (c) => c.json({ items: await listVersions(c.var.deps, await me(c)) }, 200),
);

storefrontRoutes.openapi(
  createRoute({ method: "post", path: "/mine/rollback", tags: ["storefronts"], summary: "Publish an earlier version again (it becomes the draft too)", request: { body: jsonBody(RollbackBody) }, responses: { 200: jsonContent(Mine, "Rolled back"), ...errorResponses } }),
  async (c) => {
    const creator = await me(c);
    return inSession(c, (deps) => rollBack(deps, creator, c.req.valid("json").version));
  },
);

storefrontRoutes.openapi(
  createRoute({ method: "get", path: "/mine/products", tags: ["storefronts"], summary: "Products you may show: from brands whose campaigns you joined", responses: { 200: jsonContent(z.object({ items: z.array(z.object({ id: z.string(), brandId: z.string(), brandName: z.string(), campaignId: z.string(), categoryId: z.string().nullable(), handle: z.string(), title: z.string(), currency: z.string(), priceMinor: z.number().int(), compareAtMinor: z.number().int().nullable(), image: z.object({ url: z.string(), alt: z.string() }).passthrough().nullable() })) }), "Products"), ...errorResponses } }),
  async (c) => c.json({ items: await pickableProducts(c.var.deps, (await me(c)).id) }, 200),
);

storefrontRoutes.openapi(
  createRoute({
    method: "get",
    path: "/mine/stats",
    tags: ["storefronts"],
    summary: "Your storefront's views, visitors and product clicks over the last days",
    request: { query: z.object({ days: z.coerce.number().int().min(1).max(90).default(7) }) },
    responses: {
      200: jsonContent(
        z.object({ days: z.number().int(), views: z.number().int(), visitors: z.number().int(), productClicks: z.number().int(), series: z.array(z.object({ day: z.string(), views: z.number().int(), clicks: z.number().int() })), topProducts: z.array(z.object({ productId: z.string(), title: z.string(), clicks: z.number().int() })) }),
        "Stats",
      ),
      ...errorResponses,
    },
  }),
  async (c) => c.json(await storefrontStats(c.var.deps, (await me(c)).id, c.req.valid("query").days), 200),
);

storefrontRoutes.openapi(
  createRoute({ method: "get", path: "/mine/messages", tags: ["storefronts"], summary: "Messages visitors sent through your contact or booking form", responses: { 200: jsonContent(z.object({ items: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string(), email: z.string(), message: z.string(), preferredTime: z.string(), createdAt: z.string() })) }), "Messages"), ...errorResponses } }),
  async (c) => c.json({ items: await listMessages(c.var.deps, (await me(c)).id) }, 200),
);

storefrontRoutes.openapi(
  createRoute({ method: "post", path: "/{handle}/messages", tags: ["storefronts"], summary: "Send a message through a storefront's contact or booking form", request: { params: Handle, body: jsonBody(MessageBody) }, responses: { 201: jsonContent(z.object({ sent: z.boolean() }), "Sent"), ...errorResponses } }),
  async (c) => c.json(await sendMessage(c.var.deps, c.req.valid("param").handle, c.req.valid("json"), c.req.header("cf-connecting-ip")), 201),
);

storefrontRoutes.openapi(
  createRoute({ method: "get", path: "/{handle}/px", tags: ["storefronts"], summary: "Storefront view pixel (storefront.view; browsers only)", request: { params: Handle, query: z.object({ p: z.string().max(INBOUND_LIMITS.path).optional() }) }, responses: { 200: { description: "A 1×1 GIF", content: { "image/gif": { schema: z.string() } } }, ...errorResponses } }),
  (c) => {
    // The page's own URL (with its utm_* parameters) arrives as the image request's Referer.
    const referer = c.req.header("referer");
    const fromReferer = referer && URL.canParse(referer) ? new URL(referer) : null;
    const path = c.req.valid("query").p ?? (fromReferer ? `${fromReferer.pathname}${fromReferer.search}` : "/");
    return storefrontViewPixel(c, c.req.valid("param").handle, path) as never;
  },
);

storefrontRoutes.openapi(
  createRoute({ method: "get", path: "/{handle}/go/{slug}", tags: ["storefronts"], summary: "Buy on a storefront product: product.click, then the creator's affiliate link", request: { params: Handle.extend({ slug: z.string().max(120) }) }, responses: { 302: { description: "Onward" }, ...errorResponses } }),
  (c) => productClick(c, c.req.valid("param").handle, c.req.valid("param").slug) as never,
);
