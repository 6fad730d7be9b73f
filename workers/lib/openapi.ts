import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { AppEnv } from "./context";
import { AppError, type FieldError } from "./errors";

export function zodFieldErrors(error: ZodError, prefix: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    // Unknown keys are reported one per key so each offending field is named.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: "Unknown field" }));
    }
    return [{ path: base, message: issue.message }];
  });
}

/** A router whose request validation failures become problem+json naming every bad field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const target = (result as { target?: string }).target ?? "body";
        const where = target === "json" ? "body" : target === "param" ? "path" : target;
        const err = new AppError("validation_failed", "Some fields are missing or invalid.", zodFieldErrors(result.error, where));
        void c;
        throw err;
      }
    },
  });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ProblemSchema } } });

/** The error responses every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: problem("Malformed request"),
  401: problem("Not signed in"),
  403: problem("Not allowed"),
  404: problem("Not found or not yours"),
  413: problem("The request body is over its route's limit (workers/lib/body-limit.ts)"),
  422: problem("Validation failed; `errors` names each field"),
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
