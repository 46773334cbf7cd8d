/**
 * The two steps that turn an EDSD posterior tabulated on a uniform grid in u = ln r into
 * summaries, shared by the single-star code and the batched catalogue code.
 */

/**
 * Inverts the trapezoid CDF `cum` of the density `f` (unnormalised, on the grid `u` of step
 * `h`) at `target`. Within a cell the density is linear in t ∈ [0, 1], so the cell's integral
 * h (f0 t + (f1 − f0) t²/2) is a quadratic in t, solved in closed form. Returns r = e^u.
 */
export function trapezoidQuantile(
  target: number,
  u: Float64Array,
  f: Float64Array,
  cum: Float64Array,
  h: number,
): number {
  let lo = 0;
  let hi = u.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] <= target) lo = mid;
    else hi = mid;
  }
  const f0 = f[lo];
  const f1 = f[hi];
  const need = (target - cum[lo]) / h;
  const df = f1 - f0;
  let t: number;
  if (Math.abs(df) < 1e-14 * Math.max(f0, f1)) t = f0 > 0 ? need / f0 : 0.5;
  else t = (-f0 + Math.sqrt(Math.max(f0 * f0 + 2 * df * need, 0))) / df;
  t = Math.min(Math.max(t, 0), 1);
  return Math.exp(u[lo] + t * h);
}

/**
 * The mode of the EDSD posterior in r: d/dr log p = −g(r)/r³ with
 * g(r) = r³/L − 2r² + (1000 w/σ²) r − 10⁶/σ² (Bailer-Jones 2015, Eq. 19, in pc and mas),
 * solved by bisection between the grid neighbours of the best grid point `iMax` of `u`.
 * At the grid's edge, or without a sign change, the grid point itself is returned.
 */
export function edsdModeNear(
  iMax: number,
  w: number,
  s: number,
  L: number,
  u: Float64Array,
): number {
  if (iMax === 0 || iMax === u.length - 1) return Math.exp(u[iMax]);
  const s2 = s * s;
  const g = (r: number) => ((r / L - 2) * r + (1000 * w) / s2) * r - 1e6 / s2;
  let lo = Math.exp(u[iMax - 1]);
  let hi = Math.exp(u[iMax + 1]);
  if (!(g(lo) <= 0 && g(hi) >= 0)) return Math.exp(u[iMax]);
  for (let k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) <= 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
