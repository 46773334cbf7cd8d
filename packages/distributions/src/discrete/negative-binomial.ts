/**
 * Negative binomial distributions on {0, 1, 2, …} as NumPyro's gamma–Poisson family:
 * k ~ Poisson(λ), λ ~ Gamma(concentration c, rate β), so
 *
 *   log p(k) = lgamma(k + c) - lgamma(c) - lgamma(k + 1) + c log(1 - π) + k log π,
 *   π = 1 / (1 + β)   (the "probs" of NumPyro's NegativeBinomialProbs),
 *
 * mean c/β = c π/(1-π), variance mean + mean²/c. Parameterisations (NumPyro names):
 * - `NegativeBinomialProbs(totalCount, probs)`: c = totalCount, π = probs
 *   (scipy's `nbinom(n=totalCount, p=1-probs)`);
 * - `NegativeBinomialLogits(totalCount, logits)`: π = sigmoid(logits);
 * - `NegativeBinomial2(mean, concentration)`: c = concentration, π = mean/(mean + c)
 *   (scipy's `nbinom(n=c, p=c/(c+mean))`);
 * - `GammaPoisson(concentration, rate)`: π = 1/(1 + rate);
 * - `NegativeBinomial(totalCount, { probs } | { logits })` dispatches to the first two.
 * -Infinity for negative or non-integer k. Invalid concrete parameters (c ≤ 0, probs
 * outside [0, 1), mean < 0, rate ≤ 0, NaN) throw a DistributionError.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  div,
  eq,
  exp,
  floor,
  ge,
  isfinite,
  lgamma,
  log,
  log1p,
  logSigmoid,
  lt,
  mul,
  neg,
  sigmoid,
  sub,
  tensor,
  toTensor,
  where,
} from "@sidereal/tensor";
import type { Constraint } from "../constraints/index.js";
import {
  finiteNonnegative,
  finitePositive,
  lessThan,
  nonnegativeInteger,
} from "../constraints/index.js";
import { ParametrizedDistribution } from "../declared.js";
import { broadcastParams } from "../distribution.js";
import type { PRNGKey } from "../random/index.js";
import { gamma, poisson, split } from "../random/index.js";
import type { ProbsOrLogits } from "./util.js";
import { expandTo, maskSupport, probsOrLogits } from "./util.js";

/** How the success term is parameterised (for an accurate logProb in each form). */
type Form =
  | { readonly kind: "probs"; readonly probs: Tensor }
  | { readonly kind: "logits"; readonly logits: Tensor }
  | { readonly kind: "mean"; readonly mean: Tensor }
  | { readonly kind: "rate"; readonly rate: Tensor };

/** A probability in [0, 1) (the failure probability of a negative binomial). */
const probabilityBelowOne: Constraint = {
  name: "in [0, 1)",
  eventDim: 0,
  check: (v) => mul(ge(v, 0), lt(v, 1)),
};

export class NegativeBinomialDistribution extends ParametrizedDistribution {
  static override readonly argConstraints = {
    totalCount: finitePositive,
    probs: probabilityBelowOne,
    logits: lessThan(Number.POSITIVE_INFINITY),
    mean: finiteNonnegative,
    concentration: finitePositive,
    rate: finitePositive,
  };
  static override readonly support = nonnegativeInteger;

  /** Gamma shape c (NumPyro's total_count / concentration). */
  readonly concentration: Tensor;
  /** Gamma rate β = (1 - π)/π. */
  readonly rate: Tensor;
  private readonly form: Form;

  /**
   * @internal use the factories. `countName` names the gamma shape as the factory's user
   * knows it ("totalCount" or "concentration"), `kind` the other parameter.
   */
  constructor(
    name: string,
    countName: "totalCount" | "concentration",
    count: TensorLike,
    kind: Form["kind"],
    value: TensorLike,
  ) {
    const c = toTensor(count);
    const v = toTensor(value);
    const batch = broadcastParams(name, c.shape, v.shape);
    super(name, { [countName]: c, [kind]: v }, batch, [], { store: false });
    this.concentration = expandTo(c, batch);
    const x = expandTo(v, batch);
    this.form = { kind, [kind]: x } as Form;
    this.rate =
      kind === "probs"
        ? div(sub(1, x), x)
        : kind === "logits"
          ? exp(neg(x))
          : kind === "mean"
            ? div(this.concentration, x)
            : x;
  }

