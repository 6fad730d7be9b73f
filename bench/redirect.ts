/**
 * `npm run bench:redirect`: the affiliate redirect (/l/:code) against the runtime's bare 302
 * (/__bench/302) in the same run, on the same gateway, alternating rounds so drift hits both.
 * Writes requests/s, p50, p99 and the ratios to bench/RESULTS.md.
 * Targets (links issue): throughput ≥ 0.6 × the bare 302, p99 ≤ 2 × the bare 302.
 */
import autocannon from "autocannon";
import { writeResultsSection } from "../scripts/lib/results";
import { withStack } from "./stack";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Sample { rps: number; p50: number; p99: number }

async function run(url: string): Promise<Sample> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  // Every answer must be the redirect itself: a benchmark of errors measures nothing.
  if (r.errors || r.timeouts || r["2xx"] || r["4xx"] || r["5xx"] || !r["3xx"]) {
    throw new Error(`${url}: expected only 302s, got 2xx=${r["2xx"]} 3xx=${r["3xx"]} 4xx=${r["4xx"]} 5xx=${r["5xx"]} errors=${r.errors} timeouts=${r.timeouts}`);
  }
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await withStack(async ({ gatewayUrl, demo }) => {
  const code = demo.linkCode as string;
  const redirectUrl = `${gatewayUrl}/l/${code}?utm_source=bench`;
  const floorUrl = `${gatewayUrl}/__bench/302`;
  // Warm both paths (isolate cache, Cache API, JIT).
  await run(floorUrl);
  await run(redirectUrl);
  const floor: Sample[] = [];
  const redirect: Sample[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    floor.push(await run(floorUrl));
    redirect.push(await run(redirectUrl));
    console.log(`round ${i + 1}: floor ${floor.at(-1)!.rps.toFixed(0)} rps, redirect ${redirect.at(-1)!.rps.toFixed(0)} rps`);
  }
  const f = { rps: median(floor.map((s) => s.rps)), p50: median(floor.map((s) => s.p50)), p99: median(floor.map((s) => s.p99)) };
  const r = { rps: median(redirect.map((s) => s.rps)), p50: median(redirect.map((s) => s.p50)), p99: median(redirect.map((s) => s.p99)) };
  const throughput = r.rps / f.rps;
  const p99 = r.p99 / Math.max(f.p99, 1);
  const ok = throughput >= 0.6 && p99 <= 2;
  const section = `## Redirect hot path (\`npm run bench:redirect\`)

Run ${new Date().toISOString().slice(0, 10)}: local \`wrangler dev\`, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s each, medians; the load generator shares the machine's 2 cores.

| path | requests/s | p50 ms | p99 ms |
|---|---:|---:|---:|
| \`/__bench/302\` (runtime floor) | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} |
| \`/l/:code\` (warm link) | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} |
| **ratio** | **${throughput.toFixed(2)}×** (target ≥ 0.6) | ${(r.p50 / Math.max(f.p50, 1)).toFixed(2)}× | **${p99.toFixed(2)}×** (target ≤ 2) |

Verdict: ${ok ? "meets both targets" : "MISSES a target"}.
`;
  writeResultsSection("redirect", section);
  console.log(section);
  if (!ok) process.exitCode = 1;
});
