/**
 * `ExpTransform()`: y = exp(x) from `real` to `positive`; inverse log y;
 * log|dy/dx| = x (elementwise). y ≤ 0 inverts to NaN / -Infinity (outside the codomain).
 */
import { exp, log, type Shape, type Tensor, type TensorLike, toTensor } from "@sidereal/tensor";
import { positive, real } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";

/** The exponential bijector real → positive. */
export function ExpTransform(): Bijector {
  return {
    name: "ExpTransform",
    domain: real,
    codomain: positive,
    forward: (x: TensorLike): Tensor => exp(x),
    inverse: (y: TensorLike): Tensor => log(y),
    logAbsDetJacobian: (x: TensorLike): Tensor => toTensor(x),
    forwardShape: (s: Shape): Shape => s,
    inverseShape: (s: Shape): Shape => s,
  };
}
