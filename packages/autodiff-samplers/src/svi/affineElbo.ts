/**
 * The ELBO of a family with a hand-written affine path (`family.affine`, see family.ts):
 * only Σ_p U(u_p) is compiled, as a function of the draws u [P, D]; each call does
 *
 *   u = μ + Lε, log|det L|            (affine.forward)
 *   trace:      L(φ) = (1/P) Σ_p U(u_p) + (1/P) Σ_p [−½‖ε_p‖² − (D/2) log 2π − log|det L|]
 *   mean field: L(φ) = (1/P) Σ_p U(u_p) − [log|det L| + (D/2)(1 + log 2π)]       (−H[q])
 *   gradient:   gU = (1/P) ∂(Σ_p U)/∂u, then affine.backward with logDetWeight = −1
 *               (log|det L| enters both losses with coefficient −1)
 *
 * the same numbers as the traced loss of elbo.ts (up to the rounding of sums), without a
 * D×D buffer in the compiled program.
 */
import { sizeOf, type Tensor, tensor } from "@sidereal/tensor";
import { compileOrEager } from "./compileOrEager.js";
import type { CompiledElbo } from "./elbo.js";
import { SviError } from "./errors.js";
import { type AffineDraws, LOG_2PI } from "./family.js";
import { checkPhiLength, initialFlat, type ParamLayout, rawShapeOf } from "./guideParams.js";

/** What `compileElbo` hands over (its traced pieces). */
export interface AffineElboSpec {
  readonly numParticles: number;
  /** Latent dimension D (= epsDim). */
  readonly dim: number;
  /** Mean-field loss with the analytic entropy (else the trace ELBO). */
  readonly useEntropy: boolean;
  /** The traced loss of the whole family (kept for tests and tools). */
  readonly lossFn: (...args: Tensor[]) => Tensor;
  /** Σ_p U(u_p) of the draws u [P, D] (traceable). */
  readonly potentialSum: (u: Tensor) => Tensor;
}

/** A `CompiledElbo` over an affine family (see the module doc). */
export function affineElbo(
  affine: AffineDraws,
  layout: ParamLayout,
  spec: AffineElboSpec,
): CompiledElbo {
  const { numParticles: P, dim, useEntropy } = spec;
  const u = new Float64Array(P * dim);
  const gU = new Float64Array(P * dim);
  const sizes = layout.specs.map((s) => sizeOf(rawShapeOf(s)));
  const blocks = (buf: Float64Array): Float64Array[] =>
    layout.offsets.map((off, k) => buf.subarray(off, off + sizes[k]));
  const checked = (phi: Float64Array, eps: Float64Array): Float64Array[] => {
    checkPhiLength(phi, layout);
    if (eps.length !== P * dim)
      throw new SviError(
        "bad-argument",
        "eps",
        `ε has length ${eps.length}, expected ${P * dim} (${P} particles × ${dim})`,
      );
    return blocks(phi);
  };
  // traced at the initial location (u = μ₀ for ε = 0), as the whole loss would be
  affine.forward(blocks(initialFlat(layout)), new Float64Array(P * dim), P, u);
  const compiled = compileOrEager(spec.potentialSum, [tensor(u.slice(), [P, dim])]);
  const loss = (total: number, eps: Float64Array, logDet: number): number => {
    if (useEntropy) return total / P + -(logDet + 0.5 * dim * (1 + LOG_2PI));
    let sumLogq = 0;
    for (let p = 0; p < P; p++) {
      let ss = 0;
      for (let i = p * dim; i < (p + 1) * dim; i++) ss += eps[i] * eps[i];
      sumLogq += -0.5 * ss - 0.5 * dim * LOG_2PI - logDet;
    }
    return total / P + sumLogq / P;
  };
  return {
    numParticles: P,
    epsDim: dim,
    mode: compiled.source.valueAndGrad === "" ? "eager" : "compiled",
    lossFn: spec.lossFn,
    compiled,
    valueAndGrad(phi, eps, gradOut) {
      const raw = checked(phi, eps);
      checkPhiLength(gradOut, layout);
      const logDet = affine.forward(raw, eps, P, u);
      const total = compiled.valueAndGrad([u], [gU]);
      if (P > 1) for (let i = 0; i < gU.length; i++) gU[i] /= P;
      affine.backward(raw, eps, P, gU, -1, blocks(gradOut));
      return loss(total, eps, logDet);
    },
    value(phi, eps) {
      const logDet = affine.forward(checked(phi, eps), eps, P, u);
      return loss(compiled.valueBuffer(u)[0], eps, logDet);
    },
  };
}
