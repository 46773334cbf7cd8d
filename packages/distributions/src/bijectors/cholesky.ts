import {
  add,
  arange,
  cholesky,
  log,
  matmul,
  matrixTranspose,
  mul,
  neg,
  sub,
  sum,
} from "@sidereal/tensor";
import { lowerCholesky, positiveDefinite } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { checkedShapes, defineBijector, diagonalOf } from "./define.js";
import { squareDim } from "./util.js";

const NAME = "CholeskyTransform";

/** The positive-definite → lower-Cholesky bijector A ↦ chol(A). */
export function CholeskyTransform(): Bijector {
  const shapes = checkedShapes((s) => squareDim(NAME, s));
  return defineBijector(NAME, [positiveDefinite, lowerCholesky], shapes, {
    forward: (a) => {
      squareDim(NAME, a.shape);
      return cholesky(a);
    },
    inverse: (l) => {
      squareDim(NAME, l.shape);
      return matmul(l, matrixTranspose(l));
    },
    logAbsDetJacobian: (_x, l) => {
      const k = squareDim(NAME, l.shape);
      const diag = diagonalOf(l, k);
      const powers = sub(k, arange(k));
      return neg(add(k * Math.LN2, sum(mul(powers, log(diag)), -1)));
    },
  });
}
