/**
 * Unit(logFactor) (NumPyro's `Unit`): a trivial distribution with an empty event
 * (eventShape [0]) whose logProb is `logFactor` whatever the value, used for factor
 * statements (adding `logFactor` to a model's log density). `sample` returns an empty
 * tensor of shape `[...sampleShape, ...batch, 0]`. `Factor` is an alias.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { broadcastShapes, toTensor, zeros } from "@sidereal/tensor";
import { real } from "../constraints/index.js";
import { ParametrizedDistribution } from "../declared.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { expandTo } from "./util.js";

const NAME = "Unit";

export class UnitDistribution extends ParametrizedDistribution {
  static override readonly argConstraints = { logFactor: real };
  static override readonly support = real;

  declare readonly logFactor: Tensor;

  constructor(logFactor: TensorLike) {
    const f = toTensor(logFactor);
    super(NAME, { logFactor: f }, f.shape, [0]);
  }

  /** `logFactor` broadcast to `broadcast(value.shape[:-1], batchShape)`. */
  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const lead = v.rank === 0 ? [] : v.shape.slice(0, -1);
    let shape: Shape;
    try {
      shape = broadcastShapes(NAME, lead, this.batchShape);
    } catch {
      throw new DistributionError({
        distribution: NAME,
        parameter: "value",
        value: v.shape,
        constraint: `the batch shape [${this.batchShape}]`,
      });
    }
    return expandTo(this.logFactor, shape);
  }

  sample(_key: PRNGKey, sampleShape: Shape = []): Tensor {
    return zeros(this.shape(sampleShape));
  }
}

/** NumPyro's Unit: logProb(anything) = logFactor. Callable without `new`. */
export function Unit(logFactor: TensorLike): UnitDistribution {
  return new UnitDistribution(logFactor);
}
export type Unit = UnitDistribution;

/** Alias of {@link Unit} for factor statements: `Factor(logFactor)`. */
export const Factor = Unit;
export type Factor = UnitDistribution;
