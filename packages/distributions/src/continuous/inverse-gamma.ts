/**
 * The inverse-gamma distribution: 1/X for X ~ Gamma(concentration, rate) scaled by the rate.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  digamma,
  div,
  gammaincCReg,
  gt,
  le,
  lgamma,
  log,
  mul,
  square,
  sub,
  toTensor,
  where,
} from "@sidereal/tensor";
import type { PRNGKey } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { ConcentrationRateDistribution } from "./gamma.js";
import { maskedLogProb } from "./params.js";
import { callable } from "./univariate.js";

/**
 * InverseGamma(concentration α, rate β): density β^α x^(-α-1) e^(-β/x) / Γ(α) for x > 0
 * (scipy's invgamma(a = α, scale = β)), -Infinity for x ≤ 0. Sampling `β / G`,
 * G ~ Gamma(α) (not reparameterised in α). Mean +Infinity for α ≤ 1, variance +Infinity
 * for α ≤ 2 (NumPyro). cdf Q(α, β/x). Throws DistributionError for a concrete
 * concentration ≤ 0 or rate ≤ 0.
 */
export class InverseGammaDistribution extends ConcentrationRateDistribution {
  constructor(concentration: TensorLike, rate: TensorLike = 1, options?: DistributionOptions) {
    super("InverseGamma", concentration, rate, options);
  }

  /** α log β - log Γ(α) - (α + 1) log x - β/x. */
  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const a = this.concentration;
    const b = this.rate;
    return maskedLogProb(v, le(v, 0), 1, (x) =>
      sub(sub(mul(a, log(b)), lgamma(a)), add(mul(add(a, 1), log(x)), div(b, x))),
    );
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return div(this.rate, this.standardGammaDraws(key, sampleShape));
  }

  override get mean(): Tensor {
    const a = this.concentration;
    const ok = gt(a, 1);
    const sa = where(ok, a, 2);
    return this.batch(where(ok, div(this.rate, sub(sa, 1)), Number.POSITIVE_INFINITY));
  }
  override get variance(): Tensor {
    const a = this.concentration;
    const ok = gt(a, 2);
    const sa = where(ok, a, 3);
    const v = div(square(this.rate), mul(square(sub(sa, 1)), sub(sa, 2)));
    return this.batch(where(ok, v, Number.POSITIVE_INFINITY));
  }
  /** Q(α, β/x) for x > 0, 0 otherwise. */
  override cdf(value: TensorLike): Tensor {
    const v = toTensor(value);
    const out = le(v, 0);
    return where(out, 0, gammaincCReg(this.concentration, div(this.rate, where(out, 1, v))));
  }
  /** α + log β + log Γ(α) - (1 + α) ψ(α). */
  override entropy(): Tensor {
    const a = this.concentration;
    return this.batch(sub(add(add(a, log(this.rate)), lgamma(a)), mul(add(a, 1), digamma(a))));
  }
}

/** InverseGamma(concentration, rate = 1) — see {@link InverseGammaDistribution}. */
export const InverseGamma = callable(InverseGammaDistribution);
