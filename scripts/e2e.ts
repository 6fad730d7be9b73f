/**
 * `npm run test:e2e`: the browser tests. Uses the stack `npm start` is running when there is
 * one; otherwise starts a throwaway stack (fresh D1, fresh Postgres) on the default ports,
 * seeds it, runs the Playwright flows in Debian's Chromium, and tears it down.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildApp, migrateD1, root, startStack } from "./lib/dev-stack";
import { createScratchDatabase, dropDatabase, freePort, migratePostgres, startPostgres } from "./lib/postgres";
import { seed } from "./seed";
import { describeHealth, stackHealth } from "./lib/stack-health";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install it with: apt-get install -y chromium fonts-noto-color-emoji`);
  process.exit(1);
}

async function running(url: string) {
  try {
    return (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
}

const APP_URL = "http://localhost:8788";
let demoPath = path.join(root, ".data", "demo.json");
let cleanup = async () => {};
if (await running(APP_URL)) {
  console.log(`Using the stack already running at ${APP_URL}`);
} else {
  const data = path.join(root, ".data", "e2e");
  fs.rmSync(data, { recursive: true, force: true });
  const logDir = path.join(data, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const external = process.env.DATABASE_URL;
  const pg = await startPostgres({ port: await freePort() });
  const scratch = external ? `tandem_e2e_${Date.now().toString(36)}_${process.pid}` : undefined;
  const pgUrl = scratch ? await createScratchDatabase(external!, scratch) : pg.url;
  const opts = { pgUrl, persistDir: path.join(data, "wrangler"), logDir, gatewayPort: 8787, appPort: 8788, crons: false };
  console.log(`Starting a throwaway stack (Postgres: ${external ? `scratch database ${scratch}` : "embedded PGlite"}; logs in .data/e2e/logs)`);
  await migratePostgres(pgUrl, path.join(root, "migrations/pg"));
  await migrateD1(opts);
  await buildApp(logDir);
  demoPath = path.join(data, "demo.json");
  const stack = await startStack(opts, (gatewayUrl, appUrl) => seed(gatewayUrl, appUrl, demoPath).then(() => undefined));
  cleanup = async () => {
    await stack.stop();
    if (scratch) await dropDatabase(external!, scratch).catch(() => undefined);
    await pg.stop();
  };
}

// A long-lived `npm start` must come out of a browser run as healthy as it went in.
const before = await stackHealth([APP_URL]);
console.log(describeHealth("Stack before the browser tests", before));
const code = await new Promise<number>((resolve) => {
  const child = spawn("npx", ["vitest", "run", "--config", "test/e2e/vitest.config.ts", ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, E2E_APP_URL: APP_URL, E2E_DEMO_PATH: demoPath, CHROMIUM_PATH: chromium },
  });
  child.on("exit", (c) => resolve(c ?? 1));
});
await new Promise((r) => setTimeout(r, 3_000));
const after = await stackHealth([APP_URL]);
console.log(describeHealth("Stack after the browser tests", after));
if (after.healthz[APP_URL] !== 200) console.error("The stack is no longer healthy after the browser tests.");
await cleanup();
process.exit(code);
