/**
 * Delta(v, { logDensity = 0, eventDim = 0 }) (NumPyro's `Delta`): a point mass at `v`.
 *
 * The rightmost `eventDim` axes of `v` form the event; the rest is the batch shape.
 * logProb(x) = logDensity where x equals v on the whole event, -Infinity elsewhere.
 * `sample` returns v broadcast to `[...sampleShape, ...batch, ...event]` (reparameterised:
 * differentiable in v). mean = v, variance = 0. Throws a DistributionError when eventDim is
 * not an integer in [0, rank(v)] or logDensity does not broadcast to the batch shape.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { eq, min, toTensor, where, zeros } from "@sidereal/tensor";
import type { Constraint } from "../constraints/index.js";
import { real, realVector } from "../constraints/index.js";
import { DeclaredDistribution } from "../declared.js";
import { broadcastParams } from "../distribution.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { dropRight, expandTo } from "./util.js";

const NAME = "Delta";

/** Options of {@link Delta}. */
export interface DeltaOptions {
  /** log density added at the point (NumPyro's `log_density`), broadcast to the batch. */
  readonly logDensity?: TensorLike;
  /** Number of rightmost axes of `v` that form one event. */
  readonly eventDim?: number;
}

function realEvent(eventDim: number): Constraint {
  if (eventDim === 0) return real;
  if (eventDim === 1) return realVector;
  return {
    name: "independent",
    eventDim,
    check: (v) => {
      const t = toTensor(v);
      const ok = eq(t, t);
      return min(
        ok,
        Array.from({ length: eventDim }, (_, i) => t.rank - eventDim + i),
      );
    },
  };
}

export class DeltaDistribution extends DeclaredDistribution {
  static override readonly argConstraints = { v: real, logDensity: real };
  static override readonly reparametrized = ["v", "logDensity"];

  readonly name = NAME;
  readonly batchShape: Shape;
  readonly eventShape: Shape;
  private readonly declaredSupport: Constraint;
  override get support(): Constraint {
    return this.declaredSupport;
  }
  override readonly hasRsample = true;
  readonly v: Tensor;
  readonly logDensity: Tensor;

  constructor(v: TensorLike, options: DeltaOptions = {}) {
    super();
    this.v = toTensor(v);
    const eventDim = options.eventDim ?? 0;
    if (!Number.isInteger(eventDim) || eventDim < 0 || eventDim > this.v.rank)
      throw new DistributionError({
        distribution: NAME,
        parameter: "eventDim",
        value: eventDim,
        constraint: `an integer in [0, ${this.v.rank}]`,
      });
    const batch = dropRight(this.v.shape, eventDim);
    this.eventShape = this.v.shape.slice(batch.length);
    const ld = toTensor(options.logDensity ?? 0);
    this.batchShape = broadcastParams(NAME, batch, ld.shape);
    this.logDensity = expandTo(ld, this.batchShape);
    this.declaredSupport = realEvent(eventDim);
  }

  logProb(value: TensorLike): Tensor {
    const x = toTensor(value);
    const e = this.eventShape.length;
    let same = eq(x, this.v);
    if (e > 0)
      same = min(
        same,
        Array.from({ length: e }, (_, i) => same.rank - e + i),
      );
    return where(same, this.logDensity, Number.NEGATIVE_INFINITY);
  }

  sample(_key: PRNGKey, sampleShape: Shape = []): Tensor {
    return expandTo(
      expandTo(this.v, [...this.batchShape, ...this.eventShape]),
      this.shape(sampleShape),
    );
  }

  override get mean(): Tensor {
    return expandTo(this.v, [...this.batchShape, ...this.eventShape]);
  }
  override get variance(): Tensor {
    return zeros([...this.batchShape, ...this.eventShape]);
  }
}

/** Point mass at `v` (see {@link DeltaDistribution}). Callable without `new`. */
export function Delta(v: TensorLike, options: DeltaOptions = {}): DeltaDistribution {
  return new DeltaDistribution(v, options);
}
export type Delta = DeltaDistribution;
