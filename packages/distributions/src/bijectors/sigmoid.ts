/**
 * `SigmoidTransform()`: y = 1 / (1 + exp(-x)) from `real` to `unitInterval`; inverse
 * logit(y) = log(y / (1 - y)); log|dy/dx| = log σ(x) + log σ(-x), computed with
 * `logSigmoid` so it stays finite for large |x|. y outside (0, 1) inverts to NaN/±Infinity.
 */
import type { Tensor } from "@sidereal/tensor";
import { add, logit, logSigmoid, neg, sigmoid } from "@sidereal/tensor";
import { real, unitInterval } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { elementwiseBijector } from "./define.js";

const logDerivative = (x: Tensor): Tensor => add(logSigmoid(x), logSigmoid(neg(x)));

/** The logistic bijector real → (0, 1). */
export function SigmoidTransform(): Bijector {
  return elementwiseBijector(
    "SigmoidTransform",
    [real, unitInterval],
    sigmoid,
    logit,
    logDerivative,
  );
}
