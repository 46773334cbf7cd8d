import { expect } from "vitest";

/**
 * Largest |a - e| relative to the array's scale max(max|e|, floor). The floor (default
 * 1e-3, the fixtures' data being O(1)) keeps identically-zero references (a linear
 * spline's second derivative, which scipy returns as ±1e-14 rounding) meaningful.
 */
export function maxRelError(
  actual: ArrayLike<number>,
  expected: readonly number[],
  floor = 1e-3,
): number {
  expect(actual.length).toBe(expected.length);
  let scale = floor;
  for (const e of expected) scale = Math.max(scale, Math.abs(e));
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / scale);
  return worst;
}

/** Asserts agreement to `rtol` relative to the largest reference magnitude. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  rtol: number,
  floor = 1e-3,
) {
  const err = maxRelError(actual, expected, floor);
  expect(err, `max scaled error ${err}`).toBeLessThanOrEqual(rtol);
  return err;
}

/** max |v| (a natural scale for derivative arrays that may vanish identically). */
export const maxAbs = (v: readonly number[]): number =>
  v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
