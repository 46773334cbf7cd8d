/**
 * Largest number of elements one call may draw. Every float64 draw consumes one Threefry block
 * addressed by 32-bit counters `(i, n + i)`, so `2n` must fit in a uint32.
 */
import { invalidArgument } from "./random-error.js";
export const MAX_DRAWS = 2 ** 31 - 1;

/**
 * Number of elements of an array with the given shape (the product of its dimensions; 1 for
 * `[]`). Throws a `RandomArgumentError` (a `RangeError`) for a dimension that is not a non-negative integer or for a
 * total above {@link MAX_DRAWS}.
 */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      invalidArgument("shape", "shape", shape, "non-negative integer dimensions");
    }
    n *= d;
  }
  if (n > MAX_DRAWS) {
    invalidArgument("shape", "shape", shape, `at most ${MAX_DRAWS} elements`);
  }
  return n;
}
