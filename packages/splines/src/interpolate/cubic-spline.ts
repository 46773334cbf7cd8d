/**
 * scipy.interpolate.CubicSpline, differentiable in the knot values: the C² piecewise
 * cubic through (x_i, y_i) with breakpoints at every x_i and end conditions
 * "not-a-knot" (default), "natural", "clamped" (zero end slopes) or "periodic"
 * (y[0] must equal y[n-1]; evaluation and integrals wrap with period x_{n-1} - x_0).
 * Other bases extrapolate with the end cubics, and `integral` integrates them.
 */
import type { TensorLike } from "@sidereal/tensor";
import { readAbscissae } from "../constant-array.js";
import { SplineParameterError, SplineShapeError } from "../errors.js";
import { type CubicBoundary, cubicHermiteSolver } from "./cubic-slopes.js";
import type { Spline } from "./spline.js";
import { cachedBasis, SplineBasis } from "./spline-basis.js";

export type { CubicBoundary } from "./cubic-slopes.js";

export interface CubicSplineOptions {
  /** End conditions (default "not-a-knot"). */
  readonly bc?: CubicBoundary;
}

const OP = "cubicSpline";
const BOUNDARIES: readonly string[] = ["not-a-knot", "natural", "clamped", "periodic"];

/**
 * The x-dependent part of `cubicSpline` (cached per x and bc). Throws
 * SplineParameterError for an unknown bc, SplineShapeError for fewer than 2 points
 * (3 for periodic), SplineValueError for x not strictly increasing or non-finite.
 */
export function cubicSplineBasis(x: TensorLike, options: CubicSplineOptions = {}): SplineBasis {
  const bc = options.bc ?? "not-a-knot";
  if (!BOUNDARIES.includes(bc)) throw new SplineParameterError(OP, `unknown bc "${String(bc)}"`);
  const xs = readAbscissae(OP, x, 2);
  if (bc === "periodic" && xs.length < 3)
    throw new SplineShapeError(OP, `periodic bc needs at least 3 points, got ${xs.length}`);
  return cachedBasis(`${OP}|${bc}`, xs, () => {
    const n = xs.length;
    const t = new Float64Array(n + 6);
    for (let i = 0; i < 3; i++) {
      t[i] = xs[0];
      t[n + 3 + i] = xs[n - 1];
    }
    t.set(xs, 3);
    return new SplineBasis({
      op: OP,
      x: xs,
      breakpoints: xs,
      knots: t,
      degree: 3,
      periodic: bc === "periodic",
      integralMode: bc === "periodic" ? "periodic" : "extrapolate",
      solve: cubicHermiteSolver(xs, bc),
    });
  });
}

/**
 * The cubic spline through (x, y) as scipy's `CubicSpline(x, y, bc_type=bc)`.
 * y: length n, a Tensor (differentiable) or constant numbers.
 */
export function cubicSpline(
  x: TensorLike,
  y: TensorLike,
  options: CubicSplineOptions = {},
): Spline {
  return cubicSplineBasis(x, options).fit(y);
}
