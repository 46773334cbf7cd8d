/**
 * `TanhTransform()`: y = tanh(x) from `real` to `interval(-1, 1)`; inverse
 * atanh(y) = ½ (log1p(y) - log1p(-y)); log|dy/dx| = log(1 - tanh²x)
 * = 2 (log 2 - x - softplus(-2x)), finite for large |x|. |y| ≥ 1 inverts to ±Infinity/NaN.
 */
import {
  log1p,
  mul,
  neg,
  type Shape,
  softplus,
  sub,
  type Tensor,
  type TensorLike,
  tanh,
  toTensor,
} from "@sidereal/tensor";
import { interval, real } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";

/** log(1 - tanh(x)²) written stably (also used by CorrCholeskyTransform). */
export function logOneMinusTanhSquared(x: TensorLike): Tensor {
  const t = toTensor(x);
  return mul(2, sub(sub(Math.LN2, t), softplus(mul(-2, t))));
}

/** atanh(y) = ½ (log1p(y) − log1p(−y)). */
export function atanh(y: TensorLike): Tensor {
  return mul(0.5, sub(log1p(y), log1p(neg(y))));
}

/** The hyperbolic-tangent bijector real → (-1, 1). */
export function TanhTransform(): Bijector {
  return {
    name: "TanhTransform",
    domain: real,
    codomain: interval(-1, 1),
    forward: (x: TensorLike): Tensor => tanh(x),
    inverse: (y: TensorLike): Tensor => atanh(y),
    logAbsDetJacobian: (x: TensorLike): Tensor => logOneMinusTanhSquared(x),
    forwardShape: (s: Shape): Shape => s,
    inverseShape: (s: Shape): Shape => s,
  };
}
