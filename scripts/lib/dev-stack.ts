import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startLocalDoh } from "./local-doh";
import { freePort } from "./postgres";

export const root = path.resolve(import.meta.dirname, "../..");

export interface StackOptions {
  pgUrl: string;
  persistDir: string;
  logDir: string;
  gatewayPort: number;
  appPort: number;
  /** Fire the cron triggers locally (default). The browser tests fire them themselves, when a flow needs it. */
  crons?: boolean;
}

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; log?: string }): ChildProcess {
  const out = opts.log ? fs.openSync(opts.log, "a") : "inherit";
  return spawn(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", ...opts.env },
    stdio: ["ignore", out, out],
    detached: true,
  });
}

export function runToEnd(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; log?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = run(cmd, args, opts);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}${opts.log ? ` (see ${opts.log})` : ""}`))));
  });
}

export async function waitForHttp(url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 400));
  }
  throw new Error(`${url} did not become healthy in ${timeoutMs} ms (last: ${last})`);
}

/** Applies D1 migrations to the local persisted database both processes share. */
export async function migrateD1(opts: StackOptions) {
  await runToEnd("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--env", "dev", "--persist-to", opts.persistDir], {
    cwd: root,
    env: { CI: "true" },
    log: path.join(opts.logDir, "d1-migrations.log"),
  });
}

export async function buildApp(logDir: string) {
  await runToEnd("npm", ["run", "build", "--workspace", "app"], { cwd: root, log: path.join(logDir, "app-build.log") });
}

/**
 * Each stack gets a dev registry of its own (beside its persisted state), so the app's `API`
 * binding always reaches its own gateway: a benchmark's or a test's throwaway stack started
 * while `npm start` runs would otherwise register the same worker name and take its traffic.
 */
const registryEnv = (opts: StackOptions) => ({ WRANGLER_REGISTRY_PATH: path.resolve(opts.persistDir, "registry") });

function stopper(children: ChildProcess[]) {
  return async () => {
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      for (const c of children) {
        if (c.pid && c.exitCode === null) {
          try {
            process.kill(-c.pid, signal);
          } catch {
            /* already gone */
          }
        }
      }
      if (signal === "SIGTERM") await new Promise((r) => setTimeout(r, 500));
    }
  };
}

/** The local resolver's zone file: next to the wrangler state, in the stack's data folder (where demo.json lives). */
export const dnsZoneFile = (persistDir: string) => path.join(path.dirname(persistDir), "dns-zone.json");

/**
 * The local stand-in for Cloudflare's cron triggers (wrangler.toml [triggers]): every minute the
 * outbox drains and money jobs (checkout expiry, settlement), on the hour the reconciliation, as
 * in production. A run that fails is logged by the gateway; the next minute tries again.
 */
export function cronTicker(gatewayUrl: string) {
  const fire = (cron: string) => fetch(`${gatewayUrl}/__scheduled?cron=${encodeURIComponent(cron)}`).then((r) => r.body?.cancel(), () => undefined);
  const timer = setInterval(() => {
    void fire("* * * * *");
    const now = new Date();
    if (now.getUTCMinutes() === 0) void fire("0 * * * *");
    if (now.getUTCDay() === 1 && now.getUTCHours() === 6 && now.getUTCMinutes() === 0) void fire("0 6 * * 1");
  }, 60_000);
  timer.unref();
  return { fire, stop: () => clearInterval(timer) };
}

/** Starts the gateway alone (`wrangler dev`), as benchmarks need it. */
export async function startGateway(opts: StackOptions) {
  fs.mkdirSync(opts.logDir, { recursive: true });
  const appOrigin = `http://localhost:${opts.appPort}`;
  // Domain verification asks this resolver; the seed publishes the demo brands' records in its zone file.
  const doh = await startLocalDoh({ port: await freePort(), zoneFile: dnsZoneFile(opts.persistDir) });
  const gateway = run(
    "npx",
    [
      "wrangler", "dev", "--env", "dev", "--port", String(opts.gatewayPort), "--ip", "127.0.0.1", "--inspector-port", String(opts.gatewayPort + 1000),
      "--persist-to", opts.persistDir, "--var", `APP_ORIGIN:${appOrigin}`, "--var", `DATABASE_URL:${opts.pgUrl}`,
      "--var", `LINK_ORIGIN:http://localhost:${opts.gatewayPort}`, "--var", `DOH_URL:${doh.url}`, "--show-interactive-dev-session=false",
      // wrangler dev never fires cron triggers itself: this exposes /__scheduled for the ticker below.
      "--test-scheduled",
    ],
    { cwd: root, log: path.join(opts.logDir, "gateway.log"), env: registryEnv(opts) },
  );
  const stopProcesses = stopper([gateway]);
  const ticker = opts.crons === false ? { stop: () => undefined } : cronTicker(`http://127.0.0.1:${opts.gatewayPort}`);
  const stop = async () => {
    ticker.stop();
    await stopProcesses();
    await doh.stop();
  };
  try {
    await waitForHttp(`http://127.0.0.1:${opts.gatewayPort}/healthz`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://localhost:${opts.gatewayPort}`, process: gateway, stop };
}

/**
 * Starts the gateway (`wrangler dev`) and the web app (`wrangler pages dev`) as two processes
 * that find each other through wrangler's dev registry and share one persisted D1.
 */
export async function startStack(opts: StackOptions, beforeApp?: (gatewayUrl: string, appUrl: string) => Promise<void>) {
  const appOrigin = `http://localhost:${opts.appPort}`;
  const gateway = await startGateway(opts);
  const children = [gateway.process];
  const stopChildren = stopper(children);
  const stop = async () => {
    await stopChildren();
    await gateway.stop();
  };
  try {
    // Seeding goes through the gateway before the app opens, so a healthy app means demo data exists.
    await beforeApp?.(gateway.url, appOrigin);
    const app = run(
      "npx",
      ["wrangler", "pages", "dev", "--binding", "ENVIRONMENT=development", "--port", String(opts.appPort), "--ip", "127.0.0.1", "--inspector-port", String(opts.appPort + 1000), "--persist-to", path.relative(path.join(root, "app"), opts.persistDir), "--show-interactive-dev-session=false"],
      { cwd: path.join(root, "app"), log: path.join(opts.logDir, "app.log"), env: registryEnv(opts) },
    );
    children.push(app);
    await waitForHttp(`http://127.0.0.1:${opts.appPort}/healthz`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { gatewayUrl: gateway.url, appUrl: appOrigin, stop };
}
