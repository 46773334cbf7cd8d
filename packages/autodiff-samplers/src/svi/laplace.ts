/**
 * `AutoLaplaceApproximation(model)` (NumPyro's): trained as a point mass at `auto_loc` in
 * unconstrained space (the loss is the potential U(auto_loc), so SVI finds the MAP of the
 * unconstrained density); the posterior is then N(μ, H⁻¹) with μ = auto_loc and H the Hessian
 * of U at μ. H is computed by central differences of the exact (autodiff) gradient,
 * H_ij ≈ [∂_iU(μ + h_j e_j) − ∂_iU(μ − h_j e_j)] / 2h_j with h_j = 1e-5·max(1, |μ_j|), then
 * symmetrised (exact for quadratic U up to rounding). `samplePosterior`, `median` and
 * `quantiles` use N(μ, H⁻¹); `laplaceCovariance(guide, params)` returns μ, H, H⁻¹ and its
 * Cholesky factor. A Hessian that is not positive definite raises an `SviError`
 * ("not-positive-definite").
 */
import { type Tensor, tensor } from "@sidereal/tensor";
import type { Model } from "../ppl/model.js";
import type { ModelPotential } from "../ppl/potential.js";
import {
  type AutoGuide,
  type AutoGuideOptions,
  type GuideSetup,
  makeAutoGuide,
  type PosteriorFamily,
} from "./autoguide.js";
import { choleskyLower, inverseFromCholesky } from "./denseMatrix.js";
import { SviError } from "./errors.js";
import { deltaFamily, mvnFamily } from "./gaussianFamilies.js";

/** The Laplace approximation at a point. */
export interface LaplaceApproximation {
  /** MAP point in unconstrained space. */
  readonly loc: Float64Array;
  /** Hessian of the potential at `loc` (row-major D×D). */
  readonly hessian: Float64Array;
  /** H⁻¹ (row-major D×D). */
  readonly covariance: Float64Array;
  /** Lower Cholesky factor of H⁻¹. */
  readonly scaleTril: Float64Array;
}

/** Hessian of the potential at `q` by central differences of its gradient (see the module doc). */
export function potentialHessian(
  pot: Pick<ModelPotential, "potential">,
  q: Float64Array,
): Float64Array {
  const d = q.length;
  const h = new Float64Array(d * d);
  const gp = new Float64Array(d);
  const gm = new Float64Array(d);
  const x = q.slice();
  for (let j = 0; j < d; j++) {
    const step = 1e-5 * Math.max(1, Math.abs(q[j]));
    x[j] = q[j] + step;
    pot.potential(x, gp);
    x[j] = q[j] - step;
    pot.potential(x, gm);
    x[j] = q[j];
    for (let i = 0; i < d; i++) h[i * d + j] = (gp[i] - gm[i]) / (2 * step);
  }
  for (let i = 0; i < d; i++)
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (h[i * d + j] + h[j * d + i]);
      h[i * d + j] = s;
      h[j * d + i] = s;
    }
  return h;
}

/** Laplace approximation of `pot` at `loc` (see the module doc). */
export function laplaceAt(
  pot: Pick<ModelPotential, "potential">,
  loc: Float64Array,
): LaplaceApproximation {
  const d = loc.length;
  const hessian = potentialHessian(pot, loc);
  const lh = choleskyLower(hessian, d);
  if (lh === undefined)
    throw new SviError(
      "not-positive-definite",
      "auto_loc",
      "AutoLaplaceApproximation: the Hessian of the potential at auto_loc is not positive definite (not at a local optimum?)",
    );
  const covariance = inverseFromCholesky(lh, d);
  const scaleTril = choleskyLower(covariance, d);
  if (scaleTril === undefined)
    throw new SviError(
      "not-positive-definite",
      "auto_loc",
      "AutoLaplaceApproximation: the inverse Hessian is numerically not positive definite",
    );
  return { loc: loc.slice(), hessian, covariance, scaleTril };
}

function posteriorOf(setup: GuideSetup, params: Readonly<Record<string, Tensor>>): PosteriorFamily {
  const loc = params.auto_loc.toArray();
  const lap = laplaceAt(setup.potential, loc);
  const d = loc.length;
  return {
    family: mvnFamily(loc, 1),
    params: { auto_loc: tensor(loc, [d]), auto_scale_tril: tensor(lap.scaleTril, [d, d]) },
  };
}

/** Laplace-approximation guide (see the module doc). */
export function AutoLaplaceApproximation<D>(
  model: Model<D>,
  options: AutoGuideOptions = {},
): AutoGuide<D> {
  return makeAutoGuide(
    "AutoLaplaceApproximation",
    model,
    options,
    (pot, loc) => deltaFamily([{ loc: "auto_loc", scale: "", shape: [pot.flatSize] }], loc, true),
    posteriorOf,
  );
}

/** μ, H, H⁻¹ and chol(H⁻¹) of a set-up Laplace guide at `params` (see the module doc). */
export function laplaceCovariance<D>(
  guide: AutoGuide<D>,
  params: Readonly<Record<string, Tensor>>,
): LaplaceApproximation {
  const setup = guide.current;
  if (setup === undefined)
    throw new SviError("not-initialized", "", "laplaceCovariance: set the guide up first");
  const loc = params.auto_loc;
  if (loc === undefined)
    throw new SviError("bad-argument", "auto_loc", "laplaceCovariance: params have no auto_loc");
  return laplaceAt(setup.potential, loc.toArray());
}
