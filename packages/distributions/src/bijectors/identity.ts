/**
 * `IdentityTransform(eventDim = 0)`: y = x, log|det J| = 0. With `eventDim = 1` the
 * domain and codomain are `realVector` (the Jacobian term is summed over the last axis);
 * larger `eventDim` uses `independentConstraint(real, eventDim)`.
 */
import type { Tensor } from "@sidereal/tensor";
import { zeros } from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import { real, realVector } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { elementwiseBijector } from "./define.js";
import { independentConstraint } from "./independent-constraint.js";
import { expectCount } from "./util.js";

/** The identity map; throws a BijectorError for a non-integer or negative `eventDim`. */
export function IdentityTransform(eventDim = 0): Bijector {
  expectCount("IdentityTransform", "eventDim", eventDim);
  const c: Constraint =
    eventDim === 0 ? real : eventDim === 1 ? realVector : independentConstraint(real, eventDim);
  const batch = (x: Tensor): Tensor => zeros(x.shape.slice(0, Math.max(0, x.rank - eventDim)));
  return elementwiseBijector(
    "IdentityTransform",
    [c, c],
    (x) => x,
    (y) => y,
    batch,
  );
}
