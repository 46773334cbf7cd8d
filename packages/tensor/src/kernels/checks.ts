/**
 * Argument validation shared by the kernels. Every check is O(1) so it can run on
 * every call without showing up in profiles.
 */

/**
 * Throws a `RangeError` unless `value` is a non-negative safe integer.
 * Layout: none. Complexity: O(1). Bad input: throws `RangeError` naming `name`.
 */
export function checkDim(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Throws a `RangeError` unless `buf[off .. off + length)` lies inside `buf`. A span of
 * length 0 is accepted at any non-negative integer offset.
 * Layout: contiguous span. Complexity: O(1). Bad input: throws `RangeError` naming `name`.
 */
export function checkSpan(name: string, buf: ArrayLike<number>, off: number, length: number): void {
  if (!Number.isSafeInteger(off) || off < 0) {
    throw new RangeError(`${name} offset must be a non-negative integer, got ${off}`);
  }
  if (length > 0 && off + length > buf.length) {
    throw new RangeError(
      `${name} needs ${length} elements from offset ${off} but has length ${buf.length}`,
    );
  }
}
