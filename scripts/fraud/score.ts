/**
 * `npm run fraud:score`: reads clicks as JSON lines on stdin (in time order) and writes one
 * verdict per line: {id, fraud, score, reasons, unique}. The same scoring code and per-link
 * state as the LinkCounter Durable Object. `--threshold 0.5` tunes the cut-off.
 */
import readline from "node:readline";
import { DEFAULT_OPTIONS, scorer, type Click } from "../../workers/fraud/score-click";

const i = process.argv.indexOf("--threshold");
const threshold = i > 0 ? Number(process.argv[i + 1]) : DEFAULT_OPTIONS.threshold;
if (!(threshold >= 0 && threshold <= 1)) {
  console.error("--threshold must be between 0 and 1");
  process.exit(2);
}
const score = scorer({ ...DEFAULT_OPTIONS, threshold });
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let line = 0;
let bad = 0;
for await (const text of rl) {
  line++;
  if (!text.trim()) continue;
  let click: Click;
  try {
    click = JSON.parse(text);
    if (typeof click.id !== "string" || typeof click.ts !== "number" || typeof click.link !== "string" || typeof click.ip !== "string") throw new Error("needs id, ts (ms), link, ip");
  } catch (e) {
    bad++;
    console.error(`line ${line}: ${(e as Error).message}`);
    continue;
  }
  const { id, fraud, score: value, reasons, unique } = score({ ...click, ua: click.ua ?? "" });
  process.stdout.write(`${JSON.stringify({ id, fraud, score: value, reasons, unique })}\n`);
}
if (bad) process.exitCode = 1;
