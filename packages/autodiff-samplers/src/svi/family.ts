/**
 * A variational family over the flat unconstrained latent vector u ∈ ℝᴰ of a model (the
 * layout of `initializeModel`). Families are reparameterised: a draw is u = T_φ(ε) with base
 * noise ε ~ N(0, I) of `epsDim` numbers per draw, and `sample` also returns the sample-path
 * log density log q_φ(u) = log N(ε; 0, I) − log|det ∂T_φ/∂ε|, so that
 * ∂/∂φ [U(u) + log q_φ(u)] is the reparameterised ELBO gradient.
 */
import type { Tensor } from "@sidereal/tensor";
import type { ParamSpec } from "./guideParams.js";

/** Sample-path draws of a family: `u` [P, D] and `logq` [P]. */
export interface FamilyDraw {
  readonly u: Tensor;
  readonly logq: Tensor;
}

/**
 * A hand-written affine reparameterisation u = μ + A ε (A lower triangular, so
 * log q_φ(u) = log N(ε; 0, I) − log|det A| and H[q_φ] = log|det A| + (D/2)(1 + log 2π)),
 * working on the family's unconstrained parameter blocks `raw` (one per entry of `params`,
 * in that order). `compileElbo` uses it instead of tracing `sample` when present: the traced
 * form of a D×D factor makes every elementwise step of its constraint, of the product and of
 * their gradients a D×D buffer of the compiled program (gigabytes at D in the thousands),
 * while this path touches the lower triangle once forward and once backward.
 */
export interface AffineDraws {
  /** Writes the draws u [P, D] (row-major) for ε [P, D] into `uOut`; returns log|det A|. */
  forward(
    raw: readonly Float64Array[],
    eps: Float64Array,
    numDraws: number,
    uOut: Float64Array,
  ): number;
  /**
   * Overwrites `gradOut` (one buffer per block) with the gradient in the raw blocks of
   * Σ_p ⟨gU_p, u_p⟩ + logDetWeight · log|det A| (gU [P, D] row-major).
   */
  backward(
    raw: readonly Float64Array[],
    eps: Float64Array,
    numDraws: number,
    gU: Float64Array,
    logDetWeight: number,
    gradOut: readonly Float64Array[],
  ): void;
}

/** A reparameterised family q_φ(u) (see the module doc). */
export interface LatentFamily {
  /** Latent dimension D. */
  readonly dim: number;
  /** Base-noise numbers per draw. */
  readonly epsDim: number;
  /** Guide parameters (constrained initial values). */
  readonly params: readonly ParamSpec[];
  /**
   * True for densities over u (the target includes the log-Jacobian of the constraining
   * bijectors); false for point masses in constrained space (AutoDelta: plain MAP).
   */
  readonly jacobian: boolean;
  /** True when draws do not depend on ε (point masses): the loss is then deterministic. */
  readonly deterministic?: boolean;
  /** A hand-written form of `sample` for affine families (see {@link AffineDraws}). */
  readonly affine?: AffineDraws;
  /** u = T_φ(ε) and log q_φ(u) for ε [P, epsDim] (traceable). */
  sample(params: Readonly<Record<string, Tensor>>, eps: Tensor): FamilyDraw;
  /** Analytic entropy H[q_φ] (traceable), when known. */
  entropy?(params: Readonly<Record<string, Tensor>>): Tensor;
  /** log q_φ(u) for u [P, D] → [P] (traceable), when the density is tractable. */
  logDensity?(params: Readonly<Record<string, Tensor>>, u: Tensor): Tensor;
  /** Location (the unconstrained median of every coordinate) for Gaussian and point families. */
  loc?(params: Readonly<Record<string, Tensor>>): Float64Array;
  /** Marginal standard deviations in unconstrained space (Gaussian families; 0 for points). */
  marginalStd?(params: Readonly<Record<string, Tensor>>): Float64Array;
}

/** log(2π). */
export const LOG_2PI = Math.log(2 * Math.PI);
