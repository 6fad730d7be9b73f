/**
 * `npm run train:fraud`: generates the taxonomy traffic at TRAIN_SEED, extracts the scorer's
 * features, fits the model with TensorFlow.js and writes workers/fraud/model-weights.json (data,
 * committed). The same seed gives the same weights.
 */
import fs from "node:fs";
import path from "node:path";
import { root } from "../lib/dev-stack";
import { extract } from "./dataset";
import { fit } from "./fit";
import { generateTraffic } from "./taxonomy";
import { CALIBRATION_SEED, TRAIN_SEED } from "./train-config";

const started = Date.now();
const clicks = generateTraffic({ seed: TRAIN_SEED });
const rows = extract(clicks);
const calibration = extract(generateTraffic({ seed: CALIBRATION_SEED })).filter((r) => !r.bot);
const model = await fit(rows, { seed: TRAIN_SEED, calibration, trainedOn: { generator: "scripts/fraud/taxonomy.ts", seed: TRAIN_SEED, calibrationSeed: CALIBRATION_SEED, clicks: rows.length, invalid: rows.filter((r) => r.bot).length, date: new Date().toISOString().slice(0, 10) } });
const file = path.join(root, "workers", "fraud", "model-weights.json");
fs.writeFileSync(file, `${JSON.stringify(model)}\n`);
console.log(`trained on ${rows.length} clicks in ${Math.round((Date.now() - started) / 1000)} s; threshold ${model.threshold.toFixed(4)}; wrote ${path.relative(root, file)}`);
