/**
 * `npm start`: the whole product on one machine. Postgres (embedded PGlite unless
 * DATABASE_URL is set), both migration sets, the web app build, the gateway on 8787 and the
 * app on 8788, demo data, then the URLs. Ctrl-C stops everything.
 */
import fs from "node:fs";
import path from "node:path";
import { buildApp, migrateD1, root, startStack } from "./lib/dev-stack";
import { migratePostgres, startPostgres } from "./lib/postgres";
import { seed, type Demo } from "./seed";

const data = path.join(root, ".data");
const logDir = path.join(data, "logs");
fs.mkdirSync(logDir, { recursive: true });
const step = (msg: string) => console.log(`\x1b[2m›\x1b[0m ${msg}`);

step(process.env.DATABASE_URL ? "Postgres: using DATABASE_URL" : "Postgres: starting embedded PGlite (.data/pglite)");
const pg = await startPostgres({ dataDir: path.join(data, "pglite"), port: 54329 });
let stack: Awaited<ReturnType<typeof startStack>> | undefined;

let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping Tandem…");
  await stack?.stop();
  await pg.stop().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  step("Applying Postgres migrations");
  await migratePostgres(pg.url, path.join(root, "migrations/pg"));
  step("Applying D1 migrations");
  await migrateD1({ pgUrl: pg.url, persistDir: path.join(data, "wrangler"), logDir, gatewayPort: 8787, appPort: 8788 });
  step("Building the web app");
  await buildApp(logDir);
  step("Starting the gateway (8787), seeding demo data, starting the web app (8788)");
  let demo: Demo | undefined;
  stack = await startStack({ pgUrl: pg.url, persistDir: path.join(data, "wrangler"), logDir, gatewayPort: 8787, appPort: 8788 }, async (gatewayUrl, appUrl) => {
    demo = await seed(gatewayUrl, appUrl, path.join(data, "demo.json"));
  });
  if (!demo) throw new Error("seeding did not run");
  console.log(`
\x1b[1mTandem is running.\x1b[0m

  Open          ${stack.appUrl}
  Gateway/API   ${stack.gatewayUrl}  (OpenAPI: ${stack.gatewayUrl}/api/openapi.json)
  Mail outbox   ${stack.appUrl}/dev/outbox  (sign-in codes land here)

  Demo sign-ins (enter the email, then read the code from the outbox):
    Brand     ${demo.brandEmail}   (Lumen Skincare)
    Rival     ${demo.rivalBrandEmail}
    Creator   ${demo.creatorEmail}   (@${demo.creatorHandle})

  Demo affiliate link: ${stack.gatewayUrl}/l/${demo.linkCode}  (campaign ${demo.campaignId})
  Demo storefront:     ${stack.appUrl}/@${demo.creatorHandle}  (edit it in the studio: Storefront)

  Ids, API keys and session cookies for tools: .data/demo.json
  Logs: .data/logs/

Press Ctrl-C to stop.`);
} catch (e) {
  console.error(`\nCould not start Tandem: ${(e as Error).message}\nLogs are in .data/logs/.`);
  await shutdown(1);
}
