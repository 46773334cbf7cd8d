/** Discrete and degenerate distributions (NumPyro semantics and names). */
export { Bernoulli, BernoulliDistribution } from "./bernoulli.js";
export { Binomial, BinomialDistribution } from "./binomial.js";
export { Categorical, CategoricalDistribution } from "./categorical.js";
export { Delta, DeltaDistribution, type DeltaOptions } from "./delta.js";
export {
  GammaPoisson,
  NegativeBinomial,
  NegativeBinomial2,
  NegativeBinomialDistribution,
  NegativeBinomialLogits,
  NegativeBinomialProbs,
} from "./negative-binomial.js";
export { Poisson, PoissonDistribution } from "./poisson.js";
export { Factor, Unit, UnitDistribution } from "./unit.js";
export type { ProbsOrLogits } from "./util.js";
