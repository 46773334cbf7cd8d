/**
 * Variational inference with NumPyro semantics: `svi` with ELBO losses, autoguides over the
 * model's unconstrained latent space, guide-based predictive draws, and PyMC-style ADVI.
 */

export { type AdagradWindowState, adagradWindow } from "./advi/adagradWindow.js";
export {
  type AdviAdaptDiagInit,
  type AdviAdaptDiagOptions,
  adviAdaptDiagInit,
  adviAdaptDiagInitSteps,
} from "./advi/adaptDiag.js";
export { type ParameterConvergence, parameterConvergence } from "./advi/convergence.js";
export {
  type AdviApproximation,
  type AdviResult,
  type FitAdviOptions,
  fitAdvi,
  fitAdviEffect,
  fitAdviSteps,
} from "./advi/fitAdvi.js";
export {
  AutoDelta,
  AutoDiagonalNormal,
  AutoLowRankMultivariateNormal,
  type AutoLowRankOptions,
  AutoMultivariateNormal,
  AutoNormal,
} from "./autoGuides.js";
export type {
  AutoGuide,
  AutoGuideKind,
  AutoGuideOptions,
  GuideSetup,
  PosteriorFamily,
} from "./autoguide.js";
export {
  type CompiledElbo,
  compileElbo,
  type ElboLoss,
  traceELBO,
  traceMeanFieldELBO,
} from "./elbo.js";
export { SviError, type SviProblem } from "./errors.js";
export type { FamilyDraw, LatentFamily } from "./family.js";
export {
  AutoBNAFNormal,
  type AutoBnafOptions,
  AutoIAFNormal,
  type AutoIafOptions,
  type FlowGuideOptions,
} from "./flowGuides.js";
export * from "./flows/index.js";
export type { ParamConstraint, ParamSpec } from "./guideParams.js";
export {
  AutoLaplaceApproximation,
  type LaplaceApproximation,
  laplaceAt,
  laplaceCovariance,
  potentialHessian,
} from "./laplace.js";
export { type GuidePredictiveOptions, guidePredictive } from "./predictive.js";
export { formatSviProgress } from "./progress.js";
export { type Svi, type SviOptions, type SviRunResult, type SviState, svi } from "./svi.js";
