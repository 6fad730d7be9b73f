/**
 * `npm test`: every unit and integration test, inside workerd, against real Postgres
 * (DATABASE_URL, in a scratch database this run creates and drops) or embedded PGlite.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createScratchDatabase, dropDatabase, freePort, migratePostgres, startPostgres } from "./lib/postgres";

const root = path.resolve(import.meta.dirname, "..");
const external = process.env.DATABASE_URL;
const pgServer = await startPostgres({ port: await freePort() });
const scratch = external ? `tandem_test_${Date.now().toString(36)}_${process.pid}` : undefined;
const url = scratch ? await createScratchDatabase(external!, scratch) : pgServer.url;

let code = 1;
try {
  await migratePostgres(url, path.join(root, "migrations/pg"));
  console.log(`Postgres: ${external ? `scratch database ${scratch} on DATABASE_URL` : "embedded PGlite"}`);
  code = await new Promise<number>((resolve) => {
    const child = spawn("npx", ["vitest", "run", ...process.argv.slice(2)], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, TEST_DATABASE_URL: url, WRANGLER_SEND_METRICS: "false" },
    });
    child.on("exit", (c) => resolve(c ?? 1));
  });
} finally {
  if (scratch) await dropDatabase(external!, scratch).catch((e) => console.error("could not drop", scratch, e));
  await pgServer.stop();
}
process.exit(code);
