/**
 * `PowerTransform(exponent)`: y = x^exponent on `positive` → `positive`; inverse
 * y^(1/exponent); log|dy/dx| = log|exponent| + log y − log x (elementwise; finite where
 * y/x overflows). The exponent may be a
 * tensor broadcasting with x. A zero exponent (not a bijection) throws a BijectorError;
 * x ≤ 0 gives NaN/±Infinity (outside the domain).
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { abs, add, div, eq, log, max, pow, sub, toTensor } from "@sidereal/tensor";
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
    // log|e| + log y − log x: the quotient y/x overflows for x^e far from x (1/x at x = 1e300)
    logAbsDetJacobian: (x: TensorLike, y: TensorLike): Tensor =>
      add(log(abs(e)), sub(log(y), log(x))),
    forwardShape: (s: Shape): Shape => broadcastOrThrow(name, s, e.shape),
    inverseShape: (s: Shape): Shape => broadcastOrThrow(name, s, e.shape),
  };
}
