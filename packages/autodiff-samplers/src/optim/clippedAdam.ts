import { type AdamState, adamStep, adamStepInPlace } from "./adam.js";
import type { GradientTransformation } from "./gradientTransformation.js";
import { type LearningRate, learningRateAt } from "./schedules.js";

/** Options of {@link clippedAdam}. */
export interface ClippedAdamOptions {
  /** First-moment decay. Default 0.9. */
  b1?: number;
  /** Second-moment decay. Default 0.999. */
  b2?: number;
  /** Denominator epsilon. Default 1e-8. */
  eps?: number;
  /** Each gradient component is clipped to [−clipNorm, clipNorm]. Default 10. */
  clipNorm?: number;
  /** Learning-rate decay per step: rate = lr(count)·lrd^count. Default 1 (none). */
  lrd?: number;
}

/**
 * numpyro's `ClippedAdam`: gradients are clipped elementwise to
 * [−clipNorm, clipNorm] (not by global norm), then a bias-corrected Adam step
 * is taken with rate lr(count)·lrd^count (the `lrd` decay of Pyro's ClippedAdam,
 * which numpyro's Pyro-compat layer maps to a step-size function).
 */
export function clippedAdam(
  lr: LearningRate,
  options: ClippedAdamOptions = {},
): GradientTransformation<AdamState> {
  const b1 = options.b1 ?? 0.9;
  const b2 = options.b2 ?? 0.999;
  const eps = options.eps ?? 1e-8;
  const clip = options.clipNorm ?? 10;
  const lrd = options.lrd ?? 1;
  if (!(clip > 0)) throw new RangeError(`clipNorm must be > 0, got ${clip}`);
  return {
    init: (params) => ({
      count: 0,
      mu: new Float64Array(params.length),
      nu: new Float64Array(params.length),
    }),
    update(grads, state) {
      const a = learningRateAt(lr, state.count) * lrd ** state.count;
      return adamStep(grads, state, a, b1, b2, eps, 0, clip);
    },
    updateInPlace(grads, state, params) {
      const a = learningRateAt(lr, state.count) * lrd ** state.count;
      return adamStepInPlace(grads, state, params, a, b1, b2, eps, 0, clip);
    },
  };
}
