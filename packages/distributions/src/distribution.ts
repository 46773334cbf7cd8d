/**
 * The Distribution base class (NumPyro semantics).
 *
 * - `batchShape`: independent, non-identical distributions; `eventShape`: the shape of
 *   one draw (e.g. [k] for a k-dimensional multivariate normal);
 * - `logProb(value)` has shape `sampleShape + batchShape` for a value of shape
 *   `sampleShape + batchShape + eventShape` (broadcasting allowed), is written with
 *   tensor ops (differentiable in value and parameters) and is `-Infinity` outside the
 *   support (never NaN for a non-NaN value);
 * - `sample(key, sampleShape)` returns `sampleShape + batchShape + eventShape`,
 *   reparameterised (differentiable in the parameters) when `hasRsample` is true.
 */
import { broadcastShapes, type Shape, type Tensor, type TensorLike } from "@sidereal/tensor";
import type { Constraint } from "./constraints/constraint.js";
import { DistributionError } from "./errors.js";
import type { PRNGKey } from "./random/index.js";

export abstract class Distribution {
  abstract readonly name: string;
  abstract readonly batchShape: Shape;
  abstract readonly eventShape: Shape;
  abstract readonly support: Constraint;
  /** True when `sample` is a differentiable function of the parameters. */
  readonly hasRsample: boolean = false;

  abstract logProb(value: TensorLike): Tensor;
  abstract sample(key: PRNGKey, sampleShape?: Shape): Tensor;

  get mean(): Tensor {
    throw this.unavailable("mean");
  }
  get variance(): Tensor {
    throw this.unavailable("variance");
  }
  cdf(_value: TensorLike): Tensor {
    throw this.unavailable("cdf");
  }
  icdf(_q: TensorLike): Tensor {
    throw this.unavailable("icdf");
  }
  entropy(): Tensor {
    throw this.unavailable("entropy");
  }

  /** The shape of `sample(key, sampleShape)`. */
  shape(sampleShape: Shape = []): Shape {
    return [...sampleShape, ...this.batchShape, ...this.eventShape];
  }

  protected unavailable(what: string): DistributionError {
    return new DistributionError(this.name, what, `${what} has no closed form for ${this.name}`);
  }
}

/** Broadcast shape of several parameter shapes, with an error naming the distribution. */
export function broadcastParams(name: string, ...shapes: Shape[]): Shape {
  try {
    return broadcastShapes(name, ...shapes);
  } catch {
    throw new DistributionError(
      name,
      "shape",
      `parameter shapes ${shapes.map((s) => `[${s}]`).join(", ")} do not broadcast`,
    );
  }
}
