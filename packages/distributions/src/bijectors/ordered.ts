import { concat, cumsum, diff, exp, log, sum } from "@sidereal/tensor";
import { orderedVector, realVector } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { checkedShapes, defineBijector } from "./define.js";
import { lastDim, sliceLast } from "./util.js";

const NAME = "OrderedTransform";

/** The ordered-vector bijector realVector → orderedVector. */
export function OrderedTransform(): Bijector {
  const shapes = checkedShapes((s) => lastDim(NAME, s));
  return defineBijector(NAME, [realVector, orderedVector], shapes, {
    forward: (t) => {
      lastDim(NAME, t.shape);
      return cumsum(concat([sliceLast(t, 0, 1), exp(sliceLast(t, 1, null))], -1), -1);
    },
    inverse: (t) => {
      lastDim(NAME, t.shape);
      return concat([sliceLast(t, 0, 1), log(diff(t, 1, -1))], -1);
    },
    logAbsDetJacobian: (t) => {
      lastDim(NAME, t.shape);
      return sum(sliceLast(t, 1, null), -1);
    },
  });
}
