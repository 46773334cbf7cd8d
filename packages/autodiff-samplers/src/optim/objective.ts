import { OptimizerError } from "./errors.js";

/** Objective value and gradient, object form. */
export interface ValueAndGrad {
  /** Objective value f(x). */
  readonly value: number;
  /** Gradient ∇f(x), same length as x. */
  readonly grad: Float64Array;
}

/** What an objective may return: `{ value, grad }` or a `[value, grad]` pair. */
export type ObjectiveOutput = ValueAndGrad | readonly [number, Float64Array];

/**
 * A differentiable objective over a flat parameter vector. The optimizer passes
 * a fresh copy of its iterate, so the function may keep or mutate its argument.
 */
export type Objective = (x: Float64Array) => ObjectiveOutput;

/** Normalised evaluation: value plus a private copy of the gradient. */
export interface Evaluation {
  /** Objective value. */
  readonly value: number;
  /** Gradient (owned by the optimizer; never aliased with user memory). */
  readonly grad: Float64Array;
}

/**
 * Calls `fun` at a copy of `x` and normalises the output to {@link Evaluation}.
 * Throws {@link OptimizerError} when the gradient has the wrong length.
 */
export function evaluateObjective(fun: Objective, x: Float64Array): Evaluation {
  const out = fun(Float64Array.from(x));
  let value: number;
  let grad: Float64Array;
  if (Array.isArray(out)) {
    const pair = out as readonly [number, Float64Array];
    value = pair[0];
    grad = pair[1];
  } else {
    const obj = out as ValueAndGrad;
    value = obj.value;
    grad = obj.grad;
  }
  if (grad === undefined || grad.length !== x.length) {
    throw new OptimizerError(
      `objective returned a gradient of length ${grad === undefined ? "undefined" : grad.length}, expected ${x.length}`,
    );
  }
  return { value: Number(value), grad: Float64Array.from(grad) };
}

/**
 * Returns a description of the first non-finite entry of an evaluation
 * (value or gradient component), or `null` when everything is finite.
 */
export function nonFiniteEntry(ev: Evaluation): string | null {
  if (!Number.isFinite(ev.value)) return `objective value is ${ev.value}`;
  for (let i = 0; i < ev.grad.length; i++) {
    if (!Number.isFinite(ev.grad[i])) return `gradient[${i}] is ${ev.grad[i]}`;
  }
  return null;
}
