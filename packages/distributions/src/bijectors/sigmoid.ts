/**
 * `SigmoidTransform()`: y = 1 / (1 + exp(-x)) from `real` to `unitInterval`; inverse
 * logit(y) = log(y / (1 - y)); log|dy/dx| = log σ(x) + log σ(-x), computed with
 * `logSigmoid` so it stays finite for large |x|. y outside (0, 1) inverts to NaN/±Infinity.
 */
import {
  add,
  logit,
  logSigmoid,
  neg,
  type Shape,
  sigmoid,
  type Tensor,
  type TensorLike,
} from "@sidereal/tensor";
import { real, unitInterval } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";

/** The logistic bijector real → (0, 1). */
export function SigmoidTransform(): Bijector {
  return {
    name: "SigmoidTransform",
    domain: real,
    codomain: unitInterval,
    forward: (x: TensorLike): Tensor => sigmoid(x),
    inverse: (y: TensorLike): Tensor => logit(y),
    logAbsDetJacobian: (x: TensorLike): Tensor => add(logSigmoid(x), logSigmoid(neg(x))),
    forwardShape: (s: Shape): Shape => s,
    inverseShape: (s: Shape): Shape => s,
  };
}
