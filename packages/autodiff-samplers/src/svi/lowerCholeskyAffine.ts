/**
 * The hand-written affine path (see `AffineDraws` in family.ts) of the full-rank Gaussian
 * family `mvnFamily`: raw blocks [loc (D), R (packed, D(D+1)/2)] with L = lowerCholesky(R)
 * (guideParams.ts): L_ij = R[k_ij] below the diagonal (k_ij = i(i−1)/2 + j), and
 * L_ii = softplus(r_i) with r_i = R[D(D−1)/2 + i].
 *
 *   forward:   u_p = loc + L ε_p,   log|det L| = Σ_i log L_ii
 *   backward:  ∂/∂loc_i = Σ_p gU_pi
 *              ∂/∂R[k_ij] = Σ_p gU_pi ε_pj                          (j < i)
 *              ∂/∂r_i     = (Σ_p gU_pi ε_pi + w / L_ii) · σ(r_i)    (w = logDetWeight)
 *
 * Each direction reads or writes the packed triangle once, row by row (contiguous), with the
 * particles in the inner loop so that a row is read once per step. Sums run over j in
 * increasing order, as the traced `matmul(ε, Lᵀ)` does.
 */
import type { AffineDraws } from "./family.js";
import { packedTrilIndex, packedTrilSize, sigmoidScalar, softplusScalar } from "./guideParams.js";

/** The affine path of a D-dimensional `auto_loc` / `auto_scale_tril` pair (see the module doc). */
export function lowerCholeskyAffine(dim: number): AffineDraws {
  const diag0 = packedTrilSize(dim) - dim;
  return {
    forward(raw, eps, numDraws, uOut) {
      const [loc, r] = raw;
      let logDet = 0;
      for (let i = 0; i < dim; i++) {
        const row = packedTrilIndex(i, 0);
        const lii = softplusScalar(r[diag0 + i]);
        logDet += Math.log(lii);
        for (let p = 0; p < numDraws; p++) {
          const e = p * dim;
          let s = 0;
          for (let j = 0; j < i; j++) s += r[row + j] * eps[e + j];
          s += lii * eps[e + i];
          uOut[e + i] = loc[i] + s;
        }
      }
      return logDet;
    },
    backward(raw, eps, numDraws, gU, logDetWeight, gradOut) {
      const r = raw[1];
      const [gLoc, gR] = gradOut;
      for (let i = 0; i < dim; i++) {
        const row = packedTrilIndex(i, 0);
        let gl = 0;
        let gd = 0;
        for (let p = 0; p < numDraws; p++) {
          const g = gU[p * dim + i];
          gl += g;
          gd += g * eps[p * dim + i];
        }
        gLoc[i] = gl;
        // strictly lower part: the outer products gU_p ε_pᵀ summed over the particles
        const g0 = gU[i];
        for (let j = 0; j < i; j++) gR[row + j] = g0 * eps[j];
        for (let p = 1; p < numDraws; p++) {
          const g = gU[p * dim + i];
          const e = p * dim;
          for (let j = 0; j < i; j++) gR[row + j] += g * eps[e + j];
        }
        const ri = r[diag0 + i];
        gR[diag0 + i] = (gd + logDetWeight / softplusScalar(ri)) * sigmoidScalar(ri);
      }
    },
  };
}
