/**
 * `ExpTransform()`: y = exp(x) from `real` to `positive`; inverse log y;
 * log|dy/dx| = x (elementwise). y ≤ 0 inverts to NaN / -Infinity (outside the codomain).
 */
import { exp, log } from "@sidereal/tensor";
import { positive, real } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { elementwiseBijector } from "./define.js";

/** The exponential bijector real → positive. */
export function ExpTransform(): Bijector {
  return elementwiseBijector("ExpTransform", [real, positive], exp, log, (x) => x);
}
