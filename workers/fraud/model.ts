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

/** The model's probability that a click is invalid. */
export function predict(model: Model, input: ArrayLike<number>): number {
  let x: number[] = new Array(input.length);
  for (let i = 0; i < input.length; i++) x[i] = (input[i]! - model.mean[i]!) / model.std[i]!;
  for (const layer of model.layers) {
    const out = layer.bias.slice();
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
