/**
 * @sidereal/splines — interpolating splines with scipy semantics, differentiable in
 * the knot values (and in tensor evaluation points), and trapezoid/Simpson
 * integration in linear and log space.
 */

export { SplineParameterError, SplineShapeError, SplineValueError } from "./errors.js";
export { lnSimpson, simpson } from "./integrate/simpson.js";
export { lnTrapezoid, trapezoid } from "./integrate/trapezoid.js";
export { type Spacing, simpsonWeights, trapezoidWeights } from "./integrate/weights.js";
export {
  type CubicBoundary,
  type CubicSplineOptions,
  cubicSpline,
  cubicSplineBasis,
} from "./interpolate/cubic-spline.js";
export type { EvaluatorOptions, SplineEvaluator } from "./interpolate/evaluator.js";
export {
  type InterpolatedUnivariateSplineOptions,
  interpolatedUnivariateSpline,
  interpolatedUnivariateSplineBasis,
} from "./interpolate/interpolated-univariate-spline.js";
export { linearInterp } from "./interpolate/linear-interp.js";
export type { Spline } from "./interpolate/spline.js";
export type { SplineBasis } from "./interpolate/spline-basis.js";
