/**
 * Streams labelled traffic through the production scorer's `observe` (one state per link, in time
 * order) and keeps, per click, the rules' verdict and the learned model's inputs. The features do
 * not depend on any model, so one pass serves training, evaluation and every held-out fold.
 */
import { newLinkState, observe, type LinkState } from "../../workers/fraud/score-click";
import type { LabelledClick } from "./taxonomy";

export interface Row {
  features: Float64Array;
  ruleScore: number;
  reasons: string[];
  family: string;
  bot: boolean;
}

export function extract(clicks: LabelledClick[], saltSecret = "tandem"): Row[] {
  const states = new Map<string, LinkState>();
  return clicks.map((c) => {
    let state = states.get(c.link);
    if (!state) states.set(c.link, (state = newLinkState()));
    const seen = observe(state, c, { saltSecret });
    return { features: seen.features, ruleScore: seen.ruleScore, reasons: seen.reasons, family: c.family, bot: c.bot };
  });
}
