/**
 * Quadrature weights w (∫ f ≈ Σ_i w_i f(x_i)) for sample points x, as used by
 * trapezoid/simpson and their log-space versions. Points may be unevenly spaced and
 * in either order (decreasing x gives the negated integral, as in scipy).
 */
import type { TensorLike } from "@sidereal/tensor";
import { readConstant } from "../constant-array.js";
import { SplineShapeError, SplineValueError } from "../errors.js";

/** Sample spacing: a number is a uniform step dx; an array gives the sample points x. */
export type Spacing = number | TensorLike;

/** Resolves `spacing` to n sample points (x_i = i·dx for a step). */
export function samplePoints(op: string, spacing: Spacing, n: number): Float64Array {
  if (typeof spacing === "number") {
    if (!Number.isFinite(spacing))
      throw new SplineValueError(op, `dx must be finite, got ${spacing}`);
    return Float64Array.from({ length: n }, (_, i) => i * spacing);
  }
  const { values, shape } = readConstant(spacing);
  if (shape.length !== 1 || values.length !== n)
    throw new SplineShapeError(
      op,
      `x must be 1-D of length ${n} (the integration axis), got [${shape}]`,
    );
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(values[i]))
      throw new SplineValueError(op, `x[${i}] = ${values[i]} is not finite`);
  return values;
}

/** Trapezoid weights: w_0 = h_0/2, w_i = (h_{i-1} + h_i)/2, w_{n-1} = h_{n-2}/2. */
export function trapezoidWeights(x: Float64Array): Float64Array {
  const n = x.length;
  const w = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) {
    const h = (x[i + 1] - x[i]) / 2;
    w[i] += h;
    w[i + 1] += h;
  }
  return w;
}

/**
 * Simpson weights with scipy ≥ 1.11 semantics (scipy.integrate.simpson):
 * - n = 1: zero; n = 2: the trapezoid rule;
 * - odd n: composite Simpson on panels (x_{2j}, x_{2j+1}, x_{2j+2}) with unequal
 *   widths h0, h1: weights (h0+h1)/6 · [2 - h1/h0, (h0+h1)²/(h0 h1), 2 - h0/h1];
 * - even n ≥ 4: Simpson on the first n-1 points, plus Cartwright's correction for the
 *   last interval (h0 = x_{n-2} - x_{n-3}, h1 = x_{n-1} - x_{n-2}):
 *   α y_{n-1} + β y_{n-2} - η y_{n-3}, α = (2h1² + 3h0h1)/(6(h0+h1)),
 *   β = (h1² + 3h0h1)/(6h0), η = h1³/(6h0(h0+h1))
 *   (Cartwright, "Simpson's Rule Cumulative Integration with MS Excel and Irregularly-
 *   spaced Data", J. Math. Sci. Math. Educ. 12(2), 2017).
 * Repeated points (a zero width inside a panel) give non-finite weights.
 */
export function simpsonWeights(x: Float64Array): Float64Array {
  const n = x.length;
  if (n <= 2) return n === 2 ? trapezoidWeights(x) : new Float64Array(n);
  const w = new Float64Array(n);
  const odd = n % 2 === 1 ? n : n - 1;
  for (let j = 0; j + 2 < odd; j += 2) {
    const h0 = x[j + 1] - x[j];
    const h1 = x[j + 2] - x[j + 1];
    const hs = h0 + h1;
    const f = hs / 6;
    w[j] += f * (2 - h1 / h0);
    w[j + 1] += (f * hs * hs) / (h0 * h1);
    w[j + 2] += f * (2 - h0 / h1);
  }
  if (odd !== n) {
    const h0 = x[n - 2] - x[n - 3];
    const h1 = x[n - 1] - x[n - 2];
    w[n - 1] += (2 * h1 * h1 + 3 * h0 * h1) / (6 * (h0 + h1));
    w[n - 2] += (h1 * h1 + 3 * h0 * h1) / (6 * h0);
    w[n - 3] -= (h1 * h1 * h1) / (6 * h0 * (h0 + h1));
  }
  return w;
}
