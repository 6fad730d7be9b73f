import type { Model } from "./model";
import weights from "./model-weights.json";

/** The committed model (`npm run train:fraud` writes the JSON; see its `trainedOn`). */
export const MODEL: Model | null = (weights as unknown as Model).layers ? (weights as unknown as Model) : null;
