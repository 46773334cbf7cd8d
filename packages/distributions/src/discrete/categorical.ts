/**
 * Categorical({ probs } | { logits }) over {0, …, K-1} (NumPyro's `Categorical`).
 *
 * p(k) = probs[..., k] = softmax(logits)[..., k]. The last parameter axis holds the K
 * categories; the rest is the batch shape. `logits` are stored normalised
 * (logits - logsumexp(logits)). logProb is -Infinity for values outside {0, …, K-1}
 * (non-integers included). Invalid concrete parameters (probs negative or rows not
 * summing to 1 within 1e-6; logits NaN or +Infinity; K = 0) throw a DistributionError.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  arange,
  argmax,
  eq,
  exp,
  expandDims,
  floor,
  full,
  ge,
  le,
  log,
  logsumexp,
  mul,
  neg,
  reshape,
  sub,
  sum,
  tensor,
  toTensor,
  where,
} from "@sidereal/tensor";
import type { Constraint } from "../constraints/index.js";
import { integerInterval, lessThan, unitInterval } from "../constraints/index.js";
import { ParametrizedDistribution } from "../declared.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { gumbel } from "../random/index.js";
import { concreteValues } from "../validate.js";
import type { ProbsOrLogits } from "./util.js";
import { dropRight, expandTo, maskSupport, probsOrLogits } from "./util.js";

const NAME = "Categorical";

export class CategoricalDistribution extends ParametrizedDistribution {
  static override readonly argConstraints = {
    probs: unitInterval,
    logits: lessThan(Number.POSITIVE_INFINITY),
  };

  private readonly declaredSupport: Constraint;
  override get support(): Constraint {
    return this.declaredSupport;
  }
  /** Number of categories K. */
  readonly numCategories: number;
  /** Normalised log-probabilities, shape `[...batch, K]`. */
  readonly logits: Tensor;
  /** Probabilities, shape `[...batch, K]`. */
  readonly probs: Tensor;

  constructor(params: ProbsOrLogits) {
    const { kind, value } = probsOrLogits(NAME, params);
    if (value.rank < 1)
      throw new DistributionError({
        distribution: NAME,
        parameter: kind,
        constraint: `needs at least one axis of categories, got a scalar`,
      });
    const k = value.shape[value.rank - 1];
    if (k < 1)
      throw new DistributionError({
        distribution: NAME,
        parameter: kind,
        constraint: "needs at least one category",
      });
    super(NAME, { [kind]: value }, dropRight(value.shape, 1));
    this.numCategories = k;
    this.declaredSupport = integerInterval(0, k - 1);
    if (kind === "probs") {
      const s = concreteValues(sum(value, -1));
      if (s !== null) {
        for (let i = 0; i < s.length; i++)
          if (!(Math.abs(s[i] - 1) <= 1e-6))
            throw new DistributionError({
              distribution: NAME,
              parameter: "probs",
              value: s[i],
              constraint: "rows summing to 1 (this is a row's sum)",
            });
      }
      this.probs = value;
      this.logits = log(value);
    } else {
      const l = sub(value, logsumexp(value, -1, true));
      this.logits = l;
      this.probs = exp(l);
      const v = concreteValues(value);
      if (v !== null) {
        for (let r = 0; r < v.length / k; r++) {
          let any = false;
          for (let c = 0; c < k; c++) if (v[r * k + c] > Number.NEGATIVE_INFINITY) any = true;
          if (!any)
            throw new DistributionError({
              distribution: NAME,
              parameter: "logits",
              constraint: "every row needs a finite logit",
            });
        }
      }
    }
  }

  /** 1 where `v` is an integer in [0, K-1]. */
  private inSupport(v: Tensor): Tensor {
    return mul(mul(ge(v, 0), le(v, this.numCategories - 1)), eq(floor(v), v));
  }

  /** log p(value) = logits[..., value]; shape `broadcast(value.shape, batchShape)`. */
  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const onehot = eq(expandDims(v, -1), arange(this.numCategories));
    const lp = sum(where(onehot, this.logits, 0), -1);
    return maskSupport(this.inSupport(v), lp);
  }

  /** Gumbel-max draws (as `jax.random.categorical`), shape `[...sampleShape, ...batch]`. */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = [...sampleShape, ...this.batchShape, this.numCategories];
    const g = tensor(gumbel(key, shape), shape);
    return argmax(add(this.logits, g), -1);
  }

  /**
   * The support {0, …, K-1} along a new leading axis: shape `[K, ...batch]` when `expand`,
   * else `[K, 1, …, 1]` (NumPyro's `enumerate_support`).
   */
  enumerateSupport(expand = true): Tensor {
    const k = this.numCategories;
    const base = reshape(arange(k), [k, ...this.batchShape.map(() => 1)]);
    return expand ? expandTo(base, [k, ...this.batchShape]) : base;
  }

  /** NaN, as in NumPyro (category labels have no meaningful mean). */
  override get mean(): Tensor {
    return full(this.batchShape, Number.NaN);
  }
  /** NaN, as in NumPyro. */
  override get variance(): Tensor {
    return full(this.batchShape, Number.NaN);
  }
  /** -Σ p log p (terms with p = 0 contribute 0). */
  override entropy(): Tensor {
    return neg(sum(where(ge(this.probs, Number.MIN_VALUE), mul(this.probs, this.logits), 0), -1));
  }
}

/**
 * Categorical distribution over {0, …, K-1} with `probs` (rows summing to 1) or
 * `logits` (unnormalised log-probabilities) along the last axis. Callable without `new`.
 */
export function Categorical(params: ProbsOrLogits): CategoricalDistribution {
  return new CategoricalDistribution(params);
}
export type Categorical = CategoricalDistribution;
