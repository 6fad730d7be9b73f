import { z } from "@hono/zod-openapi";
import { StorefrontDoc as Doc } from "./blocks";
import { TEMPLATE_IDS } from "./templates";

export const StorefrontDocSchema = Doc.openapi("StorefrontDoc");
export const StartBody = z.object({ template: z.enum(TEMPLATE_IDS), replace: z.boolean().default(false) }).strict().openapi("StartStorefront");
export const DraftBody = z.object({ doc: StorefrontDocSchema, revision: z.number().int().min(0).max(1_000_000_000) }).strict().openapi("SaveDraft");
export const PublishBody = z.object({ note: z.string().trim().max(200).default("") }).strict();
export const RollbackBody = z.object({ version: z.number().int().min(1).max(1_000_000) }).strict();
export const MessageBody = z
  .object({
    name: z.string().trim().min(1, { error: "Tell them your name" }).max(100),
    email: z.email({ error: "An email address they can reply to" }).max(200),
    message: z.string().trim().min(1, { error: "Write a message" }).max(4000),
    preferredTime: z.string().trim().max(100).default(""),
    /** The Turnstile widget's token (`cf-turnstile-response`), required when Turnstile is configured. */
    turnstileToken: z.string().max(2048).optional(),
  })
  .strict()
  .openapi("StorefrontMessage");

export const StorefrontSchema = z
  .object({
    id: z.string(),
    handle: z.string(),
    template: z.string(),
    draft: StorefrontDocSchema,
    draftRevision: z.number().int(),
    publishedVersion: z.number().int().nullable(),
    publishedAt: z.number().int().nullable(),
    live: z.boolean(),
    hasUnpublishedChanges: z.boolean(),
    updatedAt: z.number().int(),
  })
  .openapi("Storefront");
