/**
 * `npm run bench:fraud`: the click scorer's throughput on one core (this process is single
 * threaded), in clicks/s, on the taxonomy generator's traffic: rules, windows, baseline and the
 * learned model, exactly as the LinkCounter runs them. The baseline in the same run is the least
 * any scorer must do per click: derive the salted visitor hash. Rounds alternate so drift hits
 * both; the spread across rounds and the load average say how noisy the machine was.
 * Target (fraud issue): ≥ 50,000 clicks/s.
 */
import os from "node:os";
import { identify, newLinkState, scorer } from "../workers/fraud/score-click";
import { writeResultsSection } from "../scripts/lib/results";
import { generateTraffic } from "../scripts/fraud/taxonomy";

/** Not the training seed. */
const SEED = 7_700_001;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const clicks = generateTraffic({ seed: SEED });

function full() {
  const score = scorer();
  const t = performance.now();
  let flagged = 0;
  for (const c of clicks) if (score(c).fraud) flagged++;
  return { rate: clicks.length / ((performance.now() - t) / 1000), flagged };
}

function floor() {
  const state = newLinkState();
  const t = performance.now();
  let sink = 0;
  for (const c of clicks) sink += identify(state, c, "tandem").visitor.length;
  if (sink === 0) throw new Error("unreachable");
  return clicks.length / ((performance.now() - t) / 1000);
}

const load = os.loadavg()[0]!;
full(); // warm the JIT
floor();
const scored: number[] = [];
const floors: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  scored.push(full().rate);
  floors.push(floor());
  console.log(`round ${i + 1}: scorer ${scored.at(-1)!.toFixed(0)} clicks/s, visitor hash alone ${floors.at(-1)!.toFixed(0)} clicks/s`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = median(scored);
const f = median(floors);
const ok = s >= 50_000;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const section = `## Fraud scorer throughput (\`npm run bench:fraud\`)

Run ${new Date().toISOString().slice(0, 10)} on one core (single-threaded Node ${process.version}), ${clicks.length} clicks of the taxonomy generator, ${ROUNDS} alternating rounds, medians; load average at start ${load.toFixed(2)} on ${os.cpus().length} cores.

| | clicks/s (median) | spread over rounds |
|---|---:|---|
| visitor hash alone (floor) | ${f.toFixed(0)} | ${spread(floors)} |
| full scorer (rules, windows, baseline, model) | ${s.toFixed(0)} | ${spread(scored)} |
| **ratio to the floor** | **${(s / f).toFixed(2)}×** | |

Verdict: ${ok ? "meets" : "MISSES"} the target of ≥ 50,000 clicks/s.
`;
writeResultsSection("fraud-bench", section);
console.log(section);
if (!ok) process.exitCode = 1;
