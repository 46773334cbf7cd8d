/**
 * `Independent(base, n)` (NumPyro's `Independent`, = `base.toEvent(n)`): reinterprets the
 * rightmost `n` batch dims of `base` as event dims. batchShape = base.batchShape[:-n],
 * eventShape = base.batchShape[-n:] + base.eventShape; logProb sums base.logProb over the
 * n reinterpreted dims; sample, mean and variance are base's; entropy is summed.
 * Throws a DistributionError when n is not an integer in [0, base.batchShape.length].
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { toTensor } from "@sidereal/tensor";
import { independentConstraint } from "../bijectors/independent-constraint.js";
import { sumRightmost } from "../bijectors/util.js";
import type { Constraint } from "../constraints/constraint.js";
import { type Distribution, registerDistributionWrappers } from "../distribution.js";
import { DistributionError } from "../errors.js";
import { DelegatingDistribution } from "./delegating.js";

export class IndependentImpl extends DelegatingDistribution {
  readonly name = "Independent";
  readonly batchShape: Shape;
  readonly eventShape: Shape;
  readonly support: Constraint;
  override readonly hasRsample: boolean;

  constructor(
    readonly base: Distribution,
    readonly reinterpretedBatchNdims: number,
  ) {
    super();
    const n = reinterpretedBatchNdims;
    const b = base.batchShape;
    if (!Number.isInteger(n) || n < 0 || n > b.length)
      throw new DistributionError({
        distribution: "Independent",
        parameter: "reinterpretedBatchNdims",
        value: n,
        constraint: `an integer in [0, ${b.length}] (the base batch rank)`,
      });
    this.batchShape = b.slice(0, b.length - n);
    this.eventShape = [...b.slice(b.length - n), ...base.eventShape];
    this.support = independentConstraint(base.support, n);
    this.hasRsample = base.hasRsample;
  }

  logProb(value: TensorLike): Tensor {
    return sumRightmost(this.base.logProb(toTensor(value)), this.reinterpretedBatchNdims);
  }
  override entropy(): Tensor {
    return sumRightmost(this.base.entropy(), this.reinterpretedBatchNdims);
  }
}

registerDistributionWrappers({ toEvent: (base, n) => Independent(base, n) });

/** Reinterprets the rightmost `reinterpretedBatchNdims` batch dims of `base` as event dims; call without `new`. */
export function Independent(base: Distribution, reinterpretedBatchNdims: number): IndependentImpl {
  return new IndependentImpl(base, reinterpretedBatchNdims);
}
export type Independent = IndependentImpl;
