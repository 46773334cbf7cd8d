import { checkLength, type GradientTransformation } from "./gradientTransformation.js";
import { type LearningRate, learningRateAt } from "./schedules.js";

/** State of {@link adagrad}. */
export interface AdagradState {
  /** Number of updates applied so far. */
  readonly count: number;
  /** Running sum of squared gradients. */
  readonly sumOfSquares: Float64Array;
}

/** Options of {@link adagrad}. */
export interface AdagradOptions {
  /** Initial value of the accumulator. Default 0.1 (optax). */
  initialAccumulatorValue?: number;
  /** Added inside the square root. Default 1e-7 (optax). */
  eps?: number;
}

/**
 * Adagrad as optax `adagrad` (`scale_by_rss`):
 *   s ← s + g²,  updates = −lr(count) · g / √(s + eps)  (0 where s = 0).
 */
export function adagrad(
  lr: LearningRate,
  options: AdagradOptions = {},
): GradientTransformation<AdagradState> {
  const init0 = options.initialAccumulatorValue ?? 0.1;
  const eps = options.eps ?? 1e-7;
  /** s into `sums` (may be `state.sumOfSquares`), the update into `out` (added when `accumulate`). */
  const step = (
    grads: Float64Array,
    state: AdagradState,
    sums: Float64Array,
    out: Float64Array,
    accumulate: boolean,
  ): void => {
    const a = learningRateAt(lr, state.count);
    for (let i = 0; i < grads.length; i++) {
      const s = state.sumOfSquares[i] + grads[i] * grads[i];
      sums[i] = s;
      const u = s > 0 ? (-a * grads[i]) / Math.sqrt(s + eps) : 0;
      out[i] = accumulate ? out[i] + u : u;
    }
  };
  return {
    init: (params) => ({ count: 0, sumOfSquares: new Float64Array(params.length).fill(init0) }),
    update(grads, state) {
      checkLength(grads, state.sumOfSquares.length);
      const s = new Float64Array(grads.length);
      const u = new Float64Array(grads.length);
      step(grads, state, s, u, false);
      return [u, { count: state.count + 1, sumOfSquares: s }];
    },
    updateInPlace(grads, state, params) {
      checkLength(grads, state.sumOfSquares.length);
      checkLength(params, state.sumOfSquares.length);
      step(grads, state, state.sumOfSquares, params, true);
      return { count: state.count + 1, sumOfSquares: state.sumOfSquares };
    },
  };
}
