/**
 * Shared helpers of the continuous distributions: the masked log-density pattern (double
 * `where`) for supports bounded below, and sample bookkeeping.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { broadcastTo, le, lt, tensor, toTensor, where } from "@sidereal/tensor";
import type { PRNGKey } from "../random/index.js";
import { uniform } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";

/** Options shared by the continuous distributions (see {@link DistributionOptions}). */
export type ContinuousOptions = DistributionOptions;

/**
 * The masked log-density pattern: `outside` is a 0/1 tensor (false for NaN values, so
 * NaN propagates); `density(safe)` is evaluated at `safe = where(outside, inside, value)`
 * so that its value and gradient are finite there, and the result is
 * `where(outside, -Infinity, density(safe))`. Out-of-support points get -Infinity and
 * exactly zero gradient with respect to both the value and the parameters.
 */
export function maskedLogProb(
  value: Tensor,
  outside: Tensor,
  inside: TensorLike,
  density: (safe: Tensor) => Tensor,
): Tensor {
  const safe = where(outside, inside, value);
  return where(outside, Number.NEGATIVE_INFINITY, density(safe));
}

/**
 * A log-density on [bound, ∞) (or (bound, ∞) when `open`): -Infinity below, `density`
 * evaluated at a safe point (`inside`, by default 1) there.
 */
export function logProbAbove(
  value: TensorLike,
  bound: TensorLike,
  density: (safe: Tensor) => Tensor,
  options: { open?: boolean; inside?: TensorLike } = {},
): Tensor {
  const v = toTensor(value);
  const outside = options.open ? le(v, bound) : lt(v, bound);
  return maskedLogProb(v, outside, options.inside ?? 1, density);
}

/**
 * `f(x)` above `bound` and the constant `below` at and below it, with f evaluated at a safe
 * `inside` value there (so neither its value nor its gradient is NaN): the shape of every
 * cdf, log-cdf and log-survival function on a support bounded below.
 */
export function aboveOr(
  value: TensorLike,
  bound: TensorLike,
  below: number,
  f: (safe: Tensor) => Tensor,
  inside: TensorLike = 1,
): Tensor {
  const v = toTensor(value);
  const out = le(v, bound);
  return where(out, below, f(where(out, inside, v)));
}

/** {@link aboveOr} with a fixed value below the bound. */
const constantBelow =
  (below: number) =>
  (value: TensorLike, bound: TensorLike, f: (safe: Tensor) => Tensor, inside: TensorLike = 1) =>
    aboveOr(value, bound, below, f, inside);
/** A cdf: 0 at and below `bound`, `f(x)` above. */
export const cdfAbove = constantBelow(0);
/** A log cdf: −Infinity at and below `bound`, `f(x)` above. */
export const logCdfAbove = constantBelow(Number.NEGATIVE_INFINITY);
/** A log survival function: 0 at and below `bound`, `f(x)` above. */
export const logSurvivalAbove = constantBelow(0);

/** Concrete values of `t` broadcast to `shape` (for samplers that need numbers). */
export function valuesAt(t: Tensor, shape: Shape): Float64Array {
  return broadcastTo(t, shape).toArray();
}

/**
 * Uniform draws on the open interval (0, 1): `uniform(key)` shifted by half a grid step
 * (2⁻⁵³), so inverse-CDF transforms never see 0 or 1.
 */
export function openUniform(key: PRNGKey, shape: Shape): Tensor {
  const u = uniform(key, shape);
  for (let i = 0; i < u.length; i++) u[i] += 2 ** -53;
  return tensor(u, shape);
}
