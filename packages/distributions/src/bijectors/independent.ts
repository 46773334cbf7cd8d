/**
 * `IndependentTransform(base, n)` (NumPyro's `IndependentTransform`): the same map as
 * `base`, with `n` extra rightmost dims treated as event dims: domain/codomain are
 * `independentConstraint(base.domain/codomain, n)` and log|det J| is `base`'s summed over
 * `n` more rightmost axes. Throws a BijectorError for a non-integer or negative `n`.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { toTensor } from "@sidereal/tensor";
import type { Bijector } from "./bijector.js";
import { independentConstraint } from "./independent-constraint.js";
import { expectCount, sumRightmost } from "./util.js";

/** Reinterprets `n` batch dims of a bijector as event dims. */
export function IndependentTransform(base: Bijector, n: number): Bijector {
  expectCount("IndependentTransform", "n", n);
  return {
    name: `IndependentTransform(${base.name}, ${n})`,
    domain: independentConstraint(base.domain, n),
    codomain: independentConstraint(base.codomain, n),
    forward: (x: TensorLike): Tensor => base.forward(x),
    inverse: (y: TensorLike): Tensor => base.inverse(y),
    logAbsDetJacobian: (x: TensorLike, y: TensorLike): Tensor =>
      sumRightmost(toTensor(base.logAbsDetJacobian(x, y)), n),
    forwardShape: (s: Shape): Shape => base.forwardShape(s),
    inverseShape: (s: Shape): Shape => base.inverseShape(s),
  };
}
