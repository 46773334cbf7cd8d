/**
 * The Weibull distribution (NumPyro's `Weibull(scale, concentration)` argument order).
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  div,
  exp,
  expm1,
  le,
  lgamma,
  log,
  log1mexp,
  log1p,
  lt,
  mul,
  neg,
  pow,
  reciprocal,
  square,
  sub,
  tensor,
  toTensor,
  where,
  xlogy,
} from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { exponential } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { logCdfAbove, logSurvivalAbove, maskedLogProb } from "./params.js";
import { callable, UnivariateDistribution } from "./univariate.js";

const EULER_GAMMA = 0.5772156649015329;

/**
 * Weibull(scale λ, concentration k): density (k/λ)(x/λ)^(k-1) e^(-(x/λ)^k) for x ≥ 0
 * (scipy's weibull_min(c = k, scale = λ)), -Infinity for x < 0. Reparameterised sampling
 * `λ E^(1/k)` with E standard exponential. Throws DistributionError for a concrete
 * scale ≤ 0 or concentration ≤ 0.
 */
export class WeibullDistribution extends UnivariateDistribution {
  static override readonly argConstraints = {
    scale: positive,
    concentration: positive,
  };
  static override readonly support = positive;
  static override readonly reparametrized = ["scale", "concentration"];
  declare readonly scale: Tensor;
  declare readonly concentration: Tensor;

  constructor(scale: TensorLike, concentration: TensorLike, options?: DistributionOptions) {
    super("Weibull", { scale, concentration }, options);
  }

  /** log(k/λ) + (k - 1) log(x/λ) - (x/λ)^k. */
  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const k = this.concentration;
    return maskedLogProb(v, lt(v, 0), this.scale, (x) => {
      const y = div(x, this.scale);
      return sub(add(log(div(k, this.scale)), xlogy(sub(k, 1), y)), pow(y, k));
    });
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const e = tensor(exponential(key, shape), shape);
    return mul(this.scale, pow(e, reciprocal(this.concentration)));
  }

  /** λ Γ(1 + 1/k). */
  override get mean(): Tensor {
    return this.batch(mul(this.scale, exp(lgamma(add(1, reciprocal(this.concentration))))));
  }
  /** λ² (Γ(1 + 2/k) - Γ(1 + 1/k)²). */
  override get variance(): Tensor {
    const ik = reciprocal(this.concentration);
    const g1 = exp(lgamma(add(1, ik)));
    const g2 = exp(lgamma(add(1, mul(ik, 2))));
    return this.batch(mul(square(this.scale), sub(g2, square(g1))));
  }
  /** -expm1(-(x/λ)^k) for x ≥ 0, 0 below. */
  override cdf(value: TensorLike): Tensor {
    const v = toTensor(value);
    const out = le(v, 0);
    const y = div(where(out, 1, v), this.scale);
    return where(out, 0, neg(expm1(neg(pow(y, this.concentration)))));
  }
  /**
   * log(1 − e^(−y)), y = (x/λ)^k, for x > 0: from log y = k log(x/λ) as log y − y/2 when
   * y < e⁻²⁰ (y itself may underflow there; the omitted y²/24 is below 1e-18), log1mexp(−y)
   * otherwise. −Infinity for x ≤ 0.
   */
  override logCdf(value: TensorLike): Tensor {
    return logCdfAbove(value, 0, (x) => {
      const logY = mul(this.concentration, log(div(x, this.scale)));
      const y = exp(logY);
      const small = lt(logY, -20);
      return where(small, sub(logY, mul(y, 0.5)), log1mexp(neg(where(small, 1, y))));
    });
  }
  /** −(x/λ)^k for x > 0, 0 below. */
  override logSurvival(value: TensorLike): Tensor {
    return logSurvivalAbove(value, 0, (x) => neg(pow(div(x, this.scale), this.concentration)));
  }
  /** λ (-log1p(-q))^(1/k). */
  override icdf(q: TensorLike): Tensor {
    return mul(this.scale, pow(neg(log1p(neg(q))), reciprocal(this.concentration)));
  }
  /** γ (1 - 1/k) + log(λ/k) + 1. */
  override entropy(): Tensor {
    const k = this.concentration;
    return this.batch(
      add(add(mul(sub(1, reciprocal(k)), EULER_GAMMA), log(div(this.scale, k))), 1),
    );
  }
}

/** Weibull(scale, concentration) — NumPyro's order; see {@link WeibullDistribution}. */
export const Weibull = callable(WeibullDistribution);
