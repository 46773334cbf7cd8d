/**
 * The declarative base of the univariate distributions (NumPyro's layout, see
 * src/declared.ts): a class declares `argConstraints`, `support` and `reparametrized`, and
 * its constructor passes its parameters by name to this base, which converts them to
 * tensors, broadcasts their shapes into `batchShape`, validates them against
 * `argConstraints` (the package's one validator, `validateArgs`) and stores them on the
 * instance under the same names. `hasRsample` is true when every parameter is
 * reparametrized.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { broadcastTo, toTensor } from "@sidereal/tensor";
import { ParametrizedDistribution } from "../declared.js";
import type { DistributionOptions } from "../validate.js";
import { broadcastParams } from "../validate.js";

export abstract class UnivariateDistribution extends ParametrizedDistribution {
  protected constructor(
    name: string,
    params: Readonly<Record<string, TensorLike | undefined>>,
    options?: DistributionOptions,
  ) {
    const tensors: Record<string, Tensor> = {};
    const shapes: Shape[] = [];
    for (const k in params) {
      const v = params[k];
      if (v === undefined) continue;
      const t = toTensor(v);
      tensors[k] = t;
      shapes.push(t.shape);
    }
    super(name, tensors, batchShapeOf(name, shapes), [], { options, nan: "propagate" });
  }

  /** `t` broadcast to the batch shape (for mean, variance, entropy). */
  protected batch(t: TensorLike): Tensor {
    return broadcastTo(t, this.batchShape);
  }
}
/**
 * The broadcast batch shape of the parameters: directly when every shape is a scalar or the
 * same shape (the common case, no allocation), else through {@link broadcastParams}.
 */
function batchShapeOf(name: string, shapes: readonly Shape[]): Shape {
  let widest: Shape = [];
  for (const s of shapes) {
    if (s.length === 0) continue;
    if (widest.length === 0) widest = s;
    else if (s !== widest && (s.length !== widest.length || s.some((d, i) => d !== widest[i])))
      return broadcastParams(name, ...shapes);
  }
  return widest;
}

/**
 * A factory callable without `new` (NumPyro's `dist.Normal(0, 1)`), with the class's
 * constructor parameters: `export const Normal = callable(NormalDistribution)`.
 */
export function callable<A extends unknown[], T>(C: new (...args: A) => T): (...args: A) => T {
  return (...args: A) => new C(...args);
}
