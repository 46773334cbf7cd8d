/**
 * ELBO losses (NumPyro's `Trace_ELBO` / `TraceMeanField_ELBO`) for guides over the model's
 * unconstrained latent space. With draws u_p = T_φ(ε_p), p = 1…P, ε_p ~ N(0, I):
 *
 *   traceELBO:          L(φ) = (1/P) Σ_p [ U(u_p) + log q_φ(u_p) ]
 *   traceMeanFieldELBO: L(φ) = (1/P) Σ_p U(u_p) − H[q_φ]        (analytic entropy)
 *
 * where U is the model's potential energy (−log joint − log-Jacobian of the constraining
 * bijectors); for point-mass guides (AutoDelta) U has no Jacobian term. L is the negative ELBO
 * estimate; its reparameterised gradient is exact for the fixed ε. `traceMeanFieldELBO` uses
 * the guide's analytic entropy instead of NumPyro's per-site analytic KL (same expectation,
 * usually lower variance); for guides without an analytic entropy (flows) it equals
 * `traceELBO`.
 *
 * Families with a hand-written affine path (`family.affine`, the full-rank Gaussian of
 * AutoMultivariateNormal) are not traced as a whole: only Σ_p U(u_p) is compiled, as a
 * function of the draws u [P, D], and the chain rule through u = μ + Lε and log|det L| is
 * applied by the family's own loops (affineElbo.ts). Values and gradients are those of the
 * traced loss `lossFn` (up to the rounding of sums).
 */
import {
  add,
  type CompiledFunction,
  div,
  mean,
  neg,
  reshape,
  slice,
  type Tensor,
  tensor,
  zeros,
} from "@sidereal/tensor";
import type { Model } from "../ppl/model.js";
import type { InitializedModel } from "../ppl/potential.js";
import { affineElbo } from "./affineElbo.js";
import { compileOrEager } from "./compileOrEager.js";
import { SviError } from "./errors.js";
import type { LatentFamily } from "./family.js";
import {
  checkPhiLength,
  constrainParam,
  initialFlat,
  type ParamLayout,
  splitFlat,
} from "./guideParams.js";
import { negLogJointUnconstrained } from "./logJoint.js";

/** An ELBO loss specification. */
export interface ElboLoss {
  readonly _tag: "ElboLoss";
  readonly kind: "trace" | "meanField";
  /** Reparameterised draws per step (default 1). */
  readonly numParticles: number;
}

function particles(options: { readonly numParticles?: number }, what: string): number {
  const n = options.numParticles ?? 1;
  if (!Number.isInteger(n) || n < 1)
    throw new SviError(
      "bad-argument",
      "numParticles",
      `${what}: numParticles must be an integer ≥ 1, got ${n}`,
    );
  return n;
}

/** Monte-Carlo ELBO with `numParticles` draws (default 1); throws for a bad count. */
export function traceELBO(options: { readonly numParticles?: number } = {}): ElboLoss {
  return { _tag: "ElboLoss", kind: "trace", numParticles: particles(options, "traceELBO") };
}

/** ELBO with the guide's analytic entropy (see the module doc); throws for a bad count. */
export function traceMeanFieldELBO(options: { readonly numParticles?: number } = {}): ElboLoss {
  return {
    _tag: "ElboLoss",
    kind: "meanField",
    numParticles: particles(options, "traceMeanFieldELBO"),
  };
}

/** A compiled loss: value and gradient in the flat unconstrained guide parameters φ. */
export interface CompiledElbo {
  readonly numParticles: number;
  readonly epsDim: number;
  /** "compiled" (the JIT), or "eager" when the JIT failed with an internal error. */
  readonly mode: "compiled" | "eager";
  /** The traced loss `(…φ blocks, ε [P, epsDim]) → scalar`, for tests and tools. */
  readonly lossFn: (...args: Tensor[]) => Tensor;
  /**
   * The compiled program: `lossFn`, or for families with an affine path the summed potential
   * Σ_p U(u_p) of the draws u [P, D] (see the module doc).
   */
  readonly compiled: CompiledFunction;
  /** Loss at (φ, ε); writes ∂L/∂φ into `gradOut`. */
  valueAndGrad(phi: Float64Array, eps: Float64Array, gradOut: Float64Array): number;
  /** Loss at (φ, ε). */
  value(phi: Float64Array, eps: Float64Array): number;
}

/** Compiles the loss of `family` on the model potential `pot` (see the module doc). */
export function compileElbo<D, R>(
  model: Model<D, R>,
  data: D,
  pot: InitializedModel,
  family: LatentFamily,
  layout: ParamLayout,
  loss: ElboLoss,
): CompiledElbo {
  const P = loss.numParticles;
  const dim = pot.flatSize;
  // Built for `data` (the setup's potential has the setup's data baked in).
  const target = negLogJointUnconstrained(model, data, pot.latent, {
    jacobian: family.jacobian,
  });
  // Σ_p U(u_p) over the rows of the draws u [P, D]
  const potentialSum = (u: Tensor): Tensor => {
    let total: Tensor = zeros([]);
    for (let i = 0; i < P; i++) {
      const row = reshape(slice(u, [[i, i + 1]]), [dim]);
      const sites = pot.latent.map((s) =>
        reshape(slice(row, [[s.offset, s.offset + s.size]]), s.unconstrainedShape),
      );
      total = add(total, target(...sites));
    }
    return total;
  };
  const nParams = layout.specs.length;
  // Point masses ignore ε; an unused argument would be dropped from the compiled program.
  const noise = family.deterministic !== true;
  const useEntropy = loss.kind === "meanField" && family.entropy !== undefined;
  const lossFn = (...args: Tensor[]): Tensor => {
    const p: Record<string, Tensor> = {};
    layout.specs.forEach((s, k) => {
      p[s.name] = constrainParam(s, args[k]);
    });
    const eps = noise ? args[nParams] : zeros([P, family.epsDim]);
    const draw = family.sample(p, eps);
    const total = potentialSum(draw.u);
    const entropyTerm = useEntropy && family.entropy ? neg(family.entropy(p)) : mean(draw.logq);
    return add(div(total, P), entropyTerm);
  };
  if (family.affine !== undefined && noise)
    return affineElbo(family.affine, layout, {
      numParticles: P,
      dim,
      useEntropy,
      lossFn,
      potentialSum,
    });
  const raws = splitFlat(layout, initialFlat(layout));
  const epsShape = [P, family.epsDim];
  const example = noise ? [...raws, tensor(new Float64Array(P * family.epsDim), epsShape)] : raws;
  const compiled = compileOrEager(lossFn, example);
  const grads = layout.specs.map((_, k) => new Float64Array(raws[k].size));
  if (noise) grads.push(new Float64Array(P * family.epsDim));
  const args = (phi: Float64Array, eps: Float64Array): Float64Array[] => {
    checkPhiLength(phi, layout);
    const out: Float64Array[] = layout.specs.map((_, k) =>
      phi.subarray(layout.offsets[k], layout.offsets[k] + raws[k].size),
    );
    if (noise) out.push(eps);
    return out;
  };
  return {
    numParticles: P,
    epsDim: family.epsDim,
    mode: compiled.source.valueAndGrad === "" ? "eager" : "compiled",
    lossFn,
    compiled,
    valueAndGrad(phi, eps, gradOut) {
      const v = compiled.valueAndGrad(args(phi, eps), grads);
      layout.specs.forEach((_, k) => {
        gradOut.set(grads[k], layout.offsets[k]);
      });
      return v;
    },
    value: (phi, eps) => compiled.valueBuffer(...args(phi, eps))[0],
  };
}
