/**
 * Bernoulli({ probs } | { logits }) on {0, 1} (NumPyro's `Bernoulli`).
 *
 * p(1) = probs = sigmoid(logits), p(0) = 1 - probs. logProb is -Infinity for values other
 * than 0 and 1. Invalid concrete parameters (probs outside [0, 1], NaN logits) throw a
 * DistributionError.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  eq,
  logit,
  logSigmoid,
  lt,
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
import { boolean, real, unitInterval } from "../constraints/index.js";
import { ParametrizedDistribution } from "../declared.js";
import type { PRNGKey } from "../random/index.js";
import { uniform } from "../random/index.js";
import type { ProbsOrLogits } from "./util.js";
import { bothForms, expandTo, maskSupport, probsOrLogits } from "./util.js";

const NAME = "Bernoulli";

export class BernoulliDistribution extends ParametrizedDistribution {
  static override readonly argConstraints = { probs: unitInterval, logits: real };
  static override readonly support = boolean;

  readonly probs: Tensor;
  readonly logits: Tensor;
  private readonly useLogits: boolean;

  constructor(params: ProbsOrLogits) {
    const { kind, value } = probsOrLogits(NAME, params);
    super(NAME, { [kind]: value }, value.shape);
    this.useLogits = kind === "logits";
    ({ probs: this.probs, logits: this.logits } = bothForms(kind, value, logit, sigmoid));
  }

  /** v log p + (1 - v) log(1 - p) for v ∈ {0, 1}; -Infinity elsewhere. */
  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const ok = add(eq(v, 0), eq(v, 1));
    const vs = where(ok, v, 0);
    const lp = this.useLogits
      ? where(eq(vs, 1), logSigmoid(this.logits), logSigmoid(neg(this.logits)))
      : add(xlogy(vs, this.probs), xlog1py(sub(1, vs), neg(this.probs)));
    return maskSupport(ok, lp);
  }

  /** 1 where a uniform draw is below probs, shape `[...sampleShape, ...batch]`. */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = [...sampleShape, ...this.batchShape];
    return lt(tensor(uniform(key, shape), shape), this.probs);
  }

  /** [0, 1] along a new leading axis (shape `[2, ...batch]` when `expand`). */
  enumerateSupport(expand = true): Tensor {
    const base = tensor([0, 1], [2, ...this.batchShape.map(() => 1)]);
    return expand ? expandTo(base, [2, ...this.batchShape]) : base;
  }

  override get mean(): Tensor {
    return this.probs;
  }
  override get variance(): Tensor {
    return mul(this.probs, sub(1, this.probs));
  }
}

/** Bernoulli distribution with `probs` ∈ [0, 1] or real `logits`. Callable without `new`. */
export function Bernoulli(params: ProbsOrLogits): BernoulliDistribution {
  return new BernoulliDistribution(params);
}
export type Bernoulli = BernoulliDistribution;
