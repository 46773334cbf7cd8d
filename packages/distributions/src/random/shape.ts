/**
 * Largest number of elements one call may draw. Every float64 draw consumes one Threefry block
 * addressed by 32-bit counters `(i, n + i)`, so `2n` must fit in a uint32.
 */
export const MAX_DRAWS = 2 ** 31 - 1;

/**
 * Number of elements of an array with the given shape (the product of its dimensions; 1 for
 * `[]`). Throws a `RangeError` for a dimension that is not a non-negative integer or for a
 * total above {@link MAX_DRAWS}.
 */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`shape [${shape.join(", ")}] has an invalid dimension ${d}`);
    }
    n *= d;
  }
  if (n > MAX_DRAWS) {
    throw new RangeError(`shape [${shape.join(", ")}] has ${n} elements (max ${MAX_DRAWS})`);
  }
  return n;
}
