/**
 * Poisson(rate) on {0, 1, 2, …} (NumPyro's `Poisson`).
 *
 * log p(k) = k log(rate) - rate - lgamma(k + 1); -Infinity for negative or non-integer k.
 * rate = 0 is allowed (p(0) = 1). A negative, NaN or infinite concrete rate throws a
 * DistributionError. Sampling: Knuth below rate 10, Hörmann's PTRS above (the PRNG's
 * `poisson`).
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  eq,
  floor,
  ge,
  isfinite,
  lgamma,
  mul,
  sub,
  tensor,
  toTensor,
  where,
  xlogy,
} from "@sidereal/tensor";
import { finiteNonnegative, nonnegativeInteger } from "../constraints/index.js";
import { ParametrizedDistribution } from "../declared.js";
import type { PRNGKey } from "../random/index.js";
import { poisson } from "../random/index.js";
import { expandTo, maskSupport } from "./util.js";

const NAME = "Poisson";

export class PoissonDistribution extends ParametrizedDistribution {
  static override readonly argConstraints = { rate: finiteNonnegative };
  static override readonly support = nonnegativeInteger;

  declare readonly rate: Tensor;

  constructor(rate: TensorLike) {
    const r = toTensor(rate);
    super(NAME, { rate: r }, r.shape);
  }

  logProb(value: TensorLike): Tensor {
    const k = toTensor(value);
    const ok = mul(mul(ge(k, 0), eq(floor(k), k)), isfinite(k));
    const ks = where(ok, k, 0);
    return maskSupport(ok, sub(sub(xlogy(ks, this.rate), this.rate), lgamma(add(ks, 1))));
  }

  /** Draws of shape `[...sampleShape, ...batch]` (not reparameterised). */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = [...sampleShape, ...this.batchShape];
    return tensor(poisson(key, expandTo(this.rate, shape).toArray(), shape), shape);
  }

  override get mean(): Tensor {
    return this.rate;
  }
  override get variance(): Tensor {
    return this.rate;
  }
}

/** Poisson distribution with `rate` ≥ 0. Callable without `new`. */
export function Poisson(rate: TensorLike): PoissonDistribution {
  return new PoissonDistribution(rate);
}
export type Poisson = PoissonDistribution;
