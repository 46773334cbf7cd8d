import type { PRNGKey } from "./key.js";
/** Validation predicate for shape/concentration parameters: positive and finite. */
import { invalidArgument } from "./random-error.js";
export const isPositiveFinite = (x: number): boolean => x > 0 && x < Number.POSITIVE_INFINITY;

/**
 * Normalises a distribution parameter given as a scalar or as one value per output element:
 * returns a `Float64Array` of length 1 (scalar) or `n`, which samplers read as `p[i % len]`.
 * Every value must satisfy `valid`; otherwise a `RandomArgumentError` (a `RangeError`) names the sampler and parameter.
 */
export function paramArray(
  sampler: string,
  name: string,
  value: number | Float64Array,
  n: number,
  valid: (x: number) => boolean,
  requirement: string,
): Float64Array {
  const arr = typeof value === "number" ? Float64Array.of(value) : value;
  if (typeof value !== "number" && arr.length !== n) {
    invalidArgument(sampler, name, `${arr.length} values`, `one value or ${n} (one per element)`);
  }
  for (let i = 0; i < arr.length; i++) {
    if (!valid(arr[i]!)) {
      invalidArgument(sampler, name, arr[i], requirement);
    }
  }
  return arr;
}

/**
 * A sampler of one parameter given as a scalar or one value per element:
 * `(key, parameter, shape) => draws`.
 */
export type ParamSampler<T> = (
  k: PRNGKey,
  param: number | Float64Array,
  shape: readonly number[],
) => T;
