/**
 * `OrderedTransform()`: R^K → `orderedVector` with y₀ = x₀ and yᵢ = yᵢ₋₁ + exp(xᵢ)
 * (the cumulative sum of [x₀, exp(x₁), …]); inverse x = [y₀, log(yᵢ − yᵢ₋₁)];
 * log|det J| = Σ_{i≥1} xᵢ. A non-increasing y inverts to NaN/-Infinity. Scalars throw a
 * BijectorError (the event is the last axis).
 */
import {
  concat,
  cumsum,
  diff,
  exp,
  log,
  type Shape,
  sum,
  type Tensor,
  type TensorLike,
  toTensor,
} from "@sidereal/tensor";
import { orderedVector, realVector } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { lastDim, sliceLast } from "./util.js";

const NAME = "OrderedTransform";

/** The ordered-vector bijector realVector → orderedVector. */
export function OrderedTransform(): Bijector {
  return {
    name: NAME,
    domain: realVector,
    codomain: orderedVector,
    forward: (x: TensorLike): Tensor => {
      const t = toTensor(x);
      lastDim(NAME, t.shape);
      return cumsum(concat([sliceLast(t, 0, 1), exp(sliceLast(t, 1, null))], -1), -1);
    },
    inverse: (y: TensorLike): Tensor => {
      const t = toTensor(y);
      lastDim(NAME, t.shape);
      return concat([sliceLast(t, 0, 1), log(diff(t, 1, -1))], -1);
    },
    logAbsDetJacobian: (x: TensorLike): Tensor => {
      const t = toTensor(x);
      lastDim(NAME, t.shape);
      return sum(sliceLast(t, 1, null), -1);
    },
    forwardShape: (s: Shape): Shape => {
      lastDim(NAME, s);
      return s;
    },
    inverseShape: (s: Shape): Shape => {
      lastDim(NAME, s);
      return s;
    },
  };
}
