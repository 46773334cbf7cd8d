/**
 * `MaskedDistribution(base, mask)` (NumPyro's `MaskedDistribution`, = `base.mask(mask)`):
 * logProb(v) = where(mask, base.logProb(v'), 0). `mask` is a boolean or a 0/1 tensor
 * broadcasting with base.batchShape (the batch shape becomes the broadcast; base is
 * expanded to it). To keep gradients of masked entries exactly 0 (never NaN), masked
 * values are first replaced by a point of the support (the double-where trick): v' =
 * where(mask, v, feasible), with feasible = bijectTo(support).forward(0) (or 0 / 1 / low
 * for integer supports). sample, support, mean and variance are base's.
 * Throws a DistributionError when the mask does not broadcast with the batch shape.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { broadcastTo, reshape, toTensor, where, zeros } from "@sidereal/tensor";
import { bijectTo } from "../bijectors/biject-to.js";
import type { Constraint } from "../constraints/constraint.js";
import {
  broadcastParams,
  type Distribution,
  registerDistributionWrappers,
} from "../distribution.js";
import { DistributionError } from "../errors.js";
import { DelegatingDistribution } from "./delegating.js";
import { ExpandedDistribution } from "./expanded.js";

/** A point inside `support` of event shape `eventShape` (null when none is known). */
function feasiblePoint(support: Constraint, eventShape: Shape): Tensor | null {
  switch (support.name) {
    case "boolean":
    case "nonnegativeInteger":
      return zeros([]);
    case "positiveInteger":
      return toTensor(1);
    case "integerInterval":
      return support.params?.low ?? null;
  }
  try {
    const b = bijectTo(support);
    return b.forward(zeros(b.inverseShape(eventShape)));
  } catch {
    return null;
  }
}

export class MaskedDistributionImpl extends DelegatingDistribution {
  readonly name = "MaskedDistribution";
  readonly batchShape: Shape;
  readonly eventShape: Shape;
  readonly support: Constraint;
  override readonly hasRsample: boolean;
  readonly base: Distribution;
  /** The mask as a 0/1 tensor of the batch shape, or a constant boolean. */
  readonly maskValue: Tensor | boolean;
  private readonly feasible: Tensor | null;

  constructor(base: Distribution, mask: boolean | TensorLike) {
    super();
    let batch = base.batchShape;
    if (typeof mask === "boolean") {
      this.maskValue = mask;
    } else {
      const m = toTensor(mask);
      try {
        batch = broadcastParams("MaskedDistribution", m.shape, base.batchShape);
      } catch {
        throw new DistributionError({
          distribution: "MaskedDistribution",
          parameter: "mask",
          value: m.shape,
          constraint: `a mask shape that broadcasts with batch shape [${base.batchShape}]`,
        });
      }
      this.maskValue = broadcastTo(m, batch);
    }
    this.base =
      batch.length === base.batchShape.length && batch.every((d, i) => d === base.batchShape[i])
        ? base
        : ExpandedDistribution(base, batch);
    this.batchShape = batch;
    this.eventShape = base.eventShape;
    this.support = base.support;
    this.hasRsample = base.hasRsample;
    this.feasible = typeof mask === "boolean" ? null : feasiblePoint(base.support, base.eventShape);
  }

  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const m = this.maskValue;
    if (m === true) return this.base.logProb(v);
    const ev = this.eventShape.length;
    if (m === false) {
      const vBatch = v.shape.slice(0, Math.max(v.rank - ev, 0));
      return zeros(broadcastParams(this.name, vBatch, this.batchShape));
    }
    const mEvent = reshape(m, [...m.shape, ...this.eventShape.map(() => 1)]);
    const safe = this.feasible === null ? v : where(mEvent, v, this.feasible);
    return where(m, this.base.logProb(safe), 0);
  }
}

registerDistributionWrappers({ mask: (base, mask) => MaskedDistribution(base, mask) });

/** `base` with entries where `mask` is 0/false contributing 0 to logProb; call without `new`. */
export function MaskedDistribution(
  base: Distribution,
  mask: boolean | TensorLike,
): MaskedDistributionImpl {
  return new MaskedDistributionImpl(base, mask);
}
export type MaskedDistribution = MaskedDistributionImpl;
