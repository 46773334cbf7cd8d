/**
 * The common base of the continuous univariate distributions: an empty event shape,
 * parameters broadcast to `batchShape`, and helpers for sampling shapes.
 */
import { broadcastTo, type Shape, type Tensor, type TensorLike } from "@sidereal/tensor";
import { broadcastParams, Distribution } from "../distribution.js";

export abstract class UnivariateDistribution extends Distribution {
  readonly eventShape: Shape = [];
  readonly batchShape: Shape;

  protected constructor(name: string, params: readonly Tensor[]) {
    super();
    this.batchShape = broadcastParams(name, ...params.map((p) => p.shape));
  }

  /** `t` broadcast to the batch shape (for mean, variance, entropy). */
  protected batch(t: TensorLike): Tensor {
    return broadcastTo(t, this.batchShape);
  }
}
