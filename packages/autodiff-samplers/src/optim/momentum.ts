import { checkLength, type GradientTransformation } from "./gradientTransformation.js";
import { type LearningRate, learningRateAt } from "./schedules.js";

/** State of {@link momentum}. */
export interface MomentumState {
  /** Number of updates applied so far. */
  readonly count: number;
  /** Velocity (optax `trace`). */
  readonly trace: Float64Array;
}

/** Options of {@link momentum}. */
export interface MomentumOptions {
  /** Decay of the velocity (numpyro `mass`). Default 0.9. */
  beta?: number;
  /** Use Nesterov's look-ahead form. Default false. */
  nesterov?: boolean;
}

/**
 * SGD with (heavy-ball or Nesterov) momentum, as optax `sgd(lr, momentum, nesterov)`:
 *   v ← g + β v;   updates = −lr · (nesterov ? g + β v : v).
 * Without Nesterov this equals numpyro's `Momentum(step_size, mass=β)`.
 */
export function momentum(
  lr: LearningRate,
  options: MomentumOptions = {},
): GradientTransformation<MomentumState> {
  const beta = options.beta ?? 0.9;
  const nesterov = options.nesterov ?? false;
  /** v into `trace` (may be `state.trace`), the update into `out` (added when `accumulate`). */
  const step = (
    grads: Float64Array,
    state: MomentumState,
    trace: Float64Array,
    out: Float64Array,
    accumulate: boolean,
  ): void => {
    const a = learningRateAt(lr, state.count);
    for (let i = 0; i < grads.length; i++) {
      const t = grads[i] + beta * state.trace[i];
      trace[i] = t;
      const u = -a * (nesterov ? grads[i] + beta * t : t);
      out[i] = accumulate ? out[i] + u : u;
    }
  };
  return {
    init: (params) => ({ count: 0, trace: new Float64Array(params.length) }),
    update(grads, state) {
      checkLength(grads, state.trace.length);
      const trace = new Float64Array(grads.length);
      const u = new Float64Array(grads.length);
      step(grads, state, trace, u, false);
      return [u, { count: state.count + 1, trace }];
    },
    updateInPlace(grads, state, params) {
      checkLength(grads, state.trace.length);
      checkLength(params, state.trace.length);
      step(grads, state, state.trace, params, true);
      return { count: state.count + 1, trace: state.trace };
    },
  };
}
