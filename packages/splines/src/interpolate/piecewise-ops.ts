/**
 * Tensor-op transforms of local power-basis coefficients Q [nIntervals, k+1]
 * (f(x) = Σ_r Q[i, r] (x - b_i)^r on interval i), and Horner evaluation at traced
 * points. Everything is written with @sidereal/tensor ops, so it is differentiable in
 * Q (hence in the knot values) and in the points, and it compiles.
 */
import {
  add,
  concat,
  cumsum,
  div,
  floor,
  mul,
  reshape,
  searchsorted,
  slice,
  sub,
  sum,
  type Tensor,
  take,
  tensor,
  zeros,
} from "@sidereal/tensor";

/** Coefficients of the nu-th derivative, [nIntervals, k+1-nu] (one zero column if nu > k). */
export function derivativeCoefficients(q: Tensor, nu: number): Tensor {
  const w = q.shape[1];
  if (nu === 0) return q;
  if (nu >= w) return mul(slice(q, [null, [0, 1]]), 0);
  const fac = new Float64Array(w - nu);
  for (let r = 0; r < w - nu; r++) {
    let f = 1;
    for (let j = r + 1; j <= r + nu; j++) f *= j;
    fac[r] = f;
  }
  return mul(slice(q, [null, [nu, null]]), tensor(fac, [1, w - nu]));
}

/**
 * Antiderivative F(x) = ∫_{b_0}^x f, as coefficients [nIntervals, k+2] whose column 0
 * is the integral from b_0 to the interval's left breakpoint, and the total integral
 * over [b_0, b_end] (a scalar tensor).
 */
export function antiderivativeCoefficients(
  q: Tensor,
  breaks: Float64Array,
): { coefficients: Tensor; total: Tensor } {
  const [nInt, w] = q.shape;
  const hp = new Float64Array(nInt * w);
  const inv = new Float64Array(w);
  for (let r = 0; r < w; r++) inv[r] = 1 / (r + 1);
  for (let i = 0; i < nInt; i++) {
    const h = breaks[i + 1] - breaks[i];
    let p = h;
    for (let r = 0; r < w; r++) {
      hp[i * w + r] = p * inv[r];
      p *= h;
    }
  }
  const pieces = sum(mul(q, tensor(hp, [nInt, w])), -1);
  const cum = cumsum(pieces);
  const start = nInt === 1 ? zeros([1]) : concat([zeros([1]), slice(cum, [[0, -1]])]);
  const coefficients = concat([reshape(start, [nInt, 1]), mul(q, tensor(inv, [1, w]))], 1);
  return { coefficients, total: reshape(slice(cum, [[-1, null]]), []) };
}

/** Periodic reduction x ↦ x - T·floor((x - b_0)/T) and the number of periods removed. */
export function wrapPeriodic(xs: Tensor, b0: number, period: number): { u: Tensor; k: Tensor } {
  const k = floor(div(sub(xs, b0), period));
  return { u: sub(xs, mul(k, period)), k };
}

/**
 * Σ_r C[i(x), r] (x - b_i)^r by Horner's rule at (possibly traced) points x: the
 * interval index comes from `searchsorted` on the interior breakpoints (clamped to the
 * end intervals: extrapolation by the end pieces).
 */
export function hornerAt(c: Tensor, breaks: Float64Array, xs: Tensor): Tensor {
  const [nInt, w] = c.shape;
  const idx =
    nInt === 1 ? zeros(xs.shape) : searchsorted(tensor(breaks.subarray(1, nInt)), xs, "right");
  const dt = sub(xs, take(tensor(breaks.subarray(0, nInt)), idx));
  const column = (r: number) => take(reshape(slice(c, [null, [r, r + 1]]), [nInt]), idx);
  let acc = column(w - 1);
  for (let r = w - 2; r >= 0; r--) acc = add(mul(acc, dt), column(r));
  return acc;
}
