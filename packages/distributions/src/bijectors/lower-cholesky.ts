import { add, concat, exp, expandDims, eye, log, mul, sum, take, tensor } from "@sidereal/tensor";
import { lowerCholesky, realVector } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { defineBijector, diagonalOf, vectorToMatrixShapes } from "./define.js";
import {
  flattenMatrix,
  lastDim,
  padLast,
  sizeFromTriangle,
  sliceLast,
  squareDim,
  strictLowerGatherIndex,
  strictLowerPositions,
} from "./util.js";

const NAME = "LowerCholeskyTransform";

/** The unconstrained-vector → lower-Cholesky bijector (exp on the diagonal). */
export function LowerCholeskyTransform(): Bijector {
  const shapes = vectorToMatrixShapes(NAME, true);
  return defineBijector(NAME, [realVector, lowerCholesky], shapes, {
    forward: (t) => {
      const k = sizeFromTriangle(NAME, lastDim(NAME, t.shape), true);
      const m = (k * (k - 1)) / 2;
      const off = take(padLast(sliceLast(t, 0, m), 0, 1), strictLowerGatherIndex(k), -1);
      const diag = mul(eye(k), expandDims(exp(sliceLast(t, m, null)), -2));
      return add(off, diag);
    },
    inverse: (l) => {
      const k = squareDim(NAME, l.shape);
      const flat = flattenMatrix(l);
      const off = take(flat, tensor(strictLowerPositions(k)), -1);
      return concat([off, log(diagonalOf(l, k))], -1);
    },
    logAbsDetJacobian: (t) => {
      const k = sizeFromTriangle(NAME, lastDim(NAME, t.shape), true);
      return sum(sliceLast(t, (k * (k - 1)) / 2, null), -1);
    },
  });
}
