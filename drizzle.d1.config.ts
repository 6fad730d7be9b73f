import { defineConfig } from "drizzle-kit";
export default defineConfig({ dialect: "sqlite", schema: "./workers/db/d1/schema.ts", out: "./migrations/d1" });
