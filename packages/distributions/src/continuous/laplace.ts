/**
 * The Laplace (double exponential) distribution.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import {
  abs,
  exp,
  log,
  log1p,
  lt,
  minimum,
  mul,
  neg,
  sign,
  sub,
  toTensor,
  where,
} from "@sidereal/tensor";
import type { DistributionOptions } from "../validate.js";
import { LocScaleDistribution } from "./loc-scale.js";
import { callable } from "./univariate.js";

/**
 * Laplace(loc, scale): density exp(-|x - loc|/scale) / (2 scale), variance 2 scale²,
 * entropy 1 + log(2 scale). Reparameterised sampling through the inverse CDF of an
 * open-interval uniform. A concrete scale ≤ 0 throws a DistributionError.
 */
export class LaplaceDistribution extends LocScaleDistribution {
  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: DistributionOptions) {
    super("Laplace", loc, scale, options);
  }
  /** -|z| (normaliser log 2). */
  protected standardLogProb(z: Tensor): Tensor {
    return neg(abs(z));
  }
  protected override standardLogNormalizer(): number {
    return Math.LN2;
  }
  protected standardMean(): number {
    return 0;
  }
  protected standardVariance(): number {
    return 2;
  }
  protected standardEntropy(): number {
    return 1 + Math.LN2;
  }
  /** e^z/2 for z < 0, 1 - e^(-z)/2 otherwise. */
  protected override standardCdf(z: Tensor): Tensor {
    const half = mul(exp(neg(abs(z))), 0.5);
    return where(lt(z, 0), half, sub(1, half));
  }
  /** log F(z): z − log 2 for z < 0 (no exp to underflow), log1p(−e^(−z)/2) otherwise. */
  protected override standardLogCdf(z: Tensor): Tensor {
    const right = log1p(mul(exp(neg(abs(z))), -0.5));
    return where(lt(z, 0), sub(z, Math.LN2), right);
  }
  /**
   * -sign(q - 1/2) log(2 min(q, 1 - q)) (1 - q is exact for q ≥ 1/2, so both tails keep
   * the digits of q).
   */
  protected override standardIcdf(q: TensorLike): Tensor {
    const tq = toTensor(q);
    const m = minimum(tq, sub(1, tq));
    return neg(mul(sign(sub(tq, 0.5)), log(mul(m, 2))));
  }
}

/** Laplace(loc, scale) — see {@link LaplaceDistribution}. */
export const Laplace = callable(LaplaceDistribution);
