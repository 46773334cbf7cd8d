/**
 * Simpson's rule with scipy ≥ 1.11 semantics (see `simpsonWeights`), linear and log
 * space. Differentiable in y (tensor ops); x / dx are constants.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import { prepare, weightedLogSum, weightedSum } from "./along-axis.js";
import { type Spacing, simpsonWeights } from "./weights.js";

/**
 * ∫ y dx by Simpson's rule along `axis` (default -1), matching
 * scipy.integrate.simpson(y, x=x | dx=dx, axis=axis) for any number of points (even
 * counts use Cartwright's correction on the last interval). `spacing`: sample points
 * (1-D, length of the axis) or a number dx (default 1). Throws SplineShapeError for a
 * bad axis or x length, SplineValueError for non-finite x.
 */
export function simpson(y: TensorLike, spacing: Spacing = 1, axis = -1): Tensor {
  const { t, ax, x } = prepare("simpson", y, spacing, axis);
  return weightedSum(t, simpsonWeights(x), ax);
}

/**
 * log ∫ e^{lnY} dx by Simpson's rule (any number of points), as logsumexp of
 * lnY + log w; negative weights (Cartwright's correction, very uneven panels) are
 * handled by a log-difference, giving NaN only if the rule's sum itself is negative.
 * lnSimpson(log y) = log(simpson(y)) for y > 0. Throws SplineValueError for a grid
 * whose weights are all negative (decreasing x).
 */
export function lnSimpson(lnY: TensorLike, spacing: Spacing = 1, axis = -1): Tensor {
  const { t, ax, x } = prepare("lnSimpson", lnY, spacing, axis);
  return weightedLogSum("lnSimpson", t, simpsonWeights(x), ax);
}
