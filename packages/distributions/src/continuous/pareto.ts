/**
 * The Pareto (type I) distribution.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  div,
  exp,
  expm1,
  gt,
  log,
  log1mexp,
  log1p,
  lt,
  mul,
  neg,
  reciprocal,
  square,
  sub,
  tensor,
  toTensor,
  where,
} from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import { greaterThan, positive } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { exponential } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { logCdfAbove, logSurvivalAbove, maskedLogProb } from "./params.js";
import { callable, UnivariateDistribution } from "./univariate.js";

/**
 * Pareto(scale xₘ, alpha α): density α xₘ^α / x^(α+1) for x ≥ xₘ (scipy's
 * pareto(b = α, scale = xₘ)), -Infinity below. Evaluated as log α - log xₘ - (α+1) log(x/xₘ).
 * Support `greaterThan(scale)` (NumPyro). Mean +Infinity for α ≤ 1, variance +Infinity for
 * α ≤ 2. Reparameterised sampling `xₘ e^(E/α)`. Throws DistributionError for a concrete
 * scale ≤ 0 or alpha ≤ 0.
 */
export class ParetoDistribution extends UnivariateDistribution {
  static override readonly argConstraints = { scale: positive, alpha: positive };
  static override readonly reparametrized = ["scale", "alpha"];
  declare readonly scale: Tensor;
  declare readonly alpha: Tensor;

  constructor(scale: TensorLike, alpha: TensorLike, options?: DistributionOptions) {
    super("Pareto", { scale, alpha }, options);
  }

  /** greaterThan(scale) (NumPyro). */
  override get support(): Constraint {
    return greaterThan(this.scale);
  }

  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const a = this.alpha;
    return maskedLogProb(v, lt(v, this.scale), this.scale, (x) =>
      sub(sub(log(a), log(this.scale)), mul(add(a, 1), log(div(x, this.scale)))),
    );
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const e = tensor(exponential(key, shape), shape);
    return mul(this.scale, exp(div(e, this.alpha)));
  }

  /** α xₘ/(α - 1) for α > 1, +Infinity otherwise. */
  override get mean(): Tensor {
    const a = this.alpha;
    const ok = gt(a, 1);
    const sa = where(ok, a, 2);
    return this.batch(where(ok, div(mul(sa, this.scale), sub(sa, 1)), Number.POSITIVE_INFINITY));
  }
  /** xₘ² α / ((α - 1)² (α - 2)) for α > 2, +Infinity otherwise. */
  override get variance(): Tensor {
    const a = this.alpha;
    const ok = gt(a, 2);
    const sa = where(ok, a, 3);
    const v = div(mul(square(this.scale), sa), mul(square(sub(sa, 1)), sub(sa, 2)));
    return this.batch(where(ok, v, Number.POSITIVE_INFINITY));
  }
  /** 1 - (xₘ/x)^α = -expm1(-α log(x/xₘ)) for x ≥ xₘ, 0 below. */
  override cdf(value: TensorLike): Tensor {
    const v = toTensor(value);
    const out = lt(v, this.scale);
    const r = div(where(out, this.scale, v), this.scale);
    return where(out, 0, neg(expm1(neg(mul(this.alpha, log(r))))));
  }
  /** α log(x/xₘ) as α log1p((x − xₘ)/xₘ): x − xₘ is exact near xₘ, where log x − log xₘ cancels. */
  private logRatioTimesAlpha(x: Tensor): Tensor {
    return mul(this.alpha, log1p(div(sub(x, this.scale), this.scale)));
  }
  /** log(1 − (xₘ/x)^α) = log1mexp(−α log(x/xₘ)) for x > xₘ, −Infinity at and below. */
  override logCdf(value: TensorLike): Tensor {
    const inside = mul(this.scale, 2);
    return logCdfAbove(value, this.scale, (x) => log1mexp(neg(this.logRatioTimesAlpha(x))), inside);
  }
  /** −α log(x/xₘ) for x > xₘ, 0 at and below. */
  override logSurvival(value: TensorLike): Tensor {
    const inside = mul(this.scale, 2);
    return logSurvivalAbove(value, this.scale, (x) => neg(this.logRatioTimesAlpha(x)), inside);
  }
  /** xₘ exp(-log1p(-q)/α). */
  override icdf(q: TensorLike): Tensor {
    return mul(this.scale, exp(div(neg(log1p(neg(q))), this.alpha)));
  }
  /** log(xₘ/α) + 1/α + 1. */
  override entropy(): Tensor {
    const a = this.alpha;
    return this.batch(add(add(log(div(this.scale, a)), reciprocal(a)), 1));
  }
}

/** Pareto(scale, alpha) — see {@link ParetoDistribution}. */
export const Pareto = callable(ParetoDistribution);
