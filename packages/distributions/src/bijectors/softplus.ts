/**
 * `SoftplusTransform()`: y = log(1 + exp(x)) from `real` to `positive`; inverse
 * x = y + log(-expm1(-y)) (= log(expm1(y)), written to avoid overflow for large y);
 * log|dy/dx| = log σ(x) = -softplus(-x). y ≤ 0 inverts to NaN.
 */
import {
  add,
  expm1,
  log,
  logSigmoid,
  neg,
  type Shape,
  softplus,
  type Tensor,
  type TensorLike,
} from "@sidereal/tensor";
import { positive, real } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";

/** The softplus bijector real → positive. */
export function SoftplusTransform(): Bijector {
  return {
    name: "SoftplusTransform",
    domain: real,
    codomain: positive,
    forward: (x: TensorLike): Tensor => softplus(x),
    inverse: (y: TensorLike): Tensor => add(y, log(neg(expm1(neg(y))))),
    logAbsDetJacobian: (x: TensorLike): Tensor => logSigmoid(x),
    forwardShape: (s: Shape): Shape => s,
    inverseShape: (s: Shape): Shape => s,
  };
}
