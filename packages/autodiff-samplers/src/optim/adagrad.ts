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
  return {
    init: (params) => ({ count: 0, sumOfSquares: new Float64Array(params.length).fill(init0) }),
    update(grads, state) {
      checkLength(grads, state.sumOfSquares.length);
      const a = learningRateAt(lr, state.count);
      const s = new Float64Array(grads.length);
      const u = new Float64Array(grads.length);
      for (let i = 0; i < u.length; i++) {
        s[i] = state.sumOfSquares[i] + grads[i] * grads[i];
        u[i] = s[i] > 0 ? (-a * grads[i]) / Math.sqrt(s[i] + eps) : 0;
      }
      return [u, { count: state.count + 1, sumOfSquares: s }];
    },
  };
}
