/**
 * `ExpandedDistribution(base, batchShape)` (NumPyro's `ExpandedDistribution`, =
 * `base.expand(batchShape)`): broadcasts `base`'s batch shape to `batchShape` (NumPy rules:
 * new leading dims may be added, size-1 dims may grow). `sample` draws independent values
 * for every expanded entry (not copies): it samples base with the expansion factors as
 * extra sample dims and interleaves them with the batch dims. `logProb` is base's broadcast
 * to `sampleShape + batchShape`; mean/variance/entropy are base's broadcast.
 * Throws a DistributionError when `batchShape` is not broadcast-compatible.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { broadcastTo, reshape, toTensor, transpose } from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import { broadcastParams, Distribution, registerDistributionWrappers } from "../distribution.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";

export class ExpandedDistributionImpl extends Distribution {
  readonly name = "ExpandedDistribution";
  readonly batchShape: Shape;
  readonly eventShape: Shape;
  readonly support: Constraint;
  override readonly hasRsample: boolean;
  /** Per new batch dim: how many independent copies of the base entry it holds. */
  private readonly factors: number[];

  constructor(
    readonly base: Distribution,
    batchShape: Shape,
  ) {
    super();
    const b = base.batchShape;
    const e = [...batchShape];
    const bad = () =>
      new DistributionError({
        distribution: "ExpandedDistribution",
        parameter: "batchShape",
        value: e,
        constraint: `a batch shape the batch shape [${b}] expands to`,
      });
    if (e.length < b.length || e.some((d) => !Number.isInteger(d) || d < 0)) throw bad();
    const pad = e.length - b.length;
    this.factors = e.map((d, i) => {
      const bd = i < pad ? 1 : b[i - pad];
      if (bd === d) return 1;
      if (bd === 1) return d;
      throw bad();
    });
    this.batchShape = e;
    this.eventShape = base.eventShape;
    this.support = base.support;
    this.hasRsample = base.hasRsample;
  }

  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const lp = this.base.logProb(v);
    const ev = this.eventShape.length;
    const vBatch = v.shape.slice(0, Math.max(v.rank - ev, 0));
    const shape = broadcastParams(this.name, this.batchShape, vBatch, lp.shape);
    return broadcastTo(lp, shape);
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const s = sampleShape.length;
    const r = this.batchShape.length;
    const rb = this.base.batchShape.length;
    const ev = this.eventShape.length;
    // draws of shape sampleShape + factors + baseBatch + event
    const x = this.base.sample(key, [...sampleShape, ...this.factors]);
    // interleave: factor dim d (d ≥ r − rb) sits next to base batch dim d − (r − rb)
    const perm: number[] = Array.from({ length: s + r - rb }, (_, i) => i);
    for (let j = 0; j < rb; j++) perm.push(s + r - rb + j, s + r + j);
    for (let j = 0; j < ev; j++) perm.push(s + r + rb + j);
    const interleaved = transpose(x, perm);
    return reshape(interleaved, [...sampleShape, ...this.batchShape, ...this.eventShape]);
  }

  override get mean(): Tensor {
    return broadcastTo(this.base.mean, [...this.batchShape, ...this.eventShape]);
  }
  override get variance(): Tensor {
    return broadcastTo(this.base.variance, [...this.batchShape, ...this.eventShape]);
  }
  override entropy(): Tensor {
    return broadcastTo(this.base.entropy(), this.batchShape);
  }
}

registerDistributionWrappers({
  expand: (base, batchShape) => ExpandedDistribution(base, batchShape),
});

/** `base` broadcast to a larger batch shape (NumPyro's ExpandedDistribution); call without `new`. */
export function ExpandedDistribution(
  base: Distribution,
  batchShape: Shape,
): ExpandedDistributionImpl {
  return new ExpandedDistributionImpl(base, batchShape);
}
export type ExpandedDistribution = ExpandedDistributionImpl;
