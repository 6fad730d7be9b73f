import type { brands } from "../db/pg/schema";
import type { BrandRole } from "../lib/tenancy";

export const brandRecord = (b: typeof brands.$inferSelect, role: BrandRole) => ({
  id: b.id,
  name: b.name,
  website: b.website,
  industry: b.industry,
  companySize: b.companySize,
  country: b.country,
  goal: b.goal,
  holdingDays: b.holdingDays,
  onboardingStep: b.onboardingStep,
  role,
  createdAt: b.createdAt.toISOString(),
  updatedAt: b.updatedAt.toISOString(),
});
