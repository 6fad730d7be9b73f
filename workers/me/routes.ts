import { createRoute, z } from "@hono/zod-openapi";
import { BrandSchema } from "../brands/schemas";
import { CreatorSchema } from "../creators/schemas";
import { UserSchema } from "../auth/schemas";
import { createRouter, errorResponses, jsonBody, jsonContent } from "../lib/openapi";
import { requireActor, requireUser } from "../lib/tenancy";
import { getMe } from "./get-me";
import { setMyName } from "./set-my-name";

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

/** A chosen display name: never an email address (members are otherwise shown a neutral generated name). */
const MeBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: "Write a name, or send null to clear it" })
      .max(60, { error: "At most 60 characters" })
      .refine((n) => !n.includes("@"), { error: "A name, not an email address" })
      .nullable(),
  })
  .strict();

meRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/",
    tags: ["auth"],
    summary: "Choose the name you are shown by (null clears it)",
    request: { body: jsonBody(MeBody) },
    responses: { 200: jsonContent(UserSchema, "You"), ...errorResponses },
  }),
  async (c) => c.json(await setMyName(c.var.deps, requireUser(c.var.actor).userId, c.req.valid("json").name), 200),
);
