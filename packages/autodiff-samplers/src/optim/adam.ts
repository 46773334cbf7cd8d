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
 * One bias-corrected Adam step shared by {@link adam} and `clippedAdam`, with each gradient
 * component first clipped to `[−clip, clip]` (`Infinity`: no clipping). Writes
 * `m ← b1 m + (1−b1) g`, `v ← b2 v + (1−b2) g²` into `mu`/`nu` and the update
 * `−a·m̂/(√(v̂ + epsRoot) + eps)` into `out[i]` (`accumulate`: added to it). No allocation.
 */
function adamKernel(
  grads: Float64Array,
  count: number,
  muIn: Float64Array,
  nuIn: Float64Array,
  mu: Float64Array,
  nu: Float64Array,
  out: Float64Array,
  accumulate: boolean,
  a: number,
  b1: number,
  b2: number,
  eps: number,
  epsRoot: number,
  clip: number,
): void {
  const t = count + 1;
  const c1 = 1 - b1 ** t;
  const c2 = 1 - b2 ** t;
  for (let i = 0; i < grads.length; i++) {
    const g =
      clip === Number.POSITIVE_INFINITY ? grads[i] : Math.min(clip, Math.max(-clip, grads[i]));
    const m = (1 - b1) * g + b1 * muIn[i];
    const v = (1 - b2) * g * g + b2 * nuIn[i];
    mu[i] = m;
    nu[i] = v;
    const u = (-a * (m / c1)) / (Math.sqrt(v / c2 + epsRoot) + eps);
    out[i] = accumulate ? out[i] + u : u;
  }
}

/**
 * The pure Adam step: returns `[updates, state]` with fresh arrays (see {@link adamKernel}).
 */
export function adamStep(
  grads: Float64Array,
  state: AdamState,
  a: number,
  b1: number,
  b2: number,
  eps: number,
  epsRoot: number,
  clip = Number.POSITIVE_INFINITY,
): [Float64Array, AdamState] {
  checkLength(grads, state.mu.length);
  const n = grads.length;
  const mu = new Float64Array(n);
  const nu = new Float64Array(n);
  const u = new Float64Array(n);
  adamKernel(
    grads,
    state.count,
    state.mu,
    state.nu,
    mu,
    nu,
    u,
    false,
    a,
    b1,
    b2,
    eps,
    epsRoot,
    clip,
  );
  return [u, { count: state.count + 1, mu, nu }];
}

/**
 * The in-place Adam step: `params += updates`, `state.mu`/`state.nu` advanced in place;
 * returns the next state sharing them. Numbers identical to {@link adamStep}.
 */
export function adamStepInPlace(
  grads: Float64Array,
  state: AdamState,
  params: Float64Array,
  a: number,
  b1: number,
  b2: number,
  eps: number,
  epsRoot: number,
  clip = Number.POSITIVE_INFINITY,
): AdamState {
  checkLength(grads, state.mu.length);
  checkLength(params, state.mu.length);
  const { mu, nu } = state;
  adamKernel(grads, state.count, mu, nu, mu, nu, params, true, a, b1, b2, eps, epsRoot, clip);
  return { count: state.count + 1, mu, nu };
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
    updateInPlace: (grads, state, params) =>
      adamStepInPlace(grads, state, params, learningRateAt(lr, state.count), b1, b2, eps, epsRoot),
  };
}
