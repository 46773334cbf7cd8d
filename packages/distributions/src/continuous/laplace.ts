/**
 * The Laplace (double exponential) distribution.
 */
import {
  abs,
  add,
  div,
  exp,
  log,
  lt,
  minimum,
  mul,
  neg,
  type Shape,
  sign,
  square,
  sub,
  type Tensor,
  type TensorLike,
  toTensor,
  where,
} from "@sidereal/tensor";
import { real } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { type ContinuousOptions, checkParam, isPositive, openUniform, param } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

/**
 * Laplace(loc, scale): density exp(-|x - loc|/scale) / (2 scale). Reparameterised
 * sampling through the inverse CDF of an open-interval uniform. Throws DistributionError
 * for a concrete scale ≤ 0.
 */
export class LaplaceDistribution extends UnivariateDistribution {
  readonly name = "Laplace";
  readonly support = real;
  override readonly hasRsample = true;
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: ContinuousOptions) {
    const l = param(loc);
    const s = param(scale);
    super("Laplace", [l, s]);
    checkParam("Laplace", "scale", s, isPositive, "positive", options);
    this.loc = l;
    this.scale = s;
  }

  /** -log(2 scale) - |x - loc|/scale. */
  logProb(value: TensorLike): Tensor {
    const z = div(abs(sub(value, this.loc)), this.scale);
    return neg(add(add(z, log(this.scale)), Math.LN2));
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return this.icdf(openUniform(key, this.shape(sampleShape)));
  }

  override get mean(): Tensor {
    return this.batch(this.loc);
  }
  override get variance(): Tensor {
    return this.batch(mul(square(this.scale), 2));
  }
  /** e^z/2 for z < 0, 1 - e^(-z)/2 otherwise (z = (x - loc)/scale). */
  override cdf(value: TensorLike): Tensor {
    const z = div(sub(value, this.loc), this.scale);
    const half = mul(exp(neg(abs(z))), 0.5);
    return where(lt(z, 0), half, sub(1, half));
  }
  /**
   * loc - scale sign(q - 1/2) log(2 min(q, 1 - q)) (1 - q is exact for q ≥ 1/2, so both
   * tails keep the digits of q).
   */
  override icdf(q: TensorLike): Tensor {
    const tq = toTensor(q);
    const m = minimum(tq, sub(1, tq));
    return sub(this.loc, mul(mul(this.scale, sign(sub(tq, 0.5))), log(mul(m, 2))));
  }
  /** 1 + log(2 scale). */
  override entropy(): Tensor {
    return this.batch(add(log(this.scale), 1 + Math.LN2));
  }
}

/** Laplace(loc, scale) — see {@link LaplaceDistribution}. */
export function Laplace(
  loc: TensorLike = 0,
  scale: TensorLike = 1,
  options?: ContinuousOptions,
): LaplaceDistribution {
  return new LaplaceDistribution(loc, scale, options);
}
