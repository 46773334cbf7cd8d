/**
 * The gamma distribution with shape (concentration) and rate.
 */
import {
  add,
  digamma,
  div,
  gammaincReg,
  le,
  lgamma,
  log,
  lt,
  mul,
  type Shape,
  square,
  sub,
  type Tensor,
  type TensorLike,
  tensor,
  toTensor,
  where,
  xlogy,
} from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import { gamma, type PRNGKey } from "../random/index.js";
import {
  type ContinuousOptions,
  checkParam,
  isPositive,
  maskedLogProb,
  param,
  valuesAt,
} from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

/**
 * Gamma(concentration α, rate β): density β^α x^(α-1) e^(-βx) / Γ(α) for x ≥ 0 (the
 * value at x = 0 follows scipy: +Infinity for α < 1, β for α = 1, -Infinity for α > 1),
 * -Infinity for x < 0. Sampling by Marsaglia–Tsang gamma draws divided by the rate: not
 * reparameterised in α (`hasRsample` false; the draw is differentiable in the rate only).
 * cdf via the regularized lower incomplete gamma P(α, βx). Throws DistributionError for a
 * concrete concentration ≤ 0 or rate ≤ 0.
 */
export class GammaDistribution extends UnivariateDistribution {
  readonly name: string = "Gamma";
  readonly support = positive;
  readonly concentration: Tensor;
  readonly rate: Tensor;

  constructor(concentration: TensorLike, rate: TensorLike = 1, options?: ContinuousOptions) {
    const a = param(concentration);
    const b = param(rate);
    super("Gamma", [a, b]);
    checkParam("Gamma", "concentration", a, isPositive, "positive", options);
    checkParam("Gamma", "rate", b, isPositive, "positive", options);
    this.concentration = a;
    this.rate = b;
  }

  /** (α - 1) log x - βx + α log β - log Γ(α). */
  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const a = this.concentration;
    const b = this.rate;
    return maskedLogProb(v, lt(v, 0), 1, (x) =>
      sub(add(xlogy(sub(a, 1), x), sub(mul(a, log(b)), lgamma(a))), mul(b, x)),
    );
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const g = gamma(key, valuesAt(this.concentration, shape), shape);
    return div(tensor(g, shape), this.rate);
  }

  override get mean(): Tensor {
    return this.batch(div(this.concentration, this.rate));
  }
  override get variance(): Tensor {
    return this.batch(div(this.concentration, square(this.rate)));
  }
  /** P(α, βx) for x > 0, 0 otherwise. */
  override cdf(value: TensorLike): Tensor {
    const v = toTensor(value);
    const out = le(v, 0);
    return where(out, 0, gammaincReg(this.concentration, mul(this.rate, where(out, 1, v))));
  }
  /** α - log β + log Γ(α) + (1 - α) ψ(α). */
  override entropy(): Tensor {
    const a = this.concentration;
    return this.batch(add(sub(a, log(this.rate)), add(lgamma(a), mul(sub(1, a), digamma(a)))));
  }
}

/** Gamma(concentration, rate = 1) — see {@link GammaDistribution}. */
export function Gamma(
  concentration: TensorLike,
  rate: TensorLike = 1,
  options?: ContinuousOptions,
): GammaDistribution {
  return new GammaDistribution(concentration, rate, options);
}
