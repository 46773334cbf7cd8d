import { checkLength, type GradientTransformation } from "./gradientTransformation.js";
import { type LearningRate, learningRateAt } from "./schedules.js";

/** State of {@link rmsprop}. */
export interface RmspropState {
  /** Number of updates applied so far. */
  readonly count: number;
  /** Exponential moving average of squared gradients. */
  readonly nu: Float64Array;
}

/** Options of {@link rmsprop}. */
export interface RmspropOptions {
  /** Decay of the squared-gradient average. Default 0.9. */
  decay?: number;
  /** Added inside the square root. Default 1e-8. */
  eps?: number;
  /** Initial value of the average. Default 0. */
  initialScale?: number;
}

/**
 * RMSProp as optax `rmsprop` (non-centred, no momentum) and numpyro `RMSProp`:
 *   ν ← decay·ν + (1 − decay)·g²,  updates = −lr(count) · g / √(ν + eps).
 */
export function rmsprop(
  lr: LearningRate,
  options: RmspropOptions = {},
): GradientTransformation<RmspropState> {
  const decay = options.decay ?? 0.9;
  const eps = options.eps ?? 1e-8;
  const initialScale = options.initialScale ?? 0;
  return {
    init: (params) => ({ count: 0, nu: new Float64Array(params.length).fill(initialScale) }),
    update(grads, state) {
      checkLength(grads, state.nu.length);
      const a = learningRateAt(lr, state.count);
      const nu = new Float64Array(grads.length);
      const u = new Float64Array(grads.length);
      for (let i = 0; i < u.length; i++) {
        nu[i] = decay * state.nu[i] + (1 - decay) * grads[i] * grads[i];
        u[i] = (-a * grads[i]) / Math.sqrt(nu[i] + eps);
      }
      return [u, { count: state.count + 1, nu }];
    },
  };
}
