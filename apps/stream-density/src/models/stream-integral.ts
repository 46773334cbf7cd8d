/**
 * The GD-1 model's normalisation ∫∫ n(φ₁, φ₂) dφ₁ dφ₂ on the seed's grid, computed from
 * per-column quantities only.
 *
 * The seed evaluates ln n = logaddexp(ln n_stream, ln n_bkg) at every one of the
 * 1201 × 121 grid points and applies its log-Simpson rule twice,
 *
 *   ln V = ln Σ_i Σ_j w₂ᵢ w₁ⱼ (n_stream(φ₁ⱼ, φ₂ᵢ) + n_bkg(φ₁ⱼ)) + ln(h₁/3) + ln(h₂/3),
 *
 * with Simpson weights w = (1, 4, 2, …, 4, 1). Every spline depends on φ₁ only, and the
 * background does not depend on φ₂ at all, so the same sum is
 *
 *   Σ_j exp(c_j) Σ_i w₂ᵢ exp(−½ (φ₂ᵢ − m_j)² e^{−2 s_j})  +  (Σ_i w₂ᵢ) Σ_j w₁ⱼ e^{b_j},
 *   c_j = a_j − s_j − ½ ln 2π + ln w₁ⱼ,
 *
 * which needs one exp per grid point (instead of a logaddexp and a logsumexp term) and
 * four spline evaluations per column. The sum is done in linear space after shifting
 * every term by K = max_j max(c_j − ½ d_j² e^{−2 s_j}, b_j + ln w₁ⱼ + ln Σw₂) (d_j the
 * distance from m_j to the φ₂ window; K is an upper bound of every log-term and within
 * a grid step of the largest one, so nothing overflows and the sum never underflows to
 * zero); K is held constant under differentiation (its gradient contributions cancel).
 * The grid is laid out [φ₁ column, φ₂ row] so that the gradient's reductions run over
 * contiguous rows.
 */
import {
  add,
  clip,
  exp,
  log,
  max,
  maximum,
  mul,
  reshape,
  square,
  stopGradient,
  sub,
  sum,
  type Tensor,
  tensor,
} from "@sidereal/tensor";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Simpson weights 1, 4, 2, 4, …, 2, 4, 1 of the seed's `ln_simpson` (odd n ≥ 3). */
export function simpsonIntegerWeights(n: number): Float64Array {
  if (!Number.isInteger(n) || n < 3 || n % 2 === 0)
    throw new RangeError(`simpsonIntegerWeights: n must be odd and >= 3, got ${n}`);
  return Float64Array.from({ length: n }, (_, i) =>
    i === 0 || i === n - 1 ? 1 : i % 2 === 1 ? 4 : 2,
  );
}

/** Per-column spline values at the grid abscissae φ₁ⱼ (each of length n₁). */
export interface GridColumns {
  /** Stream log-density a(φ₁ⱼ). */
  readonly lnN0: Tensor;
  /** Track m(φ₁ⱼ). */
  readonly mean: Tensor;
  /** Log-width s(φ₁ⱼ). */
  readonly lnStd: Tensor;
  /** Background log-density b(φ₁ⱼ). */
  readonly bkg: Tensor;
}

/**
 * Builds ln V(columns) for the uniform grids `phi1` (n₁ points) and `phi2` (n₂ points;
 * both odd, as the seed's Simpson rule requires, and with spacing x[1] − x[0] as the
 * seed's `dx`). The returned function is traceable (no branches on values). Throws
 * RangeError for even or too short grids.
 */
export function streamLogIntegral(
  phi1: Float64Array,
  phi2: Float64Array,
): (columns: GridColumns) => Tensor {
  const n1 = phi1.length;
  const n2 = phi2.length;
  const w1 = simpsonIntegerWeights(n1);
  const w2 = simpsonIntegerWeights(n2);
  const lnW1 = tensor(w1.map(Math.log));
  const lnSumW2 = Math.log(w2.reduce((s, v) => s + v, 0));
  const lnScale = Math.log((phi1[1] - phi1[0]) / 3) + Math.log((phi2[1] - phi2[0]) / 3);
  const rows = tensor(phi2, [1, n2]);
  const rowWeights = tensor(w2, [1, n2]);
  const lo = phi2[0];
  const hi = phi2[n2 - 1];
  return ({ lnN0, mean, lnStd, bkg }) => {
    const c = sub(add(lnN0, lnW1), add(lnStd, HALF_LOG_2PI));
    const halfInvVar = mul(exp(mul(lnStd, -2)), -0.5);
    const lnBkgTerm = add(add(bkg, lnW1), lnSumW2);
    const outside = sub(mean, clip(mean, lo, hi));
    const peak = add(c, mul(square(outside), halfInvVar));
    const k = stopGradient(maximum(max(peak), max(lnBkgTerm)));
    const col = (t: Tensor) => reshape(t, [n1, 1]);
    const dev = sub(rows, col(mean));
    const stream = exp(add(col(sub(c, k)), mul(square(dev), col(halfInvVar))));
    const total = add(sum(mul(stream, rowWeights)), sum(exp(sub(lnBkgTerm, k))));
    return add(add(log(total), k), lnScale);
  };
}
