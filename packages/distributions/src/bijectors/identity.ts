/**
 * `IdentityTransform(eventDim = 0)`: y = x, log|det J| = 0. With `eventDim = 1` the
 * domain and codomain are `realVector` (the Jacobian term is summed over the last axis);
 * larger `eventDim` uses `independentConstraint(real, eventDim)`.
 */
import { type Shape, type Tensor, type TensorLike, toTensor, zeros } from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import { real, realVector } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { independentConstraint } from "./independent-constraint.js";
import { expectCount } from "./util.js";

/** The identity map; throws a BijectorError for a non-integer or negative `eventDim`. */
export function IdentityTransform(eventDim = 0): Bijector {
  expectCount("IdentityTransform", "eventDim", eventDim);
  const c: Constraint =
    eventDim === 0 ? real : eventDim === 1 ? realVector : independentConstraint(real, eventDim);
  return {
    name: "IdentityTransform",
    domain: c,
    codomain: c,
    forward: (x: TensorLike): Tensor => toTensor(x),
    inverse: (y: TensorLike): Tensor => toTensor(y),
    logAbsDetJacobian: (x: TensorLike): Tensor => {
      const s = toTensor(x).shape;
      return zeros(s.slice(0, Math.max(0, s.length - eventDim)));
    },
    forwardShape: (s: Shape): Shape => s,
    inverseShape: (s: Shape): Shape => s,
  };
}
