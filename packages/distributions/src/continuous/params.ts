/**
 * Shared helpers of the continuous distributions: parameter conversion, validation of
 * concrete parameters (skipped for values traced by `compile`), the masked log-density
 * pattern (double `where`), and sample-shape bookkeeping.
 */
import {
  broadcastTo,
  CompileError,
  type Shape,
  type Tensor,
  type TensorLike,
  tensor,
  toTensor,
  where,
} from "@sidereal/tensor";
import { DistributionError } from "../errors.js";
import { type PRNGKey, uniform } from "../random/index.js";

/** Options shared by the continuous distributions. */
export interface ContinuousOptions {
  /**
   * Check concrete parameters at construction (default true) and throw a
   * {@link DistributionError} naming the distribution, parameter and offending value.
   * Parameters traced by `compile` are never read: validation is skipped for them.
   */
  readonly validate?: boolean;
}

function isCompileError(e: unknown): boolean {
  return (
    e instanceof CompileError ||
    (typeof e === "object" && e !== null && (e as { _tag?: unknown })._tag === "CompileError")
  );
}

/**
 * The concrete values of `t`, or `null` when `t` is traced inside `compile` (reading it
 * throws a `CompileError`, which is caught here; any other error is rethrown).
 *
 * This is the robust way to tell traced from concrete tensors: it relies only on the
 * public contract of `compile` ("reading a traced value throws CompileError"), not on
 * internal fields.
 */
export function concreteValues(t: Tensor): Float64Array | null {
  try {
    return t.toArray();
  } catch (e) {
    if (isCompileError(e)) return null;
    throw e;
  }
}

/**
 * Throws a DistributionError when some concrete, non-NaN element of `t` fails `ok`.
 * NaN parameters pass (they propagate to NaN log-densities, as in NumPyro); traced
 * parameters are skipped (see {@link concreteValues}).
 */
export function checkParam(
  dist: string,
  name: string,
  t: Tensor,
  ok: (x: number) => boolean,
  requirement: string,
  options: ContinuousOptions | undefined,
): void {
  if (options?.validate === false) return;
  const values = concreteValues(t);
  if (values === null) return;
  for (const x of values) {
    if (!Number.isNaN(x) && !ok(x)) {
      throw new DistributionError(dist, name, `${name} must be ${requirement}, got ${x}`);
    }
  }
}

/** Checks `lo < hi` elementwise (after broadcasting) on concrete values. */
export function checkOrdered(
  dist: string,
  loName: string,
  hiName: string,
  lo: Tensor,
  hi: Tensor,
  shape: Shape,
  options: ContinuousOptions | undefined,
): void {
  if (options?.validate === false) return;
  const a = concreteValues(broadcastTo(lo, shape));
  const b = concreteValues(broadcastTo(hi, shape));
  if (a === null || b === null) return;
  for (let i = 0; i < a.length; i++) {
    if (!(a[i] < b[i]) && !Number.isNaN(a[i]) && !Number.isNaN(b[i])) {
      throw new DistributionError(
        dist,
        loName,
        `${loName} must be less than ${hiName}, got ${loName} = ${a[i]} and ${hiName} = ${b[i]}`,
      );
    }
  }
}

export const isPositive = (x: number): boolean => x > 0;
export const isFiniteNumber = (x: number): boolean => Number.isFinite(x);
export const isPositiveFinite = (x: number): boolean => x > 0 && x < Number.POSITIVE_INFINITY;

/** Converts a parameter to a tensor. */
export const param = (x: TensorLike): Tensor => toTensor(x);

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

/** A tensor from sampler output. */
export const fromDraws = (draws: Float64Array, shape: Shape): Tensor => tensor(draws, shape);

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
