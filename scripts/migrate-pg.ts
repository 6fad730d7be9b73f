/** `npm run db:migrate:pg`: applies migrations/pg to the Postgres in DATABASE_URL (deploys). */
import path from "node:path";
import { root } from "./lib/dev-stack";
import { migratePostgres } from "./lib/postgres";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the Postgres to migrate.");
  process.exit(1);
}
await migratePostgres(url, path.join(root, "migrations/pg"));
console.log("Postgres migrations applied.");
