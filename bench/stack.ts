import fs from "node:fs";
import path from "node:path";
import { buildApp, migrateD1, root, startGateway, startStack } from "../scripts/lib/dev-stack";
import { freePort, migratePostgres, startPostgres } from "../scripts/lib/postgres";
import { seed, type Demo } from "../scripts/seed";
import { writeResultsSection } from "../scripts/lib/results";
import { describeHealth, stackHealth } from "../scripts/lib/stack-health";

/** Health before and after a benchmark, printed and kept beside its results (a leaking run shows here). */
async function checked<T>(urls: string[], run: () => Promise<T>): Promise<T> {
  const before = describeHealth("before", await stackHealth(urls));
  console.log(`stack ${before}`);
  const out = await run();
  // Give closed connections a moment to be reaped, as a long-lived stack would.
  await new Promise((r) => setTimeout(r, 5_000));
  const after = describeHealth("after", await stackHealth(urls));
  console.log(`stack ${after}`);
  const bench = path.basename(process.argv[1] ?? "bench", ".ts");
  writeResultsSection(`${bench}-health`, `Stack health around \`bench:${bench}\` (${new Date().toISOString().slice(0, 10)}): ${before}. ${after[0]!.toUpperCase()}${after.slice(1)}.`);
  return out;
}

/**
 * Benchmarks run against a throwaway gateway of their own (fresh D1, embedded Postgres unless
 * DATABASE_URL is set) on a free port, so results never depend on what a developer has running.
 */
export async function withStack(fn: (s: { gatewayUrl: string; demo: Demo }) => Promise<void>) {
  const data = path.join(root, ".data", "bench");
  fs.rmSync(data, { recursive: true, force: true });
  const logDir = path.join(data, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const pg = await startPostgres({ port: await freePort() });
  const gatewayPort = await freePort();
  const opts = { pgUrl: pg.url, persistDir: path.join(data, "wrangler"), logDir, gatewayPort, appPort: 8788 };
  await migratePostgres(pg.url, path.join(root, "migrations/pg"));
  await migrateD1(opts);
  const gw = await startGateway(opts);
  try {
    const demo = await seed(gw.url, "http://localhost:8788", path.join(data, "demo.json"));
    await checked([gw.url], () => fn({ gatewayUrl: gw.url, demo }));
  } finally {
    await gw.stop();
    await pg.stop();
  }
}

/** The same, with the web app too (built, then `wrangler pages dev` on a free port) for page benchmarks. */
export async function withAppStack(fn: (s: { gatewayUrl: string; appUrl: string; demo: Demo; logDir: string }) => Promise<void>) {
  const data = path.join(root, ".data", "bench");
  fs.rmSync(data, { recursive: true, force: true });
  const logDir = path.join(data, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const pg = await startPostgres({ port: await freePort() });
  const opts = { pgUrl: pg.url, persistDir: path.join(data, "wrangler"), logDir, gatewayPort: await freePort(), appPort: await freePort() };
  await migratePostgres(pg.url, path.join(root, "migrations/pg"));
  await migrateD1(opts);
  await buildApp(logDir);
  let demo: Demo | undefined;
  const stack = await startStack(opts, async (gatewayUrl, appUrl) => {
    demo = await seed(gatewayUrl, appUrl, path.join(data, "demo.json"));
  });
  try {
    await checked([stack.gatewayUrl, stack.appUrl], () => fn({ gatewayUrl: stack.gatewayUrl, appUrl: stack.appUrl, demo: demo!, logDir }));
  } finally {
    await stack.stop();
    await pg.stop();
  }
}
