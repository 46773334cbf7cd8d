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
  /** ν into `nu` (may be `state.nu`), the update into `out` (added when `accumulate`). */
  const step = (
    grads: Float64Array,
    state: RmspropState,
    nu: Float64Array,
    out: Float64Array,
    accumulate: boolean,
  ): void => {
    const a = learningRateAt(lr, state.count);
    for (let i = 0; i < grads.length; i++) {
      const v = decay * state.nu[i] + (1 - decay) * grads[i] * grads[i];
      nu[i] = v;
      const u = (-a * grads[i]) / Math.sqrt(v + eps);
      out[i] = accumulate ? out[i] + u : u;
    }
  };
  return {
    init: (params) => ({ count: 0, nu: new Float64Array(params.length).fill(initialScale) }),
    update(grads, state) {
      checkLength(grads, state.nu.length);
      const nu = new Float64Array(grads.length);
      const u = new Float64Array(grads.length);
      step(grads, state, nu, u, false);
      return [u, { count: state.count + 1, nu }];
    },
    updateInPlace(grads, state, params) {
      checkLength(grads, state.nu.length);
      checkLength(params, state.nu.length);
      step(grads, state, state.nu, params, true);
      return { count: state.count + 1, nu: state.nu };
    },
  };
}
