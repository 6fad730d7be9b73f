import fs from "node:fs";
import path from "node:path";
import { root } from "./dev-stack";

/** Replaces (or appends) one benchmark's section of bench/RESULTS.md, leaving the others. */
export function writeResultsSection(id: string, body: string) {
  const file = path.join(root, "bench", "RESULTS.md");
  const head = "# Benchmark results\n\nWritten by `npm run bench`, `npm run bench:redirect` and `npm run eval:fraud` (each section by its own run). Ratios are against a baseline measured in the same run.\n";
  let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : head;
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  const block = `${start}\n${body.trimEnd()}\n${end}`;
  text = text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, text);
}
