/**
 * The normal distribution truncated to [low, high] (one- or two-sided).
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  clip,
  div,
  exp,
  gt,
  log,
  log1p,
  logaddexp,
  logNdtr,
  lt,
  mul,
  neg,
  square,
  sub,
  toTensor,
  where,
} from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import { greaterThan, interval, lessThan, positive, real } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { dependent } from "../validate.js";
import { HALF_LOG_2PI } from "./normal.js";
import { logDiffNdtr, ndtriLog, oneMinusExp } from "./normal-tail.js";
import { maskedLogProb, openUniform } from "./params.js";
import { callable, UnivariateDistribution } from "./univariate.js";

/** Options of {@link TruncatedNormal}: the truncation bounds (either may be omitted). */
export interface TruncatedNormalOptions extends DistributionOptions {
  readonly low?: TensorLike;
  readonly high?: TensorLike;
}

/** log φ(z) of the standard normal. */
const logPhi = (z: Tensor): Tensor => sub(mul(square(z), -0.5), HALF_LOG_2PI);

/**
 * TruncatedNormal(loc, scale, { low, high }): the N(loc, scale²) density renormalised to
 * [low, high] (closed, as scipy's truncnorm), -Infinity outside. With α = (low - loc)/scale,
 * β = (high - loc)/scale the log normaliser log(Φ(β) - Φ(α)) is computed in the stable
 * tail with logNdtr (see {@link logDiffNdtr}); one-sided: log Φ(-α) or log Φ(β). Support
 * `interval(low, high)`, `greaterThan(low)`, `lessThan(high)` (or `real` without bounds).
 * Sampling by the inverse CDF, also evaluated in the stable tail (reparameterised).
 * The variance loses relative accuracy for truncation far in a tail (|α| ≳ 10: the
 * closed form cancels). Throws DistributionError for a concrete scale ≤ 0 or low ≥ high.
 */
export class TruncatedNormalDistribution extends UnivariateDistribution {
  static override readonly argConstraints = {
    loc: real,
    scale: positive,
    low: dependent("high", (p) => lessThan(p.high)),
    high: real,
  };
  static override readonly reparametrized = ["loc", "scale", "low", "high"];
  declare readonly loc: Tensor;
  declare readonly scale: Tensor;
  declare readonly low: Tensor | undefined;
  declare readonly high: Tensor | undefined;

  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options: TruncatedNormalOptions = {}) {
    super("TruncatedNormal", { loc, scale, low: options.low, high: options.high }, options);
  }

  /** interval(low, high), greaterThan(low), lessThan(high) or real. */
  override get support(): Constraint {
    const { low, high } = this;
    return low ? (high ? interval(low, high) : greaterThan(low)) : high ? lessThan(high) : real;
  }

  private std(x: TensorLike): Tensor {
    return div(sub(x, this.loc), this.scale);
  }

  /** log(Φ(β) - Φ(α)) (0 without bounds). */
  logNormalizer(): Tensor {
    const { low, high } = this;
    if (low && high) return logDiffNdtr(this.std(low), this.std(high));
    if (low) return logNdtr(neg(this.std(low)));
    if (high) return logNdtr(this.std(high));
    return mul(this.scale, 0);
  }

  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const { low, high } = this;
    let outside: Tensor = mul(v, 0);
    if (low) outside = add(outside, lt(v, low));
    if (high) outside = add(outside, gt(v, high));
    outside = gt(outside, 0);
    const inside = low ?? high ?? this.loc;
    const logZ = this.logNormalizer();
    return maskedLogProb(v, outside, inside, (x) =>
      sub(logPhi(this.std(x)), add(log(this.scale), logZ)),
    );
  }

  /** (Φ(z) - Φ(α)) / Z, with z clipped to [α, β], evaluated in log space. */
  override cdf(value: TensorLike): Tensor {
    const { low, high } = this;
    const lo = low ?? Number.NEGATIVE_INFINITY;
    const hi = high ?? Number.POSITIVE_INFINITY;
    const z = this.std(clip(value, lo, hi));
    const num = low ? logDiffNdtr(this.std(low), z) : logNdtr(z);
    return exp(sub(num, this.logNormalizer()));
  }

  /**
   * The quantile: for α ≤ 0 solves log Φ(z) = logaddexp(log Φ(α), log q + log Z); for
   * α > 0 (right tail) solves log Φ(-z) = log Φ(-α) + log1p(-q (1 - Φ(-β)/Φ(-α))); both
   * with {@link ndtriLog}. q outside [0, 1] gives NaN.
   */
  override icdf(q: TensorLike): Tensor {
    const tq = toTensor(q);
    const { low, high } = this;
    if (!low) {
      const lb = high ? logNdtr(this.std(high)) : 0;
      return add(this.loc, mul(this.scale, ndtriLog(add(log(tq), lb))));
    }
    const alpha = this.std(low);
    const right = gt(alpha, 0);
    // left branch (α ≤ 0), with safe inputs where the right branch is taken
    const aL = where(right, -1, alpha);
    const logZL = high ? logDiffNdtr(aL, where(right, 1, this.std(high))) : logNdtr(neg(aL));
    const zL = ndtriLog(logaddexp(logNdtr(aL), add(log(tq), logZL)));
    // right branch (α > 0)
    const aR = where(right, alpha, 1);
    const la = logNdtr(neg(aR));
    const frac = high ? oneMinusExp(sub(logNdtr(neg(where(right, this.std(high), 2))), la)) : 1;
    const zR = neg(ndtriLog(add(la, log1p(neg(mul(tq, frac))))));
    return add(this.loc, mul(this.scale, where(right, zR, zL)));
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return this.icdf(openUniform(key, this.shape(sampleShape)));
  }

  /** φ(α)/Z and φ(β)/Z terms (0 for a missing bound) and α φ(α)/Z, β φ(β)/Z. */
  private boundaryTerms(): { pa: Tensor; pb: Tensor; apa: Tensor; bpb: Tensor } {
    const logZ = this.logNormalizer();
    const zero = mul(logZ, 0);
    let pa = zero;
    let pb = zero;
    let apa = zero;
    let bpb = zero;
    if (this.low) {
      const a = this.std(this.low);
      pa = exp(sub(logPhi(a), logZ));
      apa = mul(a, pa);
    }
    if (this.high) {
      const b = this.std(this.high);
      pb = exp(sub(logPhi(b), logZ));
      bpb = mul(b, pb);
    }
    return { pa, pb, apa, bpb };
  }

  /** loc + scale (φ(α) - φ(β))/Z. */
  override get mean(): Tensor {
    const { pa, pb } = this.boundaryTerms();
    return this.batch(add(this.loc, mul(this.scale, sub(pa, pb))));
  }
  /** scale² (1 + (α φ(α) - β φ(β))/Z - ((φ(α) - φ(β))/Z)²). */
  override get variance(): Tensor {
    const { pa, pb, apa, bpb } = this.boundaryTerms();
    const v = sub(add(1, sub(apa, bpb)), square(sub(pa, pb)));
    return this.batch(mul(square(this.scale), v));
  }
}

/**
 * TruncatedNormal(loc = 0, scale = 1, { low?, high? }) — NumPyro's keyword bounds; see
 * {@link TruncatedNormalDistribution}.
 */
export const TruncatedNormal = callable(TruncatedNormalDistribution);
