import { z } from "zod";

export const NICHES = [
  "fashion",
  "beauty",
  "fitness",
  "food",
  "travel",
  "tech",
  "gaming",
  "parenting",
  "home",
  "finance",
  "education",
  "music",
  "art",
  "real-estate",
  "wellness",
  "pets",
] as const;

/** Words that are routes, roles or brand names of ours: never a creator handle. */
export const RESERVED_HANDLES = new Set([
  "admin", "administrator", "api", "app", "brand", "brands", "studio", "c", "l", "dev", "www", "mail",
  "tandem", "help", "support", "login", "signin", "signup", "signout", "logout", "settings", "about",
  "welcome", "healthz", "root", "system", "official", "staff", "security", "billing", "payouts",
  "community", "communities", "campaigns", "marketplace", "store", "shop", "static", "assets", "null", "undefined",
]);

export const HandleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, { error: "At least 3 characters" })
  .max(30, { error: "At most 30 characters" })
  .regex(/^[a-z0-9](?:[a-z0-9_.]*[a-z0-9])?$/, { error: "Letters, numbers, dots and underscores; start and end with a letter or number" })
  .refine((h) => !h.includes(".."), { error: "No two dots in a row" })
  .refine((h) => !RESERVED_HANDLES.has(h), { error: "That handle is reserved" });

const Niches = z
  .array(z.enum(NICHES, { error: "Unknown niche" }))
  .min(1, { error: "Pick at least one niche" })
  .max(5, { error: "Pick at most five niches" })
  .refine((n) => new Set(n).size === n.length, { error: "Each niche once" });

export const CreateCreatorBody = z.strictObject({
  handle: HandleSchema,
  displayName: z.string().trim().min(1, { error: "Tell visitors your name" }).max(60),
  niches: Niches,
});

export const UpdateCreatorBody = z.strictObject({
  displayName: z.string().trim().min(1).max(60).optional(),
  bio: z.string().trim().max(280).optional(),
  niches: Niches.optional(),
});

export const SOCIAL_PLATFORMS = ["youtube", "tiktok", "instagram", "x"] as const;

export const ManualSocialBody = z.strictObject({
  platform: z.enum(SOCIAL_PLATFORMS),
  handle: z
    .string()
    .max(51)
    .trim()
    .regex(/^@?[A-Za-z0-9_.]{1,50}$/, { error: "Enter the handle without the URL" })
    .transform((h) => h.replace(/^@/, "")),
  followers: z.number().int().min(0).max(2_000_000_000).optional(),
});

export const SocialAccountSchema = z.object({
  id: z.string(),
  platform: z.enum(SOCIAL_PLATFORMS),
  handle: z.string(),
  followers: z.number().int().nullable(),
  verified: z.boolean(),
  snapshotAt: z.string(),
});

export const CreatorSchema = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  bio: z.string(),
  niches: z.array(z.string()),
  socialAccounts: z.array(SocialAccountSchema),
  createdAt: z.string(),
});

export const HandleAvailability = z.object({ handle: z.string(), available: z.boolean(), reason: z.string().nullable() });
