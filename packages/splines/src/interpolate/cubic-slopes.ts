/**
 * C² cubic interpolation through n points written as piecewise cubic Hermite pieces:
 * the slopes s_i solve a tridiagonal system (cyclic for periodic ends), and interval i
 * (width h_i, secant m_i = (y_{i+1} - y_i)/h_i) has, in powers of (x - x_i),
 *   [y_i, s_i, (3 m_i - 2 s_i - s_{i+1}) / h_i, (s_i + s_{i+1} - 2 m_i) / h_i²].
 * Interior rows: h_i s_{i-1} + 2 (h_{i-1} + h_i) s_i + h_{i-1} s_{i+1}
 *   = 3 (h_i m_{i-1} + h_{i-1} m_i)   (de Boor 1978, ch. IV).
 * End conditions as in scipy's CubicSpline: "not-a-knot" (continuous third derivative
 * at x_1 and x_{n-2}; a parabola for n = 3, a line for n = 2), "natural" (zero second
 * derivative), "clamped" (zero first derivative), "periodic" (s_0 = s_{n-1}; the
 * cyclic system is solved with the Sherman–Morrison formula, Press et al.,
 * "Numerical Recipes", 3rd ed., §2.7.2).
 */
import { BandedMatrix } from "./banded.js";

export type CubicBoundary = "not-a-knot" | "natural" | "clamped" | "periodic";

/** Returns y ↦ power-basis coefficients, flat [n-1, 4], for fixed x and boundary. */
export function cubicHermiteSolver(
  x: Float64Array,
  bc: CubicBoundary,
): (y: Float64Array) => Float64Array {
  const n = x.length;
  const h = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) h[i] = x[i + 1] - x[i];
  const slopes = slopeSolver(h, bc);
  return (y) => {
    const m = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) m[i] = (y[i + 1] - y[i]) / h[i];
    const s = slopes(m);
    const out = new Float64Array((n - 1) * 4);
    for (let i = 0; i < n - 1; i++) {
      out[4 * i] = y[i];
      out[4 * i + 1] = s[i];
      out[4 * i + 2] = (3 * m[i] - 2 * s[i] - s[i + 1]) / h[i];
      out[4 * i + 3] = (s[i] + s[i + 1] - 2 * m[i]) / (h[i] * h[i]);
    }
    return out;
  };
}

/** Slopes (length n) from secants m (length n-1). */
function slopeSolver(h: Float64Array, bc: CubicBoundary): (m: Float64Array) => Float64Array {
  const n = h.length + 1;
  if (bc === "periodic") return periodicSlopes(h);
  if (bc === "not-a-knot" && n === 2) return (m) => Float64Array.of(m[0], m[0]);
  if (bc === "not-a-knot" && n === 3) {
    // the parabola through three points: p' is linear and equals m_i mid-interval
    return (m) => {
      const curv = (2 * (m[1] - m[0])) / (h[0] + h[1]);
      return Float64Array.of(
        m[0] - (curv * h[0]) / 2,
        m[0] + (curv * h[0]) / 2,
        m[1] + (curv * h[1]) / 2,
      );
    };
  }
  const a = new BandedMatrix(n, 1, 1);
  for (let i = 1; i < n - 1; i++) {
    a.set(i, i - 1, h[i]);
    a.set(i, i, 2 * (h[i - 1] + h[i]));
    a.set(i, i + 1, h[i - 1]);
  }
  const last = n - 1;
  if (bc === "not-a-knot") {
    a.set(0, 0, h[1]);
    a.set(0, 1, h[0] + h[1]);
    a.set(last, last - 1, h[last - 1] + h[last - 2]);
    a.set(last, last, h[last - 2]);
  } else if (bc === "natural") {
    a.set(0, 0, 2);
    a.set(0, 1, 1);
    a.set(last, last - 1, 1);
    a.set(last, last, 2);
  } else {
    a.set(0, 0, 1);
    a.set(last, last, 1);
  }
  a.factor();
  return (m) => {
    const r = new Float64Array(n);
    for (let i = 1; i < n - 1; i++) r[i] = 3 * (h[i] * m[i - 1] + h[i - 1] * m[i]);
    if (bc === "not-a-knot") {
      const d0 = h[0] + h[1];
      r[0] = ((h[0] + 2 * d0) * h[1] * m[0] + h[0] * h[0] * m[1]) / d0;
      const hl = h[last - 1];
      const hp = h[last - 2];
      const d1 = hl + hp;
      r[last] = (hl * hl * m[last - 2] + (2 * d1 + hl) * hp * m[last - 1]) / d1;
    } else if (bc === "natural") {
      r[0] = 3 * m[0];
      r[last] = 3 * m[last - 1];
    }
    return a.solveInPlace(r);
  };
}

/** Periodic slopes: unknowns s_0..s_{N-1}, N = n-1, indices taken mod N. */
function periodicSlopes(h: Float64Array): (m: Float64Array) => Float64Array {
  const nn = h.length;
  const prev = (i: number) => (i + nn - 1) % nn;
  const rhs = (m: Float64Array) => {
    const r = new Float64Array(nn);
    for (let i = 0; i < nn; i++) r[i] = 3 * (h[i] * m[prev(i)] + h[prev(i)] * m[i]);
    return r;
  };
  const finish = (s: Float64Array) => {
    const out = new Float64Array(nn + 1);
    out.set(s);
    out[nn] = s[0];
    return out;
  };
  if (nn === 2) {
    // both neighbours of each unknown are the other unknown
    const a00 = 2 * (h[1] + h[0]);
    const a01 = h[0] + h[1];
    const det = a00 * a00 - a01 * a01;
    return (m) => {
      const r = rhs(m);
      return finish(
        Float64Array.of((a00 * r[0] - a01 * r[1]) / det, (a00 * r[1] - a01 * r[0]) / det),
      );
    };
  }
  // A = T + u vᵀ with the corner entries moved into u, v (Numerical Recipes §2.7.2)
  const diag = (i: number) => 2 * (h[prev(i)] + h[i]);
  const beta = h[0]; // A[0, N-1]: coefficient of s_{-1} = s_{N-1} in row 0
  const alpha = h[nn - 2]; // A[N-1, 0]: coefficient of s_N = s_0 in row N-1
  const gamma = -diag(0);
  const t = new BandedMatrix(nn, 1, 1);
  for (let i = 0; i < nn; i++) {
    t.set(i, i, diag(i));
    if (i > 0) t.set(i, i - 1, h[i]);
    if (i < nn - 1) t.set(i, i + 1, h[prev(i)]);
  }
  t.set(0, 0, diag(0) - gamma);
  t.set(nn - 1, nn - 1, diag(nn - 1) - (alpha * beta) / gamma);
  t.factor();
  const u = new Float64Array(nn);
  u[0] = gamma;
  u[nn - 1] = alpha;
  const z = t.solveInPlace(u);
  const vz = z[0] + (beta / gamma) * z[nn - 1];
  return (m) => {
    const sol = t.solveInPlace(rhs(m));
    const fac = (sol[0] + (beta / gamma) * sol[nn - 1]) / (1 + vz);
    for (let i = 0; i < nn; i++) sol[i] -= fac * z[i];
    return finish(sol);
  };
}
