/**
 * scipy.interpolate.InterpolatedUnivariateSpline (FITPACK curfit with s = 0, ext = 0),
 * differentiable in the knot values: the interpolating B-spline of degree k through
 * (x_i, y_i), with FITPACK's knot placement (`interpolationKnots`), extrapolated by
 * the end polynomial pieces. `endpoints: "natural"` (k = 3 only) is the C² cubic with
 * zero second derivative at both ends (jax_cosmo's option; scipy's
 * make_interp_spline(..., bc_type="natural")).
 */
import type { TensorLike } from "@sidereal/tensor";
import { readAbscissae } from "../constant-array.js";
import { SplineParameterError } from "../errors.js";
import { bsplineToPiecewise, collocationSolver, interpolationKnots } from "./bspline.js";
import { cubicHermiteSolver } from "./cubic-slopes.js";
import type { Spline } from "./spline.js";
import { cachedBasis, SplineBasis } from "./spline-basis.js";

export interface InterpolatedUnivariateSplineOptions {
  /** Degree 1, 2 or 3 (default 3). */
  readonly k?: 1 | 2 | 3;
  /** End conditions (default "not-a-knot", scipy's; "natural" needs k = 3). */
  readonly endpoints?: "not-a-knot" | "natural";
}

const OP = "interpolatedUnivariateSpline";

/**
 * The x-dependent part of `interpolatedUnivariateSpline` (cached per x and options):
 * `basis.fit(y)`, `basis.evaluator(xs).evaluate(y)`, `basis.integralWeights(a, b)`.
 * Throws SplineParameterError for other k or endpoints, SplineShapeError for fewer
 * than k+1 points, SplineValueError for x not strictly increasing or non-finite.
 */
export function interpolatedUnivariateSplineBasis(
  x: TensorLike,
  options: InterpolatedUnivariateSplineOptions = {},
): SplineBasis {
  const k = options.k ?? 3;
  const endpoints = options.endpoints ?? "not-a-knot";
  if (k !== 1 && k !== 2 && k !== 3)
    throw new SplineParameterError(OP, `k must be 1, 2 or 3, got ${String(k)}`);
  if (endpoints !== "not-a-knot" && endpoints !== "natural")
    throw new SplineParameterError(OP, `unknown endpoints "${String(endpoints)}"`);
  if (endpoints === "natural" && k !== 3)
    throw new SplineParameterError(OP, `endpoints "natural" needs k = 3, got k = ${k}`);
  const xs = readAbscissae(OP, x, k + 1);
  return cachedBasis(`${OP}|${k}|${endpoints}`, xs, () =>
    endpoints === "natural" ? naturalBasis(xs) : bsplineBasis(xs, k),
  );
}

/**
 * The interpolating spline of degree k through (x, y), as scipy's
 * `InterpolatedUnivariateSpline(x, y, k=k)`. x: constant, strictly increasing, at
 * least k+1 points; y: length n, a Tensor (differentiable) or constant numbers.
 * Errors as in `interpolatedUnivariateSplineBasis`, plus SplineShapeError for y.
 */
export function interpolatedUnivariateSpline(
  x: TensorLike,
  y: TensorLike,
  options: InterpolatedUnivariateSplineOptions = {},
): Spline {
  return interpolatedUnivariateSplineBasis(x, options).fit(y);
}

function bsplineBasis(x: Float64Array, k: number): SplineBasis {
  const n = x.length;
  const t = interpolationKnots(x, k);
  const intervals: number[] = [];
  for (let l = k; l < n; l++) if (t[l + 1] > t[l]) intervals.push(l);
  const breakpoints = Float64Array.from([...intervals.map((l) => t[l]), t[n]]);
  const solveC = collocationSolver(x, t, k);
  return new SplineBasis({
    op: OP,
    x,
    breakpoints,
    knots: t,
    degree: k,
    periodic: false,
    integralMode: "clip",
    solve: (y) => bsplineToPiecewise(t, solveC(y), k, intervals),
  });
}

function naturalBasis(x: Float64Array): SplineBasis {
  const n = x.length;
  const t = new Float64Array(n + 6);
  for (let i = 0; i < 3; i++) {
    t[i] = x[0];
    t[n + 3 + i] = x[n - 1];
  }
  t.set(x, 3);
  return new SplineBasis({
    op: OP,
    x,
    breakpoints: x,
    knots: t,
    degree: 3,
    periodic: false,
    integralMode: "clip",
    solve: cubicHermiteSolver(x, "natural"),
  });
}
