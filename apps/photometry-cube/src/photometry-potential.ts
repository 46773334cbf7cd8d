/**
 * The posterior of one galaxy's photometry under the cube's forward model and priors
 * (spec §4.5), as a potential for @sidereal/autodiff-samplers' NUTS.
 *
 * - Prior: agnfinder's, uniform on the normalised hypercube u ∈ (0, 1)^9 (so log-uniform in
 *   the `log_*` parameters).
 * - Unconstrained coordinates q = logit(u): U(q) = χ²(θ(u))/2 − Σ log(u(1 − u)), the second
 *   term being the log-Jacobian of u = σ(q).
 * - Likelihood: Prospector's, independent Gaussians on the maggies, χ² = Σ ((f_b(θ) − x_b)/σ_b)².
 * - Gradient: the forward model is a Float64Array function with no derivatives, so ∂χ²/∂q is
 *   a finite difference with step h in q: central (2·D extra forward runs, error O(h²)) or
 *   forward (D extra runs, error O(h)); the Jacobian term is exact. An inexact gradient does
 *   not bias NUTS: the leapfrog map with any position-dependent force is still reversible and
 *   volume-preserving, and the trajectory's states are weighted by the exact U, so a gradient
 *   error only costs acceptance (step size), not correctness.
 */

/** A forward model from the normalised hypercube: u (D) → maggies (F). */
export type UnitForward = (u: Float64Array) => Float64Array;

export interface PhotometryPotential {
  /** U(q) with ∂U/∂q written into `grad` (the autodiff-samplers `Potential`). */
  readonly potential: (q: Float64Array, grad: Float64Array) => number;
  /** Forward-model runs so far. */
  readonly calls: () => number;
}

const sigmoid = (q: number) => 1 / (1 + Math.exp(-q));

/** ½χ² of the maggies `f` against `x` with errors `sigma`. */
export function halfChiSquare(
  f: ArrayLike<number>,
  x: ArrayLike<number>,
  sigma: ArrayLike<number>,
) {
  let s = 0;
  for (let b = 0; b < x.length; b++) {
    const r = (f[b] - x[b]) / sigma[b];
    s += r * r;
  }
  return 0.5 * s;
}

/** The potential of `x` ± `sigma` under `forward` (see the module doc). */
export function photometryPotential(
  forward: UnitForward,
  x: ArrayLike<number>,
  sigma: ArrayLike<number>,
  options: { readonly h?: number; readonly scheme?: "central" | "forward" } = {},
): PhotometryPotential {
  const scheme = options.scheme ?? "central";
  const h = options.h ?? (scheme === "central" ? 1e-5 : 1e-6);
  let calls = 0;
  const D = { n: 0 };
  const like = (q: Float64Array, u: Float64Array): number => {
    for (let j = 0; j < q.length; j++) u[j] = sigmoid(q[j]);
    calls++;
    const v = halfChiSquare(forward(u), x, sigma);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let u = new Float64Array(0);
  let qs = new Float64Array(0);
  return {
    calls: () => calls,
    potential: (q, grad) => {
      if (D.n !== q.length) {
        D.n = q.length;
        u = new Float64Array(q.length);
        qs = new Float64Array(q.length);
      }
      if (!q.every(Number.isFinite)) return Number.NaN;
      const value = like(q, u);
      if (!Number.isFinite(value)) return Number.POSITIVE_INFINITY;
      let logJacobian = 0;
      for (let j = 0; j < q.length; j++) {
        const s = sigmoid(q[j]);
        // log(u(1 − u)) = −softplus(−q) − softplus(q), stable for large |q|
        logJacobian += -Math.log1p(Math.exp(-Math.abs(q[j]))) * 2 - Math.abs(q[j]);
        qs.set(q);
        qs[j] = q[j] + h;
        const up = like(qs, u);
        let dChi: number;
        if (scheme === "central") {
          qs[j] = q[j] - h;
          dChi = (up - like(qs, u)) / (2 * h);
        } else dChi = (up - value) / h;
        // d/dq of −log(u(1 − u)) = −(1 − 2u) = 2u − 1
        grad[j] = dChi + (2 * s - 1);
      }
      return value - logJacobian;
    },
  };
}
