/** Multivariate distributions (NumPyro semantics and names). */
export { Dirichlet, DirichletDistribution } from "./dirichlet.js";
export { LKJCholesky, LKJCholeskyDistribution } from "./lkj-cholesky.js";
export {
  LowRankMultivariateNormal,
  LowRankMultivariateNormalDistribution,
} from "./low-rank-multivariate-normal.js";
export {
  MultivariateNormal,
  MultivariateNormalDistribution,
  type MultivariateNormalMatrix,
} from "./multivariate-normal.js";
