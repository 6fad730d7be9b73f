/**
 * Inference for the learned click model in plain TypeScript (no TensorFlow at the edge): a small
 * multilayer perceptron whose weights `npm run train:fraud` fits with TensorFlow.js and writes to
 * workers/fraud/model-weights.ts. Inputs are standardised with the training set's mean and spread.
 */
export interface Layer {
  /** weights[input][output] */
  weights: number[][];
  bias: number[];
  activation: "relu" | "sigmoid";
}

export interface Model {
  features: readonly string[];
  mean: number[];
  std: number[];
  layers: Layer[];
  /** Probability at or above which the model calls a click invalid (calibrated on training humans). */
  threshold: number;
  /** How the weights were made: training data seed, sizes, date. */
  trainedOn: Record<string, string | number>;
}

/** Scratch buffers per model (inference is synchronous, so one set per model is enough). */
const buffers = new WeakMap<Model, Float64Array[]>();

function buffersOf(model: Model) {
  let b = buffers.get(model);
  if (!b) buffers.set(model, (b = [new Float64Array(model.mean.length), ...model.layers.map((l) => new Float64Array(l.bias.length))]));
  return b;
}

/** The model's probability that a click is invalid. */
export function predict(model: Model, input: ArrayLike<number>): number {
  const b = buffersOf(model);
  let x = b[0]!;
  for (let i = 0; i < x.length; i++) x[i] = (input[i]! - model.mean[i]!) / model.std[i]!;
  for (let l = 0; l < model.layers.length; l++) {
    const layer = model.layers[l]!;
    const out = b[l + 1]!;
    out.set(layer.bias);
    const w = layer.weights;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      const row = w[i]!;
      for (let j = 0; j < out.length; j++) out[j]! += xi * row[j]!;
    }
    if (layer.activation === "relu") for (let j = 0; j < out.length; j++) out[j] = out[j]! > 0 ? out[j]! : 0;
    else for (let j = 0; j < out.length; j++) out[j] = 1 / (1 + Math.exp(-out[j]!));
    x = out;
  }
  return x[0]!;
}
