/**
 * The seed's GD-1 `StreamModel`: a 2-D Poisson-process density in (φ₁, φ₂) that is the
 * sum of a stream and a background,
 *
 *   n_stream(φ₁, φ₂) = exp(a(φ₁)) · N(φ₂ | m(φ₁), e^{2 s(φ₁)}),   n_bkg(φ₁) = exp(b(φ₁)),
 *   ln n = logaddexp(ln n_stream, ln n_bkg),
 *
 * with a = spline through `ln_n0` (31 knots on [−110, 30]), m and s splines through
 * `mean_phi2` and `ln_std_phi2` (17 knots on [−110, 30]) and b through `ln_n0_bkg`
 * (7 knots on [−120, 40]); all k = 3 not-a-knot. The integral over the window
 * φ₁ ∈ (−100, 20), φ₂ ∈ (−7, 5) is the seed's log-Simpson rule on its 0.1° grid
 * (`np.arange(-100, 20 + 1e-3, 0.1)` × `np.arange(-7, 5 + 1e-3, 0.1)`, 1201 × 121
 * points), first along φ₁ then along φ₂. Priors: the smoothness priors
 * x_m ~ N(x_{m−1}, var 1) on ln_n0, mean_phi2 and ln_std_phi2 (none on the background).
 *
 * All splines depend on φ₁ only, so they are evaluated at the 1201 grid abscissae and
 * the double Simpson sum is done column by column (`streamLogIntegral`: one exp per grid
 * point, the background summed in closed form over φ₂). The seed's literal per-point
 * form is kept behind `{ integral: "per-point" }` as the reference for tests.
 */
import { interpolatedUnivariateSplineBasis, lnSimpson } from "@sidereal/splines";
import { add, logaddexp, reshape, slice, sum, type Tensor, tensor } from "@sidereal/tensor";
import { arange, linspace } from "../grids.js";
import { lnNormal, lnNormalLogStd } from "../ln-normal.js";
import { poissonProcessLogLikelihood } from "../poisson.js";
import type { DensityModel } from "./model.js";
import { streamLogIntegral } from "./stream-integral.js";

/** Background knots `np.linspace(-120, 40, 7)`. */
export const BKG_KNOTS = linspace(-120, 40, 7);
/** Stream density knots `np.linspace(-110, 30, 31)`. */
export const LN_N0_KNOTS = linspace(-110, 30, 31);
/** Track and width knots `np.linspace(-110, 30, 17)`. */
export const PHI2_KNOTS = linspace(-110, 30, 17);
/** Integration grid in φ₁: `np.arange(-100, 20 + 1e-3, 0.1)` (1201 points). */
export const GRID_PHI1 = arange(-100, 20 + 1e-3, 0.1);
/** Integration grid in φ₂: `np.arange(-7, 5 + 1e-3, 0.1)` (121 points). */
export const GRID_PHI2 = arange(-7, 5 + 1e-3, 0.1);

/** Parameter blocks in the seed's packing order. */
export const STREAM_BLOCKS = [
  { name: "ln_n0", size: 31, knots: LN_N0_KNOTS },
  { name: "mean_phi2", size: 17, knots: PHI2_KNOTS },
  { name: "ln_std_phi2", size: 17, knots: PHI2_KNOTS },
  { name: "ln_n0_bkg", size: 7, knots: BKG_KNOTS },
] as const;

const basis = (knots: Float64Array) => interpolatedUnivariateSplineBasis(knots, { k: 3 });

/** Spline evaluators at fixed φ₁ values for the four components. */
interface ComponentEvaluators {
  readonly lnN0: (y: Tensor) => Tensor;
  readonly mean: (y: Tensor) => Tensor;
  readonly lnStd: (y: Tensor) => Tensor;
  readonly bkg: (y: Tensor) => Tensor;
}

function evaluatorsAt(phi1: Float64Array): ComponentEvaluators {
  const a = basis(LN_N0_KNOTS).evaluator(phi1);
  const m = basis(PHI2_KNOTS).evaluator(phi1);
  const b = basis(BKG_KNOTS).evaluator(phi1);
  return {
    lnN0: (y) => a.evaluate(y),
    mean: (y) => m.evaluate(y),
    lnStd: (y) => m.evaluate(y),
    bkg: (y) => b.evaluate(y),
  };
}

/**
 * Stream and background log-densities at (φ₁, φ₂) where the splines were evaluated at
 * φ₁ by `ev`; φ₂ must broadcast against the φ₁ shape.
 */
