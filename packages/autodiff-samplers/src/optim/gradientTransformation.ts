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
 *
 * `updateInPlace(grads, state, params)` is the same step without allocation, for training
 * loops that never look back (SVI uses it): it adds the updates to `params` and advances the
 * state's arrays in place, returning the next state (a new object sharing those arrays). The
 * state passed in is consumed: do not use it again. Both forms give bit-identical numbers.
 */
export interface GradientTransformation<S> {
  /** Creates the initial optimizer state for `params`. */
  init(params: Float64Array): S;
  /** Maps gradients to updates; returns `[updates, newState]`. */
  update(grads: Float64Array, state: S, params?: Float64Array): [Float64Array, S];
  /**
   * `params ← params + updates` and the state advanced, in place (see the module doc);
   * returns the next state. Optional for user-written transformations: use
   * {@link updateParamsInPlace}, which falls back to `update`.
   */
  updateInPlace?(grads: Float64Array, state: S, params: Float64Array): S;
}

/**
 * One optimizer step applied to `params` in place: the transformation's `updateInPlace` when
 * it has one, else `update` followed by `params += updates`. Returns the next state.
 */
export function updateParamsInPlace<S>(
  optimizer: GradientTransformation<S>,
  grads: Float64Array,
  state: S,
  params: Float64Array,
): S {
  if (optimizer.updateInPlace) return optimizer.updateInPlace(grads, state, params);
  const [updates, next] = optimizer.update(grads, state, params);
  checkLength(updates, params.length);
  for (let i = 0; i < params.length; i++) params[i] += updates[i];
  return next;
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
