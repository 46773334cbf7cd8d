/**
 * Dirichlet(concentration) on the (K-1)-simplex (NumPyro's `Dirichlet`), event shape [K].
 *
 *   log p(x) = Σᵢ (αᵢ - 1) log xᵢ + lgamma(Σᵢ αᵢ) - Σᵢ lgamma(αᵢ),
 * -Infinity off the simplex (a negative entry, or a sum off 1 by more than 1e-6).
 * mean αᵢ/α₀, variance αᵢ(α₀ - αᵢ)/(α₀²(α₀ + 1)) with α₀ = Σ α. Sampling normalises
 * log-gamma draws (as `jax.random.dirichlet`, accurate for small α); not reparameterised.
 * A concrete concentration that is not positive and finite, or has fewer than one
 * component, throws a DistributionError.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  div,
  exp,
  lgamma,
  logsumexp,
  mul,
  sub,
  sum,
  tensor,
  toTensor,
  xlogy,
} from "@sidereal/tensor";
import { finitePositive, simplex } from "../constraints/index.js";
import { ParametrizedDistribution } from "../declared.js";
import { expandTo, maskSupport } from "../discrete/util.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { loggamma } from "../random/index.js";

const NAME = "Dirichlet";

export class DirichletDistribution extends ParametrizedDistribution {
  static override readonly argConstraints = { concentration: finitePositive };
  static override readonly support = simplex;

  declare readonly concentration: Tensor;

  constructor(concentration: TensorLike) {
    const a = toTensor(concentration);
    if (a.rank < 1 || a.shape[a.rank - 1] < 1)
      throw new DistributionError({
        distribution: NAME,
        parameter: "concentration",
        value: a.shape,
        constraint: "shape [..., K] with K ≥ 1",
      });
    super(NAME, { concentration: a }, a.shape.slice(0, -1), a.shape.slice(-1));
  }

  logProb(value: TensorLike): Tensor {
    const x = toTensor(value);
    const a = this.concentration;
    const norm = sub(lgamma(sum(a, -1)), sum(lgamma(a), -1));
    const lp = add(sum(xlogy(sub(a, 1), x), -1), norm);
    return maskSupport(simplex.check(x), lp);
  }

  /** Draws of shape `[...sampleShape, ...batch, K]`. */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const alpha = expandTo(this.concentration, shape).toArray();
    const lg = tensor(loggamma(key, alpha, shape), shape);
    return exp(sub(lg, logsumexp(lg, -1, true)));
  }

  override get mean(): Tensor {
    return div(this.concentration, sum(this.concentration, -1, true));
  }
  override get variance(): Tensor {
    const a = this.concentration;
    const a0 = sum(a, -1, true);
    return div(mul(a, sub(a0, a)), mul(mul(a0, a0), add(a0, 1)));
  }
}

/** Dirichlet distribution with concentration α (`[..., K]`, positive). Callable without `new`. */
export function Dirichlet(concentration: TensorLike): DirichletDistribution {
  return new DirichletDistribution(concentration);
}
export type Dirichlet = DirichletDistribution;
