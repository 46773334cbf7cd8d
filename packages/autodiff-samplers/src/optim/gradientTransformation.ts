/**
 * Stochastic-optimizer protocol, following optax's `GradientTransformation`:
 *
 *   const opt = adam(1e-3);
 *   let state = opt.init(params);
 *   const [updates, next] = opt.update(grads, state, params);
 *   params = applyUpdates(params, updates);   // params + updates
 *   state = next;
 *
 * `update` returns *updates* (already multiplied by −lr), not new parameters.
 * Inputs are never mutated and every returned array/state is fresh, so old
 * states stay valid. Schedules are evaluated at the state's `count`, which is
 * 0 for the first update (as optax's `scale_by_schedule`).
 */
export interface GradientTransformation<S> {
  /** Creates the initial optimizer state for `params`. */
  init(params: Float64Array): S;
  /** Maps gradients to updates; returns `[updates, newState]`. */
  update(grads: Float64Array, state: S, params?: Float64Array): [Float64Array, S];
}

/** State carrying only the update count. */
export interface CountState {
  /** Number of updates applied so far. */
  readonly count: number;
}

/** Returns `params + updates` as a new array (optax `apply_updates`). */
export function applyUpdates(params: Float64Array, updates: Float64Array): Float64Array {
  if (params.length !== updates.length) {
    throw new RangeError(`applyUpdates: lengths ${params.length} and ${updates.length} differ`);
  }
  const out = new Float64Array(params.length);
  for (let i = 0; i < out.length; i++) out[i] = params[i] + updates[i];
  return out;
}

/** Throws when `grads` and a state vector differ in length. */
export function checkLength(grads: Float64Array, expected: number): void {
  if (grads.length !== expected) {
    throw new RangeError(`gradient has length ${grads.length}, optimizer state has ${expected}`);
  }
}
