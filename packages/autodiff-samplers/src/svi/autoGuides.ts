/**
 * Gaussian and point autoguides over a model's unconstrained latent space (NumPyro names and
 * parameter names):
 *
 * - `AutoDelta(model)`: point mass; params `{site}_auto_loc` (constrained values in the
 *   site's support, optimised through `bijectTo(support)`); MAP in constrained space (no
 *   Jacobian).
 * - `AutoNormal(model)`: independent Normal per site; `{site}_auto_loc`, `{site}_auto_scale`
 *   (positive, init `initScale` = 0.1).
 * - `AutoDiagonalNormal(model)`: `auto_loc` [D], `auto_scale` [D].
 * - `AutoMultivariateNormal(model)`: `auto_loc` [D], `auto_scale_tril` [D, D] (lower Cholesky
 *   factor, init `initScale`·I; D(D+1)/2 numbers of φ, NumPyro's packed layout). Its ELBO is
 *   not traced whole: `compileElbo` compiles the model potential of the draws and applies the
 *   chain rule through the factor in plain loops (lowerCholeskyAffine.ts), which keeps a
 *   4,304-dimensional model (M67) at ~1 GB and a few hundred ms per step.
 * - `AutoLowRankMultivariateNormal(model, { rank })`: `auto_loc`, `auto_cov_factor` [D, r]
 *   (init 0), `auto_scale` [D]; rank defaults to round(√D) as NumPyro.
 *
 * Bad options (initScale ≤ 0, rank not a positive integer) raise an `SviError`.
 */
import type { Model } from "../ppl/model.js";
import type { LatentSiteInfo } from "../ppl/potential.js";
import { type AutoGuide, type AutoGuideOptions, makeAutoGuide } from "./autoguide.js";
import { SviError } from "./errors.js";
import {
  type DiagonalBlock,
  deltaFamily,
  diagonalFamily,
  lowRankFamily,
  mvnFamily,
} from "./gaussianFamilies.js";

const perSite = (latent: readonly LatentSiteInfo[]): DiagonalBlock[] =>
  latent.map((s) => ({
    loc: `${s.name}_auto_loc`,
    scale: `${s.name}_auto_scale`,
    shape: s.unconstrainedShape,
  }));

/** Point-mass guide (MAP); see the module doc. */
export function AutoDelta<D>(model: Model<D>, options: AutoGuideOptions = {}): AutoGuide<D> {
  return makeAutoGuide("AutoDelta", model, options, (pot, loc) =>
    deltaFamily(
      pot.latent.map((s) => ({
        loc: `${s.name}_auto_loc`,
        scale: "",
        shape: s.unconstrainedShape,
        support: s.support,
      })),
      loc,
    ),
  );
}

/** Mean-field Normal guide with per-site parameters; see the module doc. */
export function AutoNormal<D>(model: Model<D>, options: AutoGuideOptions = {}): AutoGuide<D> {
  return makeAutoGuide("AutoNormal", model, options, (pot, loc) =>
    diagonalFamily(perSite(pot.latent), loc, options.initScale ?? 0.1),
  );
}

/** Mean-field Normal guide over the flat latent vector; see the module doc. */
export function AutoDiagonalNormal<D>(
  model: Model<D>,
  options: AutoGuideOptions = {},
): AutoGuide<D> {
  return makeAutoGuide("AutoDiagonalNormal", model, options, (pot, loc) =>
    diagonalFamily(
      [{ loc: "auto_loc", scale: "auto_scale", shape: [pot.flatSize] }],
      loc,
      options.initScale ?? 0.1,
    ),
  );
}

/** Full-covariance Normal guide; see the module doc. */
export function AutoMultivariateNormal<D>(
  model: Model<D>,
  options: AutoGuideOptions = {},
): AutoGuide<D> {
  return makeAutoGuide("AutoMultivariateNormal", model, options, (_pot, loc) =>
    mvnFamily(loc, options.initScale ?? 0.1),
  );
}

/** Options of {@link AutoLowRankMultivariateNormal}. */
export interface AutoLowRankOptions extends AutoGuideOptions {
  /** Rank of the covariance factor (default round(√D)). */
  readonly rank?: number;
}

/** Low-rank plus diagonal Normal guide; see the module doc. */
export function AutoLowRankMultivariateNormal<D>(
  model: Model<D>,
  options: AutoLowRankOptions = {},
): AutoGuide<D> {
  if (options.rank !== undefined && !(Number.isInteger(options.rank) && options.rank >= 1))
    throw new SviError(
      "bad-argument",
      "rank",
      `AutoLowRankMultivariateNormal: rank must be an integer ≥ 1, got ${options.rank}`,
    );
  return makeAutoGuide("AutoLowRankMultivariateNormal", model, options, (pot, loc) =>
    lowRankFamily(
      loc,
      options.initScale ?? 0.1,
      options.rank ?? Math.max(1, Math.round(Math.sqrt(pot.flatSize))),
    ),
  );
}
