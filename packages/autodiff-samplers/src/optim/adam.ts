import { checkLength, type GradientTransformation } from "./gradientTransformation.js";
import { type LearningRate, learningRateAt } from "./schedules.js";

/** State of {@link adam} and {@link clippedAdam}-style optimizers. */
export interface AdamState {
  /** Number of updates applied so far. */
  readonly count: number;
  /** First-moment estimate. */
  readonly mu: Float64Array;
  /** Second-moment estimate. */
  readonly nu: Float64Array;
}

/** Options of {@link adam}. */
export interface AdamOptions {
  /** First-moment decay. Default 0.9. */
  b1?: number;
  /** Second-moment decay. Default 0.999. */
  b2?: number;
  /** Added to the denominator outside the square root. Default 1e-8. */
  eps?: number;
  /** Added inside the square root (optax `eps_root`). Default 0. */
  epsRoot?: number;
}

/**
 * One bias-corrected Adam step shared by {@link adam} and `clippedAdam`:
 * returns [updates, state] with updates = −a·m̂/(√(v̂ + epsRoot) + eps).
 */
export function adamStep(
  grads: Float64Array,
  state: AdamState,
  a: number,
  b1: number,
  b2: number,
  eps: number,
  epsRoot: number,
): [Float64Array, AdamState] {
  checkLength(grads, state.mu.length);
  const n = grads.length;
  const t = state.count + 1;
  const c1 = 1 - b1 ** t;
  const c2 = 1 - b2 ** t;
  const mu = new Float64Array(n);
  const nu = new Float64Array(n);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = grads[i];
    mu[i] = (1 - b1) * g + b1 * state.mu[i];
    nu[i] = (1 - b2) * g * g + b2 * state.nu[i];
    u[i] = (-a * (mu[i] / c1)) / (Math.sqrt(nu[i] / c2 + epsRoot) + eps);
  }
  return [u, { count: t, mu, nu }];
}

/**
 * Adam (Kingma & Ba 2015) with optax's `scale_by_adam` bias correction:
 *   m ← b1 m + (1−b1) g,  v ← b2 v + (1−b2) g²,
 *   m̂ = m/(1−b1ᵗ),  v̂ = v/(1−b2ᵗ)  (t = count + 1),
 *   updates = −lr(count) · m̂ / (√(v̂ + epsRoot) + eps).
 */
export function adam(
  lr: LearningRate,
  options: AdamOptions = {},
): GradientTransformation<AdamState> {
  const b1 = options.b1 ?? 0.9;
  const b2 = options.b2 ?? 0.999;
  const eps = options.eps ?? 1e-8;
  const epsRoot = options.epsRoot ?? 0;
  return {
    init: (params) => ({
      count: 0,
      mu: new Float64Array(params.length),
      nu: new Float64Array(params.length),
    }),
    update: (grads, state) =>
      adamStep(grads, state, learningRateAt(lr, state.count), b1, b2, eps, epsRoot),
  };
}
