/**
 * `StickBreakingTransform()`: R^{K−1} → the K-simplex (NumPyro's / Stan's stick-breaking
 * construction). With the offset uᵢ = xᵢ − log(K−1−i) (so x = 0 maps to the uniform
 * vector 1/K), zᵢ = σ(uᵢ), yᵢ = zᵢ ∏_{j<i}(1 − zⱼ) for i < K−1 and y_{K−1} = ∏_j(1 − zⱼ).
 * Everything is computed in log space (log zᵢ = log σ(uᵢ), log(1 − zᵢ) = log σ(−uᵢ)).
 *
 * log|det J| of the map to the first K−1 coordinates (Stan reference manual, "Unit
 * simplex"): Σᵢ log(yᵢ (1 − zᵢ)).
 *
 * Inverse: uᵢ = log yᵢ − log Σ_{j>i} yⱼ (the remaining stick, a reverse cumulative sum,
 * which is more accurate than 1 − Σ_{j≤i} yⱼ), xᵢ = uᵢ + log(K−1−i). Points off the
 * simplex invert to NaN/±Infinity. Scalars throw a BijectorError.
 */
import type { Shape, Tensor } from "@sidereal/tensor";
import {
  add,
  arange,
  concat,
  cumsum,
  exp,
  flip,
  log,
  logSigmoid,
  neg,
  ones,
  sub,
  sum,
  toTensor,
} from "@sidereal/tensor";
import { realVector, simplex } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { defineBijector } from "./define.js";
import { lastDim, padLast, sliceLast } from "./util.js";

const NAME = "StickBreakingTransform";

/** log(n − i) for i = 0 … n−1. */
function offsets(n: number): Tensor {
  return log(sub(n, arange(n)));
}

/** log zᵢ, log(1 − zᵢ) inclusive cumulative sum, and the exclusive one. */
function logParts(x: Tensor) {
  const n = lastDim(NAME, x.shape);
  const u = sub(x, offsets(n));
  const logZ = logSigmoid(u);
  const logOneMinusZ = logSigmoid(neg(u));
  const incl = cumsum(logOneMinusZ, -1);
  const excl = padLast(sliceLast(incl, 0, -1), 1, 0);
  return { n, logZ, incl, excl };
}

/** The stick-breaking bijector realVector (K−1) → simplex (K). */
export function StickBreakingTransform(): Bijector {
  const shapes = {
    forwardShape: (s: Shape): Shape => [...s.slice(0, -1), lastDim(NAME, s) + 1],
    inverseShape: (s: Shape): Shape => [...s.slice(0, -1), lastDim(NAME, s) - 1],
  };
  return defineBijector(NAME, [realVector, simplex], shapes, {
    forward: (t) => {
      const { n, logZ, incl, excl } = logParts(t);
      if (n === 0) return ones([...t.shape.slice(0, -1), 1]);
      return exp(concat([add(logZ, excl), sliceLast(incl, n - 1, n)], -1));
    },
    inverse: (t) => {
      const k = lastDim(NAME, t.shape);
      const rev = flip(cumsum(flip(t, -1), -1), -1);
      const u = sub(log(sliceLast(t, 0, -1)), log(sliceLast(rev, 1, null)));
      return add(u, offsets(k - 1));
    },
    logAbsDetJacobian: (x, _y) => {
      const { logZ, incl } = logParts(toTensor(x));
      return sum(add(logZ, incl), -1);
    },
  });
}
