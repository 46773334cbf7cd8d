/**
 * The trapezoid rule, linear and log space. Differentiable in y (tensor ops);
 * x / dx are constants (no gradient), as with a fixed integration grid.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import { prepare, weightedLogSum, weightedSum } from "./along-axis.js";
import { type Spacing, trapezoidWeights } from "./weights.js";

/**
 * ∫ y dx ≈ Σ_i (x_{i+1} - x_i)(y_i + y_{i+1})/2 along `axis` (default -1), as
 * scipy.integrate.trapezoid. `spacing`: sample points x (1-D, length of the axis) or
 * a number dx (default 1). One point gives 0. Throws SplineShapeError for a bad axis
 * or x length, SplineValueError for non-finite x.
 */
export function trapezoid(y: TensorLike, spacing: Spacing = 1, axis = -1): Tensor {
  const { t, ax, x } = prepare("trapezoid", y, spacing, axis);
  return weightedSum(t, trapezoidWeights(x), ax);
}

/**
 * log ∫ e^{lnY} dx by the trapezoid rule, computed as logsumexp(lnY + log w) so that
 * it neither overflows nor underflows. Requires an increasing grid (SplineValueError
 * if every weight is negative); one point gives -∞.
 */
export function lnTrapezoid(lnY: TensorLike, spacing: Spacing = 1, axis = -1): Tensor {
  const { t, ax, x } = prepare("lnTrapezoid", lnY, spacing, axis);
  return weightedLogSum("lnTrapezoid", t, trapezoidWeights(x), ax);
}
