/**
 * Normalizing-flow autoguides (NumPyro's `AutoIAFNormal` and `AutoBNAFNormal`): the guide is
 * q = T_φ#N(0, I_D) over the flat unconstrained latent vector, with T_φ an IAF or BNAF
 * transform from `./flows`. A draw is u = T_φ(ε) and
 *
 *   log q(u) = log N(ε; 0, I) − log|det ∂T_φ/∂ε|.
 *
 * As in NumPyro the base distribution is a standard normal (the init strategy only fixes the
 * layout, not the flow's location). With `centerOnInit: true` (an extension; default false,
 * NumPyro's behaviour) the draws are u = T_φ(ε) + u₀ with u₀ the init strategy's point, i.e.
 * the flow starts centred on the init location instead of near 0 (the same as starting the
 * last layer's bias at u₀: Adam is invariant to that shift of a parameter). This matters for
 * sites whose scale is far from e⁰ in the unconstrained space: with the default, a noise
 * scale σ of a well-measured spectrum starts at σ ≈ 1 instead of ~10², the first gradients are
 * ~10¹⁰, and Adam's second moment (β₂ = 0.999) keeps them for thousands of steps, so every
 * later step is a small fraction of the learning rate. Parameters are the flow's own
 * (unconstrained reals), drawn
 * by `initIafParams` / `initBnafParams` with the guide-setup key. Defaults follow NumPyro:
 * AutoIAFNormal 3 flows, hidden dims [D, D], the affine (`stable: false`) update; AutoBNAFNormal
 * 1 flow with hidden factors [8, 8]. `median` and `quantiles` are Monte-Carlo estimates (4096
 * draws, fixed key); AutoIAFNormal needs D ≥ 2 (a `FlowError` otherwise).
 */
import type { PRNGKey } from "@sidereal/distributions";
import { add, mul, square, sub, sum, type Tensor, tensor } from "@sidereal/tensor";
import type { Model } from "../ppl/model.js";
import { type AutoGuide, type AutoGuideOptions, makeAutoGuide } from "./autoguide.js";
import { type LatentFamily, LOG_2PI } from "./family.js";
import { type BnafOptions, bnafForward, initBnafParams } from "./flows/bnaf.js";
import type { FlowOutput } from "./flows/flowParams.js";
import { type IafOptions, iafForward, initIafParams } from "./flows/iaf.js";
import type { ParamSpec } from "./guideParams.js";

/** Options shared by the flow guides. */
export interface FlowGuideOptions {
  /**
   * Centre the flow on the init strategy's point (u = T(ε) + u₀; see the module doc).
   * Default false: NumPyro's flows ignore `init_loc_fn`.
   */
  readonly centerOnInit?: boolean;
}

/** A flow family from initial parameters and a forward map; `shift` u₀ is added to draws. */
function flowFamily(
  dim: number,
  init: Readonly<Record<string, Tensor>>,
  forward: (params: Readonly<Record<string, Tensor>>, z: Tensor) => FlowOutput,
  shift: Float64Array | undefined,
): LatentFamily {
  const u0 = shift === undefined ? undefined : tensor(shift, [dim]);
  const params: ParamSpec[] = Object.entries(init).map(([name, t]) => ({
    name,
    shape: t.shape,
    constraint: "real",
    init: t.toArray(),
  }));
  return {
    dim,
    epsDim: dim,
    params,
    jacobian: true,
    sample(p, eps) {
      const { y, logDetJacobian } = forward(p, eps);
      const base = sub(mul(-0.5, sum(square(eps), -1)), 0.5 * dim * LOG_2PI);
      // a constant shift has unit Jacobian: log q is unchanged
      return { u: u0 === undefined ? y : add(y, u0), logq: sub(base, logDetJacobian) };
    },
  };
}

/** Options of {@link AutoIAFNormal}. */
export interface AutoIafOptions extends AutoGuideOptions, IafOptions, FlowGuideOptions {}

/** Inverse-autoregressive-flow guide (see the module doc). */
export function AutoIAFNormal<D>(model: Model<D>, options: AutoIafOptions = {}): AutoGuide<D> {
  const flow: IafOptions = { stable: false, ...options };
  return makeAutoGuide("AutoIAFNormal", model, options, (pot, loc, rngKey: PRNGKey) =>
    flowFamily(
      pot.flatSize,
      initIafParams(rngKey, pot.flatSize, flow),
      (p, z) => iafForward(p, z, flow),
      options.centerOnInit === true ? loc : undefined,
    ),
  );
}

/** Options of {@link AutoBNAFNormal}. */
export interface AutoBnafOptions extends AutoGuideOptions, BnafOptions, FlowGuideOptions {}

/** Block-neural-autoregressive-flow guide (see the module doc). */
export function AutoBNAFNormal<D>(model: Model<D>, options: AutoBnafOptions = {}): AutoGuide<D> {
  const flow: BnafOptions = {
    ...(options.hiddenFactors ? { hiddenFactors: options.hiddenFactors } : {}),
    ...(options.numFlows !== undefined ? { numFlows: options.numFlows } : {}),
  };
  return makeAutoGuide("AutoBNAFNormal", model, options, (pot, loc, rngKey: PRNGKey) =>
    flowFamily(
      pot.flatSize,
      initBnafParams(rngKey, pot.flatSize, flow),
      (p, z) => bnafForward(p, z, flow),
      options.centerOnInit === true ? loc : undefined,
    ),
  );
}