  /** π = 1/(1 + β), the probability counted by k. */
  get probs(): Tensor {
    const f = this.form;
    if (f.kind === "probs") return f.probs;
    if (f.kind === "logits") return sigmoid(f.logits);
    if (f.kind === "mean") return div(f.mean, add(f.mean, this.concentration));
    return div(1, add(1, f.rate));
  }

  /** [log(1 - π), log π] in the most accurate form for the parameterisation. */
  private logTerms(): [Tensor, Tensor] {
    const f = this.form;
    const c = this.concentration;
    switch (f.kind) {
      case "probs":
        return [log1p(neg(f.probs)), log(f.probs)];
      case "logits":
        return [logSigmoid(neg(f.logits)), logSigmoid(f.logits)];
      case "mean": {
        const lsum = log(add(f.mean, c));
        return [sub(log(c), lsum), sub(log(f.mean), lsum)];
      }
      case "rate": {
        const l1p = log1p(f.rate);
        return [sub(log(f.rate), l1p), neg(l1p)];
      }
    }
  }

  logProb(value: TensorLike): Tensor {
    const k = toTensor(value);
    const ok = mul(mul(ge(k, 0), eq(floor(k), k)), isfinite(k));
    const ks = where(ok, k, 0);
    const c = this.concentration;
    const [log1mPi, logPi] = this.logTerms();
    const norm = sub(sub(lgamma(add(ks, c)), lgamma(c)), lgamma(add(ks, 1)));
    // k log π with 0·log 0 = 0 (π = 0 or mean = 0 gives a point mass at 0).
    const kTerm = where(eq(ks, 0), 0, mul(ks, logPi));
    return maskSupport(ok, add(add(norm, mul(c, log1mPi)), kTerm));
  }

  /** λ ~ Gamma(c, β), k ~ Poisson(λ); shape `[...sampleShape, ...batch]`. */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = [...sampleShape, ...this.batchShape];
    const [kg, kp] = split(key, 2);
    const c = expandTo(this.concentration, shape).toArray();
    const beta = expandTo(this.rate, shape).toArray();
    const lam = gamma(kg, c, shape);
    for (let i = 0; i < lam.length; i++) lam[i] = Math.min(lam[i] / beta[i], 2 ** 40 - 1);
    return tensor(poisson(kp, lam, shape), shape);
  }

  override get mean(): Tensor {
    return div(this.concentration, this.rate);
  }
  override get variance(): Tensor {
    const m = div(this.concentration, this.rate);
    return add(m, div(mul(m, m), this.concentration));
  }
}

/** A factory `(count, value)` (or `(value, count)` when `valueFirst`) for one parameterisation. */
function factory(
  name: string,
  countName: "totalCount" | "concentration",
  kind: Form["kind"],
  valueFirst = false,
): (a: TensorLike, b: TensorLike) => NegativeBinomialDistribution {
  return (a, b) =>
    valueFirst
      ? new NegativeBinomialDistribution(name, countName, b, kind, a)
      : new NegativeBinomialDistribution(name, countName, a, kind, b);
}

/** NumPyro's NegativeBinomialProbs(total_count, probs); probs ∈ [0, 1). */
export const NegativeBinomialProbs = factory("NegativeBinomialProbs", "totalCount", "probs");
export type NegativeBinomialProbs = NegativeBinomialDistribution;

/** NumPyro's NegativeBinomialLogits(total_count, logits); π = sigmoid(logits). */
export const NegativeBinomialLogits = factory("NegativeBinomialLogits", "totalCount", "logits");
export type NegativeBinomialLogits = NegativeBinomialDistribution;

/** NumPyro's NegativeBinomial2(mean, concentration): variance mean + mean²/concentration. */
export const NegativeBinomial2 = factory("NegativeBinomial2", "concentration", "mean", true);
export type NegativeBinomial2 = NegativeBinomialDistribution;

/** NumPyro's GammaPoisson(concentration, rate): Poisson with a Gamma(concentration, rate) rate. */
export const GammaPoisson = factory("GammaPoisson", "concentration", "rate");
export type GammaPoisson = NegativeBinomialDistribution;

/** NumPyro's NegativeBinomial(total_count, probs=… | logits=…). */
export function NegativeBinomial(
  totalCount: TensorLike,
  params: ProbsOrLogits,
): NegativeBinomialDistribution {
  const { kind, value } = probsOrLogits("NegativeBinomial", params);
  return kind === "probs"
    ? NegativeBinomialProbs(totalCount, value)
    : NegativeBinomialLogits(totalCount, value);
}
export type NegativeBinomial = NegativeBinomialDistribution;
