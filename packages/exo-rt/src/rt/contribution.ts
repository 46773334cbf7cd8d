/**
 * Contribution function (ExoJAX `plotcf` without the plot, research/exojax.md §9):
 * cf[i, k] = e^{−τ_i} dτ_i (P_i/dP_i) ν³ / expm1(c2 ν/T_i), τ_i including layer i,
 * normalised over layers for every wavenumber by default.
 */
import { HC_PER_K } from "../constants.js";

export function contributionFunction(
  nuGrid: Float64Array,
  dtau: Float64Array,
  tarr: ArrayLike<number>,
  pressure: ArrayLike<number>,
  dParr: ArrayLike<number>,
  normalize = true,
): Float64Array {
  const n = nuGrid.length;
  const nl = tarr.length;
  const cf = new Float64Array(nl * n);
  const tau = new Float64Array(n);
  for (let i = 0; i < nl; i++)
    for (let k = 0; k < n; k++) {
      const d = dtau[i * n + k];
      tau[k] += d;
      const nu = nuGrid[k];
      cf[i * n + k] =
        (Math.exp(-tau[k]) * d * (pressure[i] / dParr[i]) * nu * nu * nu) /
        Math.expm1((HC_PER_K * nu) / tarr[i]);
    }
  if (normalize)
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let i = 0; i < nl; i++) s += cf[i * n + k];
      if (s > 0) for (let i = 0; i < nl; i++) cf[i * n + k] /= s;
    }
  return cf;
}
