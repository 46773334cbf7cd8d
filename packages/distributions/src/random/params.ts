/** Validation predicate for shape/concentration parameters: positive and finite. */
export const isPositiveFinite = (x: number): boolean => x > 0 && x < Number.POSITIVE_INFINITY;

/**
 * Normalises a distribution parameter given as a scalar or as one value per output element:
 * returns a `Float64Array` of length 1 (scalar) or `n`, which samplers read as `p[i % len]`.
 * Every value must satisfy `valid`; otherwise a `RangeError` names the sampler and parameter.
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
    throw new RangeError(
      `${sampler}: ${name} has ${arr.length} values but the shape has ${n} elements`,
    );
  }
  for (let i = 0; i < arr.length; i++) {
    if (!valid(arr[i]!)) {
      throw new RangeError(`${sampler}: ${name} must be ${requirement}, got ${arr[i]}`);
    }
  }
  return arr;
}
