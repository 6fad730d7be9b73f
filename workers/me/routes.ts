import { createRoute, z } from "@hono/zod-openapi";
import { BrandSchema } from "../brands/schemas";
import { CreatorSchema } from "../creators/schemas";
import { UserSchema } from "../auth/schemas";
import { createRouter, errorResponses, jsonContent } from "../lib/openapi";
import { requireActor } from "../lib/tenancy";
import { getMe } from "./get-me";

export const meRoutes = createRouter();

const MeSchema = z.union([
  z.object({
    kind: z.literal("user"),
    user: UserSchema,
    brands: z.array(BrandSchema.pick({ id: true, name: true, role: true, onboardingStep: true })),
    creator: CreatorSchema.nullable(),
  }),
  z.object({ kind: z.literal("apiKey"), apiKey: z.object({ id: z.string(), brandId: z.string() }) }),
]);

meRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["auth"],
    summary: "Who is calling: the person (with brands and creator profile) or the API key",
    responses: { 200: jsonContent(MeSchema, "The caller"), ...errorResponses },
  }),
  async (c) => c.json(await getMe(c.var.deps, requireActor(c.var.actor)), 200),
);
