/**
 * The seed's `GaussianSplineModel`: ln n(z) is a k = 3 not-a-knot interpolating spline
 * (scipy/jax_cosmo `InterpolatedUnivariateSpline`) through the values `ln_n0` at 11
 * knots on [−3, 3]; the integral over the window (−3, 3) is the seed's log-Simpson
 * rule on 1025 points; priors ln_n0_j ~ N(0, var 100).
 *
 *   ln p = −exp(lnSimpson(s(grid))) + Σ_n s(z_n) + Σ_j ln N(ln_n0_j | 0, 100)
 *
 * The spline is linear in its knot values, s(z) = Σ_j B_j(z) y_j, so the data term is
 * Σ_n s(z_n) = w·y with w_j = Σ_n B_j(z_n) computed once (the gradient of the data
 * term at any y). This is exact and makes an evaluation independent of N.
 */
import {
  interpolatedUnivariateSpline,
  interpolatedUnivariateSplineBasis,
  lnSimpson,
} from "@sidereal/splines";
import { add, dot, grad, sum, type Tensor, tensor, zeros } from "@sidereal/tensor";
import { centres, linspace } from "../grids.js";
import { histogram1d } from "../init/histogram.js";
import { lnNormal } from "../ln-normal.js";
import { poissonProcessLogLikelihood } from "../poisson.js";
import type { DensityModel } from "./model.js";

/** Knot positions: `np.linspace(-3, 3, 11)`. */
export const SPLINE_KNOTS = linspace(-3, 3, 11);
/** Integration grid over the window (−3, 3): `np.linspace(-3, 3, 1025)`. */
export const SPLINE_GRID = linspace(-3, 3, 1025);

/** ln n at `xs` for knot values `lnN0` (plain numbers; extrapolates by the end pieces). */
export function splineLnDensity(xs: ArrayLike<number>, lnN0: ArrayLike<number>): Float64Array {
  const spl = interpolatedUnivariateSpline(SPLINE_KNOTS, Float64Array.from(lnN0), { k: 3 });
  return spl.evaluate(Float64Array.from(xs)).toArray();
}

/**
 * Weights w with Σ_n s(z_n) = w·y for every knot vector y (the data term's gradient).
 */
export function dataWeights(z: Float64Array): Float64Array {
  const atData = interpolatedUnivariateSplineBasis(SPLINE_KNOTS, { k: 3 }).evaluator(z);
  const [w] = grad((y: Tensor) => sum(atData.evaluate(y)))(zeros([SPLINE_KNOTS.length]));
  return w.toArray();
}

/** The spline Poisson-process model of the data `z` (throws RangeError when empty). */
export function splineModel(z: Float64Array): DensityModel {
  if (z.length === 0) throw new RangeError("splineModel: no data points");
  const basis = interpolatedUnivariateSplineBasis(SPLINE_KNOTS, { k: 3 });
  const atGrid = basis.evaluator(SPLINE_GRID);
  const w = tensor(dataWeights(z));
  const dx = SPLINE_GRID[1] - SPLINE_GRID[0];
  const lnPosterior = (lnN0: Tensor): Tensor => {
    const lnV = lnSimpson(atGrid.evaluate(lnN0), dx);
    const lnLike = poissonProcessLogLikelihood(dot(w, lnN0), lnV);
    return add(lnLike, sum(lnNormal(lnN0, 0, 100)));
  };
  return {
    name: "spline",
    blocks: [{ name: "ln_n0", size: SPLINE_KNOTS.length, knots: SPLINE_KNOTS }],
    dim: SPLINE_KNOTS.length,
    nData: z.length,
    lnPosterior,
  };
}

/**
 * The seed's initial knot values: the histogram density on `np.linspace(-2, 2, 128)`
 * bins, interpolated in log (ln(dens + 1e-8)) at the knots with a k = 3 spline
 * (extrapolating outside the bin centres), plus `jitter` (the seed adds
 * uniform(0, 0.1) draws).
 */
export function splineInit(z: ArrayLike<number>, jitter?: ArrayLike<number>): Float64Array {
  const edges = linspace(-2, 2, 128);
  const counts = histogram1d(z, edges);
  const width = edges[1] - edges[0];
  const lnDens = Float64Array.from(counts, (c) => Math.log(c / width + 1e-8));
  const spl = interpolatedUnivariateSpline(centres(edges), lnDens, { k: 3 });
  const init = spl.evaluate(SPLINE_KNOTS).toArray();
  if (jitter !== undefined) for (let i = 0; i < init.length; i++) init[i] += jitter[i];
  return init;
}