function components(
  ev: ComponentEvaluators,
  phi2: Tensor,
  lnN0: Tensor,
  meanPhi2: Tensor,
  lnStdPhi2: Tensor,
  lnN0Bkg: Tensor,
): { stream: Tensor; bkg: Tensor } {
  const stream = add(ev.lnN0(lnN0), lnNormalLogStd(phi2, ev.mean(meanPhi2), ev.lnStd(lnStdPhi2)));
  return { stream, bkg: ev.bkg(lnN0Bkg) };
}

/** Σ_{m ≥ 1} ln N(x_m | x_{m−1}, 1): the seed's smoothness prior on one knot vector. */
function smoothness(x: Tensor): Tensor {
  const n = x.shape[0];
  return sum(lnNormal(slice(x, [[1, n]]), slice(x, [[0, n - 1]]), 1));
}

/**
 * The seed's integral literally: ln n on all 121 × 1201 grid points, log-Simpson along
 * φ₁ then along φ₂ (`at` holds the spline evaluators at the grid's φ₁ values).
 */
function lnIntegralPerPoint(
  at: ComponentEvaluators,
  lnN0: Tensor,
  mean: Tensor,
  lnStd: Tensor,
  bkg: Tensor,
): Tensor {
  const phi2 = reshape(tensor(GRID_PHI2), [GRID_PHI2.length, 1]);
  const g = components(at, phi2, lnN0, mean, lnStd, bkg);
  const lnGrid = logaddexp(g.stream, g.bkg); // [121, 1201]
  const dx1 = GRID_PHI1[1] - GRID_PHI1[0];
  const dx2 = GRID_PHI2[1] - GRID_PHI2[0];
  return lnSimpson(lnSimpson(lnGrid, dx1, -1), dx2, -1);
}

/** Options of {@link streamModel}. */
export interface StreamModelOptions {
  /**
   * How the normalisation integral is evaluated: `"columns"` (default; column sums,
   * one exp per grid point) or `"per-point"` (the seed's literal logaddexp on every
   * grid point and log-Simpson twice; equal to rounding, about 3× slower — kept as the
   * reference for tests and the benchmark).
   */
  readonly integral?: "columns" | "per-point";
}

/** The GD-1 stream model of stars at (φ₁, φ₂) (throws RangeError for mismatched or empty data). */
export function streamModel(
  phi1: Float64Array,
  phi2: Float64Array,
  options: StreamModelOptions = {},
): DensityModel {
  if (phi1.length !== phi2.length || phi1.length === 0)
    throw new RangeError(`streamModel: phi1 has ${phi1.length} values, phi2 ${phi2.length}`);
  const atData = evaluatorsAt(phi1);
  const atGrid = evaluatorsAt(GRID_PHI1);
  const dataPhi2 = tensor(phi2);
  const lnIntegral = streamLogIntegral(GRID_PHI1, GRID_PHI2);
  const lnPosterior = (lnN0: Tensor, mean: Tensor, lnStd: Tensor, bkg: Tensor): Tensor => {
    const d = components(atData, dataPhi2, lnN0, mean, lnStd, bkg);
    const lnV =
      options.integral === "per-point"
        ? lnIntegralPerPoint(atGrid, lnN0, mean, lnStd, bkg)
        : lnIntegral({
            lnN0: atGrid.lnN0(lnN0),
            mean: atGrid.mean(mean),
            lnStd: atGrid.lnStd(lnStd),
            bkg: atGrid.bkg(bkg),
          });
    const lnLike = poissonProcessLogLikelihood(logaddexp(d.stream, d.bkg), lnV);
    return add(lnLike, add(add(smoothness(lnN0), smoothness(mean)), smoothness(lnStd)));
  };
  return {
    name: "gd1",
    blocks: STREAM_BLOCKS,
    dim: 72,
    nData: phi1.length,
    lnPosterior,
  };
}

/**
 * Plain-number evaluation at points (φ₁ᵢ, φ₂ᵢ) of the stream and background
 * log-densities for one parameter vector x (the seed's packing order).
 */
export function streamComponents(
  phi1: Float64Array,
  phi2: Float64Array,
  x: ArrayLike<number>,
): { stream: Float64Array; bkg: Float64Array } {
  const ev = evaluatorsAt(phi1);
  const t = (o: number, n: number) => tensor(Float64Array.from({ length: n }, (_, i) => x[o + i]));
  const c = components(ev, tensor(phi2), t(0, 31), t(31, 17), t(48, 17), t(65, 7));
  return { stream: c.stream.toArray(), bkg: c.bkg.toArray() };
}

/** Per-star stream membership probability n_stream / (n_stream + n_bkg). */
export function membership(
  phi1: Float64Array,
  phi2: Float64Array,
  x: ArrayLike<number>,
): Float64Array {
  const { stream, bkg } = streamComponents(phi1, phi2, x);
  return Float64Array.from(stream, (s, i) => 1 / (1 + Math.exp(bkg[i] - s)));
}
