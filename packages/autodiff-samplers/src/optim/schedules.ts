/**
 * Learning-rate schedules: functions of the (0-based) update count, with the
 * formulas of optax (`constant_schedule`, `exponential_decay`,
 * `cosine_decay_schedule`) and of `jax.example_libraries.optimizers`
 * (`piecewise_constant`, as used by numpyro).
 */

/** A learning-rate schedule: step count (0 for the first update) → rate. */
export type Schedule = (step: number) => number;

/** A learning rate: a constant or a {@link Schedule}. */
export type LearningRate = number | Schedule;

/** Evaluates a {@link LearningRate} at `step`. */
export function learningRateAt(lr: LearningRate, step: number): number {
  return typeof lr === "number" ? lr : lr(step);
}

/** Constant schedule: `value` at every step (optax `constant_schedule`). */
export function constantSchedule(value: number): Schedule {
  return () => value;
}

/** Extra options of {@link exponentialDecay} (optax's keyword arguments). */
export interface ExponentialDecayOptions {
  /** Steps before decay starts (value stays `init` until then). Default 0. */
  transitionBegin?: number;
  /** Clamp: lower bound if decayRate < 1, upper bound if > 1. */
  endValue?: number;
}

/**
 * Exponential decay (optax `exponential_decay`):
 *   p = (step − transitionBegin) / transitionSteps  (floored if `staircase`),
 *   value = init · decayRate^p,  and `init` for step ≤ transitionBegin.
 */
export function exponentialDecay(
  init: number,
  transitionSteps: number,
  decayRate: number,
  staircase = false,
  options: ExponentialDecayOptions = {},
): Schedule {
  if (!(transitionSteps > 0)) throw new RangeError("transitionSteps must be > 0");
  const begin = options.transitionBegin ?? 0;
  const end = options.endValue;
  return (step: number) => {
    const count = step - begin;
    if (count <= 0) return init;
    let p = count / transitionSteps;
    if (staircase) p = Math.floor(p);
    let v = init * decayRate ** p;
    if (end !== undefined) v = decayRate < 1 ? Math.max(v, end) : Math.min(v, end);
    return v;
  };
}

/**
 * Cosine decay (optax `cosine_decay_schedule` with exponent 1):
 *   t = min(step, decaySteps),
 *   value = init · ((1 − alpha) · ½(1 + cos(π t / decaySteps)) + alpha).
 */
export function cosineDecay(init: number, decaySteps: number, alpha = 0): Schedule {
  if (!(decaySteps > 0)) throw new RangeError("decaySteps must be > 0");
  return (step: number) => {
    const t = Math.min(Math.max(step, 0), decaySteps);
    const cosine = 0.5 * (1 + Math.cos((Math.PI * t) / decaySteps));
    return init * ((1 - alpha) * cosine + alpha);
  };
}

/**
 * Piecewise-constant schedule (`jax.example_libraries.optimizers.piecewise_constant`):
 * `values[k]` where k is the number of boundaries strictly below `step`, so
 * `values.length` must be `boundaries.length + 1`.
 */
export function piecewiseConstant(
  boundaries: ReadonlyArray<number>,
  values: ReadonlyArray<number>,
): Schedule {
  if (values.length !== boundaries.length + 1) {
    throw new RangeError(
      `piecewiseConstant needs boundaries.length + 1 values, got ${values.length} for ${boundaries.length} boundaries`,
    );
  }
  const b = [...boundaries];
  const v = [...values];
  return (step: number) => {
    let k = 0;
    for (const bound of b) if (step > bound) k++;
    return v[k];
  };
}
