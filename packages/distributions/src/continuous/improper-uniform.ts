/**
 * The improper uniform "distribution": a flat log-density on a constrained set.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { add, min, where, zeros } from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import { DeclaredDistribution } from "../declared.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";

/**
 * ImproperUniform(support, batchShape, eventShape): log-density 0 where `support.check`
 * holds and -Infinity elsewhere, of shape `sampleShape + batchShape` (NumPyro's
 * `ImproperUniform`, used for parameters whose prior is supplied elsewhere). It has no
 * normalisation and cannot be sampled: `sample` throws a DistributionError
 * (parameter "sample"). A NaN value is outside every constraint except those that do not
 * look at the value, so it gets -Infinity (not NaN).
 */
export class ImproperUniformDistribution extends DeclaredDistribution {
  /** No parameters: the support is the constructor's argument. */
  static override readonly argConstraints = {};

  readonly name = "ImproperUniform";
  private readonly declaredSupport: Constraint;
  override get support(): Constraint {
    return this.declaredSupport;
  }
  readonly batchShape: Shape;
  readonly eventShape: Shape;

  constructor(support: Constraint, batchShape: Shape = [], eventShape: Shape = []) {
    super();
    if (support.eventDim > eventShape.length) {
      throw new DistributionError({
        distribution: "ImproperUniform",
        parameter: "eventShape",
        constraint: `support ${support.name} has eventDim ${support.eventDim} but eventShape is [${eventShape}]`,
      });
    }
    this.declaredSupport = support;
    this.batchShape = [...batchShape];
    this.eventShape = [...eventShape];
  }

  logProb(value: TensorLike): Tensor {
    const ok = this.declaredSupport.check(value);
    // reduce the event dims the constraint did not reduce (e.g. `real` with eventShape [k])
    let inside = ok;
    const extra = this.eventShape.length - this.declaredSupport.eventDim;
    for (let i = 0; i < extra; i++) inside = minLast(inside);
    return add(where(inside, 0, Number.NEGATIVE_INFINITY), zeros(this.batchShape));
  }

  sample(_key: PRNGKey, _sampleShape: Shape = []): Tensor {
    throw new DistributionError({
      distribution: "ImproperUniform",
      parameter: "sample",
      constraint:
        "ImproperUniform is improper and cannot be sampled (initialise from the support instead)",
    });
  }
}

const minLast = (t: Tensor): Tensor => (t.rank === 0 ? t : min(t, -1));

/** ImproperUniform(support, batchShape, eventShape) — see {@link ImproperUniformDistribution}. */
export function ImproperUniform(
  support: Constraint,
  batchShape: Shape = [],
  eventShape: Shape = [],
): ImproperUniformDistribution {
  return new ImproperUniformDistribution(support, batchShape, eventShape);
}
