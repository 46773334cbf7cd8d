/**
 * B-spline building blocks for interpolating splines (de Boor, "A Practical Guide to
 * Splines", 1978): the knot vector FITPACK uses for interpolation, the Cox–de Boor
 * recurrence for the k+1 non-zero basis functions, the banded collocation solve, and
 * conversion of a B-spline (t, c, k) to local power-basis pieces.
 */
import { BandedMatrix } from "./banded.js";

/**
 * Knot vector of the interpolating spline of degree k through n points, as placed by
 * FITPACK's curfit with s = 0 (Dierckx, "Curve and Surface Fitting with Splines",
 * 1993, §4.1): k+1 boundary knots at each end; interior knots at the data points
 * x[(k+1)/2 .. n-(k+1)/2-1] for odd k ("not-a-knot"), and at the midpoints
 * (x[j] + x[j+1]) / 2, j = k/2 .. n-k/2-2, for even k. Length n + k + 1.
 */
export function interpolationKnots(x: Float64Array, k: number): Float64Array {
  const n = x.length;
  const t = new Float64Array(n + k + 1);
  for (let i = 0; i <= k; i++) {
    t[i] = x[0];
    t[n + i] = x[n - 1];
  }
  const interior = n - k - 1;
  const half = k >> 1;
  for (let i = 0; i < interior; i++) {
    const j = i + half + 1;
    t[k + 1 + i] = k % 2 === 1 ? x[j] : 0.5 * (x[j - 1] + x[j]);
  }
  return t;
}

/**
 * Index l with t[l] <= x < t[l+1], restricted to the base interval k <= l <= nCoef-1
 * (points at or beyond the right end use the last non-empty interval).
 */
export function findKnotInterval(t: Float64Array, k: number, nCoef: number, x: number): number {
  let lo = k;
  let hi = nCoef - 1;
  if (x >= t[hi]) {
    while (hi > k && t[hi] === t[hi + 1]) hi--;
    return hi;
  }
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (t[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Values of the deg+1 B-splines N_{l-deg..l, deg} that are non-zero on [t[l], t[l+1])
 * at x, written to out[0..deg] (Cox–de Boor recurrence in de Boor's triangular form).
 */
export function basisFunctions(
  t: Float64Array,
  deg: number,
  l: number,
  x: number,
  out: Float64Array,
): void {
  const left = new Float64Array(deg + 1);
  const right = new Float64Array(deg + 1);
  out[0] = 1;
  for (let d = 1; d <= deg; d++) {
    left[d] = x - t[l + 1 - d];
    right[d] = t[l + d] - x;
    let saved = 0;
    for (let r = 0; r < d; r++) {
      const den = right[r + 1] + left[d - r];
      const temp = den === 0 ? 0 : out[r] / den;
      out[r] = saved + right[r + 1] * temp;
      saved = left[d - r] * temp;
    }
    out[d] = saved;
  }
}

/**
 * Factorised collocation matrix A[i, j] = N_{j,k}(x_i) of the interpolation problem
 * A c = y; `solve(y)` returns the n B-spline coefficients in O(n k).
 */
export function collocationSolver(
  x: Float64Array,
  t: Float64Array,
  k: number,
): (y: Float64Array) => Float64Array {
  const n = x.length;
  const rows: { l: number; v: Float64Array }[] = [];
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    const l = findKnotInterval(t, k, n, x[i]);
    const v = new Float64Array(k + 1);
    basisFunctions(t, k, l, x[i], v);
    rows.push({ l, v });
    for (let r = 0; r <= k; r++) {
      if (v[r] === 0) continue;
      const j = l - k + r;
      p = Math.max(p, i - j);
      q = Math.max(q, j - i);
    }
  }
  const a = new BandedMatrix(n, p, q);
  rows.forEach(({ l, v }, i) => {
    for (let r = 0; r <= k; r++) if (v[r] !== 0) a.set(i, l - k + r, v[r]);
  });
  a.factor();
  return (y) => a.solveInPlace(Float64Array.from(y));
}

/**
 * Local power-basis coefficients of the spline (t, c, k) on each non-empty knot
 * interval [t[l], t[l+1]), k <= l < nCoef: row i holds f^(r)(t[l]+)/r!, r = 0..k,
 * so that f(x) = Σ_r P[i, r] (x - t[l])^r. Derivative coefficients by the
 * differencing formula c'_j = (k-r)(c_{j+1} - c_j)/(t_{j+k+1} - t_{j+r+1}).
 */
export function bsplineToPiecewise(
  t: Float64Array,
  c: Float64Array,
  k: number,
  intervals: readonly number[],
): Float64Array {
  const w = k + 1;
  const out = new Float64Array(intervals.length * w);
  let coef = Float64Array.from(c);
  const basis = new Float64Array(w);
  let fact = 1;
  for (let r = 0; r <= k; r++) {
    const deg = k - r;
    // the derivative of order r lives on the knot vector t[r .. len - r)
    const tr = t.subarray(r, t.length - r);
    intervals.forEach((l, i) => {
      const lr = l - r;
      basisFunctions(tr, deg, lr, t[l], basis);
      let s = 0;
      for (let j = 0; j <= deg; j++) s += coef[lr - deg + j] * basis[j];
      out[i * w + r] = s / fact;
    });
    if (r < k) {
      const next = new Float64Array(coef.length - 1);
      for (let j = 0; j < next.length; j++) {
        const den = t[j + k + 1] - t[j + r + 1];
        next[j] = den === 0 ? 0 : ((k - r) * (coef[j + 1] - coef[j])) / den;
      }
      coef = next;
      fact *= r + 1;
    }
  }
  return out;
}
