/**
 * `SoftplusTransform()`: y = log(1 + exp(x)) from `real` to `positive`; inverse
 * x = y + log(-expm1(-y)) (= log(expm1(y)), written to avoid overflow for large y);
 * log|dy/dx| = log σ(x) = -softplus(-x). y ≤ 0 inverts to NaN.
 */
import type { Tensor } from "@sidereal/tensor";
import { add, expm1, log, logSigmoid, neg, softplus } from "@sidereal/tensor";
import { positive, real } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { elementwiseBijector } from "./define.js";

const inverseSoftplus = (y: Tensor): Tensor => add(y, log(neg(expm1(neg(y)))));

/** The softplus bijector real → positive. */
export function SoftplusTransform(): Bijector {
  return elementwiseBijector(
    "SoftplusTransform",
    [real, positive],
    softplus,
    inverseSoftplus,
    logSigmoid,
  );
}
