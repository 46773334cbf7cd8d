import { GmmError, illDefinedCovarianceMessage } from "./errors.js";
import {
  aat,
  choleskyLower,
  invertLower,
  isLowerTriangular,
  sumLogDiag,
  transpose,
} from "./linalg.js";

/**
 * Covariance parameterisations (scikit-learn's `covariance_type`), with the layout of
 * `covariances` / `precisionsCholesky` (row-major `Float64Array`s):
 * - `"full"`: one d×d matrix per component, length K·d·d;
 * - `"tied"`: one d×d matrix shared by all components, length d·d;
 * - `"diag"`: one diagonal (d variances) per component, length K·d;
 * - `"spherical"`: one variance per component, length K.
 */
export type CovarianceType = "full" | "diag" | "spherical" | "tied";

export const COVARIANCE_TYPES: readonly CovarianceType[] = ["full", "diag", "spherical", "tied"];

/** Length of the flat covariance array for a covariance type (see {@link CovarianceType}). */
export function covarianceLength(type: CovarianceType, K: number, d: number): number {
  switch (type) {
    case "full":
      return K * d * d;
    case "tied":
      return d * d;
    case "diag":
      return K * d;
    case "spherical":
      return K;
  }
}

/**
 * Number of free parameters of a K-component mixture in d dimensions (scikit-learn's
 * `_n_parameters`): (K − 1) weights + K·d means + covariance parameters, the latter
 * K·d(d+1)/2 (full), d(d+1)/2 (tied), K·d (diag) or K (spherical).
 */
export function nParameters(type: CovarianceType, K: number, d: number): number {
  let cov: number;
  switch (type) {
    case "full":
      cov = (K * d * (d + 1)) / 2;
      break;
    case "tied":
      cov = (d * (d + 1)) / 2;
      break;
    case "diag":
      cov = K * d;
      break;
    case "spherical":
      cov = K;
      break;
  }
  return cov + K * d + K - 1;
}

/**
 * Cholesky factors of the precision matrices from covariances (scikit-learn's
 * `_compute_precision_cholesky`): for full/tied, `U = (L⁻¹)ᵀ` with `Σ = L Lᵀ`, so `U` is upper
 * triangular and `Σ⁻¹ = U Uᵀ`; for diag/spherical, `1/√σ²`. Throws `GmmError`
 * (`"illDefinedCovariance"`) when a covariance is not positive definite.
 */
export function precisionCholeskyFromCovariances(
  cov: Float64Array,
  type: CovarianceType,
  K: number,
  d: number,
  context = "fitGaussianMixture",
): Float64Array {
  const out = new Float64Array(cov.length);
  if (type === "full" || type === "tied") {
    const m = type === "full" ? K : 1;
    for (let k = 0; k < m; k++) {
      const L = choleskyLower(cov, d, k * d * d);
      if (L === null)
        throw new GmmError("illDefinedCovariance", illDefinedCovarianceMessage(context));
      const U = transpose(invertLower(L, d), d);
      out.set(U, k * d * d);
    }
  } else {
    for (let i = 0; i < cov.length; i++) {
      const v = cov[i]!;
      if (!(v > 0) || !Number.isFinite(v)) {
        throw new GmmError("illDefinedCovariance", illDefinedCovarianceMessage(context));
      }
      out[i] = 1 / Math.sqrt(v);
    }
  }
  return out;
}

/**
 * Cholesky factors of given precision matrices (scikit-learn's handling of `precisions_init`):
 * lower Cholesky factor of each precision matrix (full/tied), square roots (diag/spherical).
 * Throws `GmmError` (`"option"`) if a precision is not positive definite.
 */
export function precisionCholeskyFromPrecisions(
  prec: Float64Array,
  type: CovarianceType,
  K: number,
  d: number,
): Float64Array {
  const out = new Float64Array(prec.length);
  if (type === "full" || type === "tied") {
    const m = type === "full" ? K : 1;
    for (let k = 0; k < m; k++) {
      const L = choleskyLower(prec, d, k * d * d);
      if (L === null) {
        throw new GmmError("option", "precisionsInit: not positive definite", "precisionsInit");
      }
      out.set(L, k * d * d);
    }
  } else {
    for (let i = 0; i < prec.length; i++) {
      const v = prec[i]!;
      if (!(v > 0)) {
        throw new GmmError("option", "precisionsInit: must be positive", "precisionsInit");
      }
      out[i] = Math.sqrt(v);
    }
  }
  return out;
}

/**
 * Covariances from precision Cholesky factors `C` (lower or upper triangular, `Σ⁻¹ = C Cᵀ`):
 * `Σ = C⁻ᵀ C⁻¹`, formed from the inverse of the triangular factor only.
 */
export function covariancesFromPrecisionCholesky(
  pc: Float64Array,
  type: CovarianceType,
  K: number,
  d: number,
): Float64Array {
  const out = new Float64Array(pc.length);
  if (type === "full" || type === "tied") {
    const m = type === "full" ? K : 1;
    for (let k = 0; k < m; k++) {
      const C = pc.slice(k * d * d, (k + 1) * d * d);
      let cov: Float64Array;
      if (isLowerTriangular(C, d)) {
        // Σ = (C⁻¹)ᵀ C⁻¹ = Mᵀ M with M = C⁻¹ lower.
        const Mt = transpose(invertLower(C, d), d);
        cov = aat(Mt, d);
      } else {
        // C upper: Σ = (Cᵀ)⁻¹ᵀ … = M Mᵀ with M = (Cᵀ)⁻¹ lower.
        const M = invertLower(transpose(C, d), d);
        cov = aat(M, d);
      }
      out.set(cov, k * d * d);
    }
  } else {
    for (let i = 0; i < pc.length; i++) out[i] = 1 / (pc[i]! * pc[i]!);
  }
  return out;
}

/**
 * Log-determinant of each component's precision Cholesky factor, i.e. ½ log det Σₖ⁻¹
 * (scikit-learn's `_compute_log_det_cholesky`), one entry per component.
 */
export function logDetPrecisionCholesky(
  pc: Float64Array,
  type: CovarianceType,
  K: number,
  d: number,
): Float64Array {
  const out = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    switch (type) {
      case "full":
        out[k] = sumLogDiag(pc, d, k * d * d);
        break;
      case "tied":
        out[k] = sumLogDiag(pc, d, 0);
        break;
      case "diag": {
        let s = 0;
        for (let j = 0; j < d; j++) s += Math.log(pc[k * d + j]!);
        out[k] = s;
        break;
      }
      case "spherical":
        out[k] = d * Math.log(pc[k]!);
        break;
    }
  }
  return out;
}

/** Full d×d covariance matrix of component k, whatever the covariance type. */
export function componentCovariance(
  cov: Float64Array,
  type: CovarianceType,
  k: number,
  d: number,
): Float64Array {
  switch (type) {
    case "full":
      return cov.slice(k * d * d, (k + 1) * d * d);
    case "tied":
      return cov.slice(0, d * d);
    case "diag": {
      const out = new Float64Array(d * d);
      for (let j = 0; j < d; j++) out[j * d + j] = cov[k * d + j]!;
      return out;
    }
    case "spherical": {
      const out = new Float64Array(d * d);
      for (let j = 0; j < d; j++) out[j * d + j] = cov[k]!;
      return out;
    }
  }
}
