/**
 * The gamma distribution with shape (concentration) and rate.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  digamma,
  div,
  gammaincReg,
  lgamma,
  log,
  logGammaincCReg,
  logGammaincReg,
  mul,
  square,
  sub,
  tensor,
  xlogy,
} from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { gamma } from "../random/index.js";
import type { ArgConstraints, DistributionOptions } from "../validate.js";
import { cdfAbove, logCdfAbove, logProbAbove, logSurvivalAbove, valuesAt } from "./params.js";
import { callable, UnivariateDistribution } from "./univariate.js";

/**
 * The common part of Gamma and InverseGamma: parameters (concentration α, rate β), both
 * positive, support `positive`, and the gamma draws G ~ Gamma(α) that both sample from
 * (not reparameterised in α, so `hasRsample` is false; draws are differentiable in β).
 */
export abstract class ConcentrationRateDistribution extends UnivariateDistribution {
  static override readonly argConstraints: ArgConstraints = {
    concentration: positive,
    rate: positive,
  };
  static override readonly support = positive;
  static override readonly reparametrized = ["rate"];
  declare readonly concentration: Tensor;
  declare readonly rate: Tensor;

  protected constructor(
    name: string,
    concentration: TensorLike,
    rate: TensorLike,
    options?: DistributionOptions,
  ) {
    super(name, { concentration, rate }, options);
  }

  /** Standard gamma draws G ~ Gamma(α, 1), shape `sampleShape + batchShape`. */
  protected standardGammaDraws(key: PRNGKey, sampleShape: Shape): Tensor {
    const shape = this.shape(sampleShape);
    return tensor(gamma(key, valuesAt(this.concentration, shape), shape), shape);
  }
}

/**
 * Gamma(concentration α, rate β): density β^α x^(α-1) e^(-βx) / Γ(α) for x ≥ 0 (the
 * value at x = 0 follows scipy: +Infinity for α < 1, β for α = 1, -Infinity for α > 1),
 * -Infinity for x < 0. Sampling by Marsaglia–Tsang gamma draws divided by the rate: not
 * reparameterised in α (`hasRsample` false; the draw is differentiable in the rate only).
 * cdf via the regularized lower incomplete gamma P(α, βx). A concrete concentration ≤ 0
 * or rate ≤ 0 throws a DistributionError.
 */
export class GammaDistribution extends ConcentrationRateDistribution {
  constructor(concentration: TensorLike, rate: TensorLike = 1, options?: DistributionOptions) {
    super("Gamma", concentration, rate, options);
  }

  /** (α - 1) log x - βx + α log β - log Γ(α). */
  logProb(value: TensorLike): Tensor {
    const a = this.concentration;
    const b = this.rate;
    return logProbAbove(value, 0, (x) =>
      sub(add(xlogy(sub(a, 1), x), sub(mul(a, log(b)), lgamma(a))), mul(b, x)),
    );
  }
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return div(this.standardGammaDraws(key, sampleShape), this.rate);
  }
  override get mean(): Tensor {
    return this.batch(div(this.concentration, this.rate));
  }
  override get variance(): Tensor {
    return this.batch(div(this.concentration, square(this.rate)));
  }
  /** P(α, βx) for x > 0, 0 otherwise. */
  override cdf(value: TensorLike): Tensor {
    return cdfAbove(value, 0, (x) => gammaincReg(this.concentration, mul(this.rate, x)));
  }
  /** log P(α, βx) in log space (finite where P underflows, x → 0), −Infinity for x ≤ 0. */
  override logCdf(value: TensorLike): Tensor {
    return logCdfAbove(value, 0, (x) => logGammaincReg(this.concentration, mul(this.rate, x)));
  }
  /** log Q(α, βx) in log space (≈ −βx far right), 0 for x ≤ 0. */
  override logSurvival(value: TensorLike): Tensor {
    return logSurvivalAbove(value, 0, (x) =>
      logGammaincCReg(this.concentration, mul(this.rate, x)),
    );
  }
  /** α - log β + log Γ(α) + (1 - α) ψ(α). */
  override entropy(): Tensor {
    const a = this.concentration;
    return this.batch(add(sub(a, log(this.rate)), add(lgamma(a), mul(sub(1, a), digamma(a)))));
  }
}

/** Gamma(concentration, rate = 1) — see {@link GammaDistribution}. */
export const Gamma = callable(GammaDistribution);
