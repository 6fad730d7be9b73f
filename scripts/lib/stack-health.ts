import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { root } from "./dev-stack";

/**
 * How a local stack is holding up: each `/healthz`, and the open file descriptors and CLOSE-WAIT
 * sockets of this checkout's wrangler and workerd processes. Benchmarks and browser runs print it
 * before and after, so a run that leaves a long-lived `npm start` leaking shows it in its output
 * (ADR 007: a room that never finished dropped clients' closes once left 1,000 CLOSE-WAIT
 * sockets per run, until the gateway ran out of descriptors).
 */
export interface StackHealth {
  healthz: Record<string, number | string>;
  processes: number;
  openFds: number;
  closeWait: number;
}

function stackPids(): number[] {
  if (!fs.existsSync("/proc/self/fd")) return [];
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (!/workerd|wrangler/.test(cmd)) continue;
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === root || cwd.startsWith(`${root}/`)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

function closeWaitOf(pids: Set<number>): number {
  try {
    const out = execFileSync("ss", ["-tanpH", "state", "close-wait"], { encoding: "utf8" });
    return out.split("\n").filter((line) => [...line.matchAll(/pid=(\d+)/g)].some((m) => pids.has(Number(m[1])))).length;
  } catch {
    return NaN;
  }
}

export async function stackHealth(urls: string[]): Promise<StackHealth> {
  const healthz: StackHealth["healthz"] = {};
  for (const url of urls) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
      healthz[url] = res.status;
      await res.body?.cancel();
    } catch (e) {
      healthz[url] = String((e as Error).cause ?? e);
    }
  }
  const pids = stackPids();
  let openFds = 0;
  for (const pid of pids) {
    try {
      openFds += fs.readdirSync(`/proc/${pid}/fd`).length;
    } catch {
      // exited meanwhile
    }
  }
  return { healthz, processes: pids.length, openFds, closeWait: closeWaitOf(new Set(pids)) };
}

/** One line for a benchmark's output and RESULTS.md. */
export function describeHealth(label: string, h: StackHealth): string {
  const health = Object.entries(h.healthz).map(([url, s]) => `${new URL(url).port || url} ${s}`).join(", ");
  return `${label}: /healthz ${health}; ${h.processes} wrangler/workerd processes, ${h.openFds} open file descriptors, ${Number.isNaN(h.closeWait) ? "CLOSE-WAIT n/a" : `${h.closeWait} sockets in CLOSE-WAIT`}`;
}
