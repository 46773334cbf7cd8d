/**
 * Prospector's priors as `@sidereal/distributions` distributions, with `mini`/`maxi` taken
 * from the parameter's range (Prospector injects them whatever the class):
 * Uniform/TopHat = U(mini, maxi); LogUniform = exp(U(ln mini, ln maxi)); Normal(mean, sigma);
 * ClippedNormal = Normal(mean, sigma) truncated to [mini, maxi]; LogNormal(mode, sigma): ln θ ~
 * N(mode + σ², σ), so that the density of θ peaks at e^mode (Prospector's parametrisation);
 * Beta(alpha, beta) stretched onto [mini, maxi]; StudentT(mean, scale, df).
 * `samplePriors` draws θ i.i.d. from them (SPItorch's `make dset` design).
 */
import {
  AffineTransform,
  Beta,
  type Distribution,
  ExpTransform,
  foldIn,
  LogNormal,
  Normal,
  type PRNGKey,
  StudentT,
  TransformedDistribution,
  TruncatedNormal,
  Uniform,
} from "@sidereal/distributions";
import type { ResolvedParameter } from "./parameter.js";

/** The prior of one resolved parameter as a distribution. */
export function priorDistribution(p: ResolvedParameter): Distribution {
  const { rangeMin: lo, rangeMax: hi, prior } = p;
  switch (prior.kind) {
    case "Uniform":
    case "TopHat":
      return Uniform(lo, hi);
    case "LogUniform":
      return TransformedDistribution(Uniform(Math.log(lo), Math.log(hi)), ExpTransform());
    case "Normal":
      return Normal(prior.mean, prior.sigma);
    case "ClippedNormal":
      return TruncatedNormal(prior.mean, prior.sigma, { low: lo, high: hi });
    case "LogNormal":
      return LogNormal(prior.mode + prior.sigma ** 2, prior.sigma);
    case "Beta":
      return TransformedDistribution(Beta(prior.alpha, prior.beta), AffineTransform(lo, hi - lo));
    case "StudentT":
      return StudentT(prior.df, prior.mean, prior.scale);
  }
}

/** n i.i.d. draws of every parameter from its prior, row-major (n, D); column j uses `foldIn(key, j)`. */
export function samplePriors(
  params: readonly ResolvedParameter[],
  k: PRNGKey,
  n: number,
): Float64Array {
  const d = params.length;
  const out = new Float64Array(n * d);
  params.forEach((p, j) => {
    const x = priorDistribution(p).sample(foldIn(k, j), [n]).data;
    for (let i = 0; i < n; i++) out[i * d + j] = x[i];
  });
  return out;
}
