/**
 * Binomial(totalCount, { probs } | { logits }) on {0, …, n} (NumPyro's `Binomial`).
 *
 * log p(k) = lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1) + k log p + (n-k) log(1-p),
 * with p = sigmoid(logits) for the logits form (then k·logσ(l) + (n-k)·logσ(-l)).
 * -Infinity for k outside {0, …, n} or non-integer k. Invalid concrete parameters
 * (totalCount not a non-negative integer, probs outside [0, 1], NaN logits) throw a
 * DistributionError. Sampling: inversion for n·min(p,1-p) < 10, Hörmann's BTRS otherwise.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  eq,
  floor,
  ge,
  le,
  lgamma,
  logit,
  logSigmoid,
  mul,
  neg,
  sigmoid,
  sub,
  tensor,
  toTensor,
  where,
  xlog1py,
  xlogy,
} from "@sidereal/tensor";
import type { Constraint } from "../constraints/index.js";
import { integerInterval, nonnegativeInteger, real, unitInterval } from "../constraints/index.js";
import { ParametrizedDistribution } from "../declared.js";
import { broadcastParams } from "../distribution.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { binomialDraws } from "./binomial-sampler.js";
import type { ProbsOrLogits } from "./util.js";
import { bothForms, expandTo, maskSupport, probsOrLogits } from "./util.js";

const NAME = "Binomial";

export class BinomialDistribution extends ParametrizedDistribution {
  static override readonly argConstraints = {
    totalCount: nonnegativeInteger,
    probs: unitInterval,
    logits: real,
  };

  private readonly declaredSupport: Constraint;
  override get support(): Constraint {
    return this.declaredSupport;
  }
  readonly totalCount: Tensor;
  readonly probs: Tensor;
  readonly logits: Tensor;
  private readonly useLogits: boolean;

  constructor(totalCount: TensorLike, params: ProbsOrLogits) {
    const n = toTensor(totalCount);
    const { kind, value } = probsOrLogits(NAME, params);
    super(NAME, { totalCount: n, [kind]: value }, broadcastParams(NAME, n.shape, value.shape));
    this.useLogits = kind === "logits";
    const both = bothForms(kind, expandTo(value, this.batchShape), logit, sigmoid);
    ({ probs: this.probs, logits: this.logits } = both);
    this.totalCount = expandTo(n, this.batchShape);
    this.declaredSupport = integerInterval(0, this.totalCount);
  }

  logProb(value: TensorLike): Tensor {
    const k = toTensor(value);
    const n = this.totalCount;
    const ok = mul(mul(ge(k, 0), le(k, n)), eq(floor(k), k));
    const ks = where(ok, k, 0);
    const nk = sub(n, ks);
    const logChoose = sub(sub(lgamma(add(n, 1)), lgamma(add(ks, 1))), lgamma(add(nk, 1)));
    const body = this.useLogits
      ? add(
          where(eq(ks, 0), 0, mul(ks, logSigmoid(this.logits))),
          where(eq(nk, 0), 0, mul(nk, logSigmoid(neg(this.logits)))),
        )
      : add(xlogy(ks, this.probs), xlog1py(nk, neg(this.probs)));
    return maskSupport(ok, add(logChoose, body));
  }

  /** Draws of shape `[...sampleShape, ...batch]` (not reparameterised). */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = [...sampleShape, ...this.batchShape];
    const n = expandTo(this.totalCount, shape).toArray();
    const p = expandTo(this.probs, shape).toArray();
    for (let i = 0; i < p.length; i++)
      if (!(p[i] >= 0 && p[i] <= 1))
        throw new DistributionError({
          distribution: NAME,
          parameter: "probs",
          value: p[i],
          constraint: "a probability in [0, 1] to sample",
        });
    return tensor(binomialDraws(key, n, p), shape);
  }

  /** {0, …, n} along a new leading axis (requires a single totalCount). */
  enumerateSupport(expand = true): Tensor {
    const n = this.totalCount.toArray();
    const n0 = n[0];
    if (n.some((x) => x !== n0))
      throw new DistributionError({
        distribution: NAME,
        parameter: "totalCount",
        constraint: "enumerateSupport needs a homogeneous totalCount",
      });
    const values = Array.from({ length: n0 + 1 }, (_, i) => i);
    const base = tensor(values, [n0 + 1, ...this.batchShape.map(() => 1)]);
    return expand ? expandTo(base, [n0 + 1, ...this.batchShape]) : base;
  }

  override get mean(): Tensor {
    return mul(this.totalCount, this.probs);
  }
  override get variance(): Tensor {
    return mul(mul(this.totalCount, this.probs), sub(1, this.probs));
  }
}

/**
 * Binomial distribution with `totalCount` trials (non-negative integer) and success
 * probability `probs` or `logits`. Callable without `new`.
 */
export function Binomial(totalCount: TensorLike, params: ProbsOrLogits): BinomialDistribution {
  return new BinomialDistribution(totalCount, params);
}
export type Binomial = BinomialDistribution;
