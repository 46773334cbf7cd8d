/**
 * `PowerTransform(exponent)`: y = x^exponent on `positive` → `positive`; inverse
 * y^(1/exponent); log|dy/dx| = log|exponent · y / x| (elementwise). The exponent may be a
 * tensor broadcasting with x. A zero exponent (not a bijection) throws a BijectorError;
 * x ≤ 0 gives NaN/±Infinity (outside the domain).
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { abs, div, eq, log, max, mul, pow, toTensor } from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { BijectorError } from "./bijector-error.js";
import { broadcastOrThrow } from "./util.js";

/** The power bijector positive → positive. */
export function PowerTransform(exponent: TensorLike): Bijector {
  const e = toTensor(exponent);
  let anyZero = false;
  try {
    anyZero = e.size > 0 && max(eq(e, 0)).item() === 1;
  } catch {
    // a traced exponent (inside compile) cannot be read; skip the check
  }
  if (anyZero)
    throw new BijectorError({
      transform: "PowerTransform",
      parameter: "exponent",
      value: 0,
      constraint: "non-zero",
    });
  const name = "PowerTransform";
  return {
    name,
    domain: positive,
    codomain: positive,
    forward: (x: TensorLike): Tensor => pow(x, e),
    inverse: (y: TensorLike): Tensor => pow(y, div(1, e)),
    logAbsDetJacobian: (x: TensorLike, y: TensorLike): Tensor => log(abs(div(mul(e, y), x))),
    forwardShape: (s: Shape): Shape => broadcastOrThrow(name, s, e.shape),
    inverseShape: (s: Shape): Shape => broadcastOrThrow(name, s, e.shape),
  };
}
