/**
 * Fits the learned click model with TensorFlow.js: a 25 → 16 → 8 → 1 perceptron on standardised
 * features, seeded (weights, shuffling) so the same data gives the same model. The threshold is
 * calibrated on humans from a separate calibration seed that the rules pass: the lowest
 * probability that keeps their false-positive rate at or under TARGET_FPR.
 */
import * as tf from "@tensorflow/tfjs";
import { FEATURES } from "../../workers/fraud/features";
import { predict, type Model } from "../../workers/fraud/model";
import { contextOnly } from "../../workers/fraud/score-click";
import type { Row } from "./dataset";
import { mulberry32 as rng } from "./mulberry32";

export const TARGET_FPR = 0.004;


export interface FitOptions {
  seed: number;
  /** Humans the threshold is calibrated on: traffic from another seed, never the training rows. */
  calibration: Row[];
  epochs?: number;
  trainedOn?: Record<string, string | number>;
}

export async function fit(rows: Row[], opts: FitOptions): Promise<Model> {
  await tf.setBackend("cpu");
  const d = FEATURES.length;
  const mean = new Array(d).fill(0);
  const std = new Array(d).fill(0);
  for (const r of rows) for (let i = 0; i < d; i++) mean[i] += r.features[i]! / rows.length;
  for (const r of rows) for (let i = 0; i < d; i++) std[i] += (r.features[i]! - mean[i]) ** 2 / rows.length;
  for (let i = 0; i < d; i++) std[i] = Math.max(1e-3, Math.sqrt(std[i]));

  // Seeded shuffle (TensorFlow.js's own uses Math.random).
  const next = rng(opts.seed);
  const order = rows.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const x = new Float32Array(rows.length * d);
  const y = new Float32Array(rows.length);
  order.forEach((k, row) => {
    const r = rows[k]!;
    for (let i = 0; i < d; i++) x[row * d + i] = (r.features[i]! - mean[i]) / std[i];
    y[row] = r.bot ? 1 : 0;
  });

  const net = tf.sequential();
  const l2 = () => tf.regularizers.l2({ l2: 1e-4 });
  net.add(tf.layers.dense({ inputShape: [d], units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: opts.seed }), kernelRegularizer: l2() }));
  net.add(tf.layers.dense({ units: 8, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: opts.seed + 1 }), kernelRegularizer: l2() }));
  net.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: opts.seed + 2 }) }));
  net.compile({ optimizer: tf.train.adam(0.01), loss: "binaryCrossentropy" });
  const xs = tf.tensor2d(x, [rows.length, d]);
  const ys = tf.tensor2d(y, [rows.length, 1]);
  await net.fit(xs, ys, { epochs: opts.epochs ?? 8, batchSize: 1024, shuffle: false, verbose: 0 });
  xs.dispose();
  ys.dispose();

  const layers = net.layers.map((layer, i) => {
    const [kernel, bias] = layer.getWeights();
    return { weights: kernel!.arraySync() as number[][], bias: bias!.arraySync() as number[], activation: i === net.layers.length - 1 ? ("sigmoid" as const) : ("relu" as const) };
  });
  net.dispose();
  const model: Model = { features: [...FEATURES], mean: mean.map(round), std: std.map(round), layers: layers.map((l) => ({ ...l, weights: l.weights.map((r) => r.map(round)), bias: l.bias.map(round) })), threshold: 0.5, trainedOn: opts.trainedOn ?? {} };
  model.threshold = calibrate(model, opts.calibration);
  return model;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The lowest threshold (≥ 0.5) at which rules and model together flag at most TARGET_FPR of the
 * calibration humans: the model may add what the rules left of that budget.
 */
function calibrate(model: Model, humans: Row[]): number {
  const budget = Math.floor(TARGET_FPR * humans.length) - humans.filter((r) => r.ruleScore >= 0.5).length;
  const probs = humans.filter((r) => r.ruleScore < 0.5 && !contextOnly(r.features)).map((r) => predict(model, r.features)).sort((a, b) => b - a);
  const cut = probs[Math.max(0, budget)] ?? 0;
  return Math.min(0.999, Math.max(0.5, cut + 1e-6));
}
