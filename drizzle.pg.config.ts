import { defineConfig } from "drizzle-kit";
export default defineConfig({ dialect: "postgresql", schema: "./workers/db/pg/schema.ts", out: "./migrations/pg" });
