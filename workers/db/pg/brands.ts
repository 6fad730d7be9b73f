import { integer, pgEnum, pgTable, text, timestamp, uniqueIndex, index } from "drizzle-orm/pg-core";

export const brandRole = pgEnum("brand_role", ["owner", "admin", "member"]);
export const onboardingStep = pgEnum("brand_onboarding_step", ["goal", "complete"]);
export const brandGoal = pgEnum("brand_goal", ["awareness", "traffic", "leads", "sales", "calls"]);

/** A brand organisation: the tenant for catalog, campaigns, money and reporting. */
export const brands = pgTable("brands", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  website: text("website").notNull(),
  industry: text("industry").notNull(),
  companySize: text("company_size").notNull(),
  country: text("country").notNull(),
  goal: brandGoal("goal"),
  /** Days a creator's campaign earnings stay pending before they can be paid out (0–90; ADR 019). */
  holdingDays: integer("holding_days").notNull().default(30),
  onboardingStep: onboardingStep("onboarding_step").notNull().default("goal"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Who belongs to which brand, and how much they may do. `userId` is a D1 user id. */
export const brandMembers = pgTable(
  "brand_members",
  {
    id: text("id").primaryKey(),
    brandId: text("brand_id").notNull().references(() => brands.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    role: brandRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("brand_members_brand_user").on(t.brandId, t.userId), index("brand_members_user_idx").on(t.userId)],
);
