/**
 * `InverseTransform(b)` (NumPyro's `Transform.inv`): swaps forward/inverse and
 * domain/codomain; log|det J⁻¹|(y, x) = −log|det J|(x, y) evaluated at x = b.inverse(y).
 * Note that the result is summed over `b.domain`'s event dims (NumPyro does the same);
 * for dimension-preserving bijectors the two agree.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { neg } from "@sidereal/tensor";
import type { Bijector } from "./bijector.js";

/** The inverse of a bijector. */
export function InverseTransform(b: Bijector): Bijector {
  return {
    name: `InverseTransform(${b.name})`,
    domain: b.codomain,
    codomain: b.domain,
    forward: (y: TensorLike): Tensor => b.inverse(y),
    inverse: (x: TensorLike): Tensor => b.forward(x),
    logAbsDetJacobian: (y: TensorLike, x: TensorLike): Tensor => neg(b.logAbsDetJacobian(x, y)),
    forwardShape: (s: Shape): Shape => b.inverseShape(s),
    inverseShape: (s: Shape): Shape => b.forwardShape(s),
  };
}
