import { z } from "zod";

export const BRAND_GOALS = ["awareness", "traffic", "leads", "sales", "calls"] as const;
export const COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-1000", "1000+"] as const;
export const INDUSTRIES = [
  "fashion",
  "beauty",
  "food-and-drink",
  "health-and-fitness",
  "home",
  "tech",
  "travel",
  "finance",
  "real-estate",
  "education",
  "services",
  "other",
] as const;

const Website = z
  .url({
    protocol: /^https?$/,
    hostname: /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    error: "Enter the full address, e.g. https://example.com",
  })
  .max(200);

/** Step 2 of brand signup: the company. */
export const CreateBrandBody = z.strictObject({
  name: z.string().trim().min(2, { error: "At least 2 characters" }).max(80),
  website: Website,
  industry: z.enum(INDUSTRIES, { error: "Pick an industry" }),
  companySize: z.enum(COMPANY_SIZES, { error: "Pick a company size" }),
  country: z.string().regex(/^[A-Z]{2}$/, { error: "Pick a country" }),
});

/** Profile edits, and step 3 of signup (setting `goal` completes onboarding). */
export const UpdateBrandBody = CreateBrandBody.partial().extend({
  goal: z.enum(BRAND_GOALS, { error: "Pick a goal" }).optional(),
  /** Days creators' campaign earnings stay pending before payout (ADR 019); applies to earnings from now on. */
  holdingDays: z.number({ error: "A whole number of days from 0 to 90" }).int({ error: "A whole number of days from 0 to 90" }).min(0, { error: "At least 0 days" }).max(90, { error: "At most 90 days" }).optional(),
});

export const BrandSchema = z.object({
  id: z.string(),
  name: z.string(),
  website: z.string(),
  industry: z.string(),
  companySize: z.string(),
  country: z.string(),
  goal: z.enum(BRAND_GOALS).nullable(),
  holdingDays: z.number().int(),
  onboardingStep: z.enum(["goal", "complete"]),
  role: z.enum(["owner", "admin", "member"]),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CreateApiKeyBody = z.strictObject({ name: z.string().trim().min(1).max(60) });

export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CreatedApiKeySchema = ApiKeySchema.extend({ secret: z.string() });

export const BRAND_ROLES = ["owner", "admin", "member"] as const;

export const AddMemberBody = z.strictObject({
  email: z.email({ error: "Enter a valid email address" }).max(254),
  role: z.enum(BRAND_ROLES, { error: "Pick a role" }),
});

export const UpdateMemberBody = z.strictObject({ role: z.enum(BRAND_ROLES, { error: "Pick a role" }) });

export const MemberSchema = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  role: z.enum(BRAND_ROLES),
  joined: z.boolean(),
  createdAt: z.string(),
});
