/**
 * Continuous univariate distributions (NumPyro's names, argument order and semantics).
 * Each is a class extending `Distribution` plus a factory callable without `new`.
 */
export { Beta, BetaDistribution } from "./beta.js";
export { Cauchy, CauchyDistribution } from "./cauchy.js";
export { Chi2, Chi2Distribution } from "./chi2.js";
export { Exponential, ExponentialDistribution } from "./exponential.js";
export { Gamma, GammaDistribution } from "./gamma.js";
export { HalfCauchy, HalfCauchyDistribution } from "./half-cauchy.js";
export { HalfNormal, HalfNormalDistribution } from "./half-normal.js";
export { ImproperUniform, ImproperUniformDistribution } from "./improper-uniform.js";
export { InverseGamma, InverseGammaDistribution } from "./inverse-gamma.js";
export { Laplace, LaplaceDistribution } from "./laplace.js";
export { LogNormal, LogNormalDistribution } from "./log-normal.js";
export { Logistic, LogisticDistribution } from "./logistic.js";
export { Normal, NormalDistribution } from "./normal.js";
export { logDiffNdtr, ndtriLog } from "./normal-tail.js";
export type { ContinuousOptions } from "./params.js";
export { Pareto, ParetoDistribution } from "./pareto.js";
export { StudentT, StudentTDistribution } from "./student-t.js";
export {
  TruncatedNormal,
  TruncatedNormalDistribution,
  type TruncatedNormalOptions,
} from "./truncated-normal.js";
export { Uniform, UniformDistribution } from "./uniform.js";
export { VonMises, VonMisesDistribution } from "./von-mises.js";
export { Weibull, WeibullDistribution } from "./weibull.js";
