import { normal, type PRNGKey } from "@sidereal/distributions";
import { choleskyLower, matmulUnchecked, triangularSolve } from "@sidereal/tensor/kernels";
import { McmcParameterError, McmcShapeError, McmcValueError } from "./errors.js";
import type { InverseMassMatrix } from "./types.js";

/**
 * The Euclidean metric of HMC for an inverse mass matrix `M⁻¹`: kinetic energy
 * `K(p) = ½ pᵀ M⁻¹ p`, velocity `p♯ = M⁻¹ p` and momentum draws `p ~ N(0, M)`.
 */
export interface Metric {
  /** Dimension `d`. */
  readonly dim: number;
  /** Whether `M⁻¹` is dense (`d·d` entries) rather than diagonal. */
  readonly dense: boolean;
  /** The inverse mass matrix the metric was built from (not copied; do not mutate). */
  readonly inverseMassMatrix: InverseMassMatrix;
  /** The diagonal of `M⁻¹` when the metric is diagonal (enables fused loops), else `null`. */
  readonly diagonal: Float64Array | null;
  /** `K(p) = ½ pᵀ M⁻¹ p`. */
  kineticEnergy(p: Float64Array): number;
  /** Writes `M⁻¹ p` into `out` (`out` must not alias `p`). */
  velocity(p: Float64Array, out: Float64Array): void;
  /**
   * Writes a draw `p ~ N(0, M)` into `out`: `p = z / √diag(M⁻¹)` (diagonal) or `p = L⁻ᵀ z`
   * with `M⁻¹ = L Lᵀ` (dense), `z = normal(key, [d])`.
   */
  sampleMomentum(key: PRNGKey, out: Float64Array): void;
}

/**
 * Builds the {@link Metric} of `inverseMassMatrix` for dimension `dim`. Throws
 * {@link McmcShapeError} when the length is neither `dim` nor `dim²`,
 * {@link McmcParameterError} when a diagonal entry is not finite and positive, and
 * `McmcValueError` when a dense matrix is not positive definite (the Cholesky factor is computed
 * once here, `O(d³)`).
 */
export function buildMetric(inverseMassMatrix: InverseMassMatrix, dim: number): Metric {
  const n = inverseMassMatrix.length;
  if (n === dim) {
    const inv = inverseMassMatrix;
    const invSqrt = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      const v = inv[i];
      if (!(v > 0) || !Number.isFinite(v)) {
        throw new McmcParameterError(`inverseMassMatrix[${i}] must be finite and > 0, got ${v}`);
      }
      invSqrt[i] = Math.sqrt(v);
    }
    return {
      dim,
      dense: false,
      inverseMassMatrix,
      diagonal: inv,
      kineticEnergy(p) {
        let s = 0;
        for (let i = 0; i < dim; i++) s += p[i] * p[i] * inv[i];
        return 0.5 * s;
      },
      velocity(p, out) {
        for (let i = 0; i < dim; i++) out[i] = inv[i] * p[i];
      },
      sampleMomentum(key, out) {
        const z = normal(key, [dim]);
        for (let i = 0; i < dim; i++) out[i] = z[i] / invSqrt[i];
      },
    };
  }
  if (n !== dim * dim) {
    throw new McmcShapeError(
      `inverseMassMatrix has length ${n}; expected ${dim} (diagonal) or ${dim * dim} (dense) for dimension ${dim}`,
    );
  }
  const inv = inverseMassMatrix;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(inv[i])) {
      throw new McmcParameterError(`inverseMassMatrix[${i}] is not finite (${inv[i]})`);
    }
  }
  const chol = new Float64Array(n);
  if (!choleskyLower(inv, 0, dim, chol, 0))
    throw new McmcValueError("inverse mass matrix is not positive definite");
  const tmp = new Float64Array(dim);
  const matVec = (x: Float64Array, out: Float64Array) =>
    // out = A x as rows of A dotted with x (x read as the 1×d matrix Bᵀ)
    matmulUnchecked(inv, 0, x, 0, out, 0, dim, dim, 1, false, true);
  // p = L⁻ᵀ z has covariance (L Lᵀ)⁻¹ = M when z ~ N(0, I)
  const solveLowerTranspose = { lower: true, transpose: true } as const;
  return {
    dim,
    dense: true,
    inverseMassMatrix,
    diagonal: null,
    kineticEnergy(p) {
      matVec(p, tmp);
      let s = 0;
      for (let i = 0; i < dim; i++) s += p[i] * tmp[i];
      return 0.5 * s;
    },
    velocity(p, out) {
      matVec(p, out);
    },
    sampleMomentum(key, out) {
      out.set(normal(key, [dim]));
      triangularSolve(chol, 0, dim, out, 0, 1, out, 0, solveLowerTranspose);
    },
  };
}

/**
 * Returns a memoised `buildMetric` keyed on the identity of the inverse-mass-matrix array and
 * the dimension, so kernels factorise a dense matrix once rather than on every transition.
 */
export function metricCache(): (inverseMassMatrix: InverseMassMatrix, dim: number) => Metric {
  let last: Metric | undefined;
  return (inverseMassMatrix, dim) => {
    if (last === undefined || last.inverseMassMatrix !== inverseMassMatrix || last.dim !== dim) {
      last = buildMetric(inverseMassMatrix, dim);
    }
    return last;
  };
}
