/**
 * `TanhTransform()`: y = tanh(x) from `real` to `interval(-1, 1)`; inverse
 * atanh(y) = ½ (log1p(y) - log1p(-y)); log|dy/dx| = log(1 - tanh²x)
 * = 2 (log 2 - x - softplus(-2x)), finite for large |x|. |y| ≥ 1 inverts to ±Infinity/NaN.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import { log1p, mul, neg, softplus, sub, tanh, toTensor } from "@sidereal/tensor";
import { interval, real } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { elementwiseBijector } from "./define.js";

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
  const domains = [real, interval(-1, 1)] as const;
  return elementwiseBijector("TanhTransform", domains, tanh, atanh, logOneMinusTanhSquared);
}
