/**
 * The beta distribution on [0, 1].
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  betaln,
  digamma,
  div,
  gt,
  lt,
  mul,
  neg,
  square,
  sub,
  tensor,
  toTensor,
  xlog1py,
  xlogy,
} from "@sidereal/tensor";
import { positive, unitInterval } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { beta } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { maskedLogProb, valuesAt } from "./params.js";
import { callable, UnivariateDistribution } from "./univariate.js";

/**
 * Beta(concentration1 a, concentration0 b): density x^(a-1) (1-x)^(b-1) / B(a, b) on
 * [0, 1] (endpoint values as scipy), -Infinity outside. Sampling from gamma ratios in log
 * space (not reparameterised). No cdf (the regularized incomplete beta is not available).
 * Throws DistributionError for a concrete concentration ≤ 0.
 */
export class BetaDistribution extends UnivariateDistribution {
  static override readonly argConstraints = {
    concentration1: positive,
    concentration0: positive,
  };
  static override readonly support = unitInterval;
  static override readonly reparametrized = [];
  declare readonly concentration1: Tensor;
  declare readonly concentration0: Tensor;

  constructor(
    concentration1: TensorLike,
    concentration0: TensorLike,
    options?: DistributionOptions,
  ) {
    super("Beta", { concentration1, concentration0 }, options);
  }

  /** (a - 1) log x + (b - 1) log1p(-x) - log B(a, b). */
  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const a = this.concentration1;
    const b = this.concentration0;
    const outside = add(lt(v, 0), gt(v, 1));
    return maskedLogProb(v, outside, 0.5, (x) =>
      sub(add(xlogy(sub(a, 1), x), xlog1py(sub(b, 1), neg(x))), betaln(a, b)),
    );
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const a = valuesAt(this.concentration1, shape);
    const b = valuesAt(this.concentration0, shape);
    return tensor(beta(key, a, b, shape), shape);
  }

  override get mean(): Tensor {
    const a = this.concentration1;
    return this.batch(div(a, add(a, this.concentration0)));
  }
  override get variance(): Tensor {
    const a = this.concentration1;
    const b = this.concentration0;
    const t = add(a, b);
    return this.batch(div(mul(a, b), mul(square(t), add(t, 1))));
  }
  /** log B(a, b) - (a - 1) ψ(a) - (b - 1) ψ(b) + (a + b - 2) ψ(a + b). */
  override entropy(): Tensor {
    const a = this.concentration1;
    const b = this.concentration0;
    const t = add(a, b);
    return this.batch(
      add(
        sub(sub(betaln(a, b), mul(sub(a, 1), digamma(a))), mul(sub(b, 1), digamma(b))),
        mul(sub(t, 2), digamma(t)),
      ),
    );
  }
}

/** Beta(concentration1, concentration0) — see {@link BetaDistribution}. */
export const Beta = callable(BetaDistribution);
