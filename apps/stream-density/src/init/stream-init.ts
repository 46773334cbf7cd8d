/**
 * The seed's initial guess for the GD-1 model, from smoothed histograms of the stars:
 *
 * 1. 2-D counts on φ₁ bins `linspace(-90, 20.001, 11)` × φ₂ bins `arange(-7, 5.001, 0.2)`,
 *    smoothed along φ₂ with `gaussian_filter1d(σ = 1 bin)`; the mean of the off-stream
 *    columns (φ₂ centre < −5 or > 3) is subtracted and the counts are divided by
 *    (Δφ₁ / 12). Per φ₁ bin the φ₂ of the peak gives the track and the log of the peak
 *    value the stream log-density; both are interpolated to the knots with k = 3
 *    splines (extrapolating).
 * 2. Background: 1-D counts of the off-stream stars (φ₂ > 3 or < −5) on
 *    `linspace(-90, 20.001, 15)`, smoothed with σ = 2 bins, ln(H / Δφ₁ / 4), interpolated
 *    to the background knots. `np.histogram` returns integer counts and
 *    `gaussian_filter1d` keeps the input dtype, truncating the smoothed values toward
 *    zero; the seed's numbers include that truncation, so it is reproduced here.
 * 3. ln_std_phi2 = −1 everywhere.
 *
 * A peak that is not above the subtracted background gives ln of a non-positive value
 * (NaN / −∞), as in the seed; the pipeline checks the objective before optimising.
 */
import { interpolatedUnivariateSpline } from "@sidereal/splines";
import { arange, centres, linspace } from "../grids.js";
import { BKG_KNOTS, LN_N0_KNOTS, PHI2_KNOTS } from "../models/stream.js";
import { gaussianFilter1d } from "./gaussian-filter.js";
import { histogram1d, histogram2d } from "./histogram.js";

const interp = (x: Float64Array, y: Float64Array, at: Float64Array): Float64Array =>
  interpolatedUnivariateSpline(x, y, { k: 3 }).evaluate(at).toArray();

/** The seed's initial parameter vector (72 values, packing order of STREAM_BLOCKS). */
export function streamInit(phi1: Float64Array, phi2: Float64Array): Float64Array {
  const xe = linspace(-90, 20 + 1e-3, 11);
  const ye = arange(-7, 5 + 1e-3, 0.2);
  const xc = centres(xe);
  const yc = centres(ye);
  const nx = xc.length;
  const ny = yc.length;
  const h = gaussianFilter1d(histogram2d(phi1, phi2, xe, ye), 1, ny);
  let off = 0;
  let nOff = 0;
  for (let i = 0; i < nx; i++)
    for (let j = 0; j < ny; j++)
      if (yc[j] < -5 || yc[j] > 3) {
        off += h[i * ny + j];
        nOff++;
      }
  const mean = off / nOff;
  const scale = (xe[1] - xe[0]) / 12;
  const lnPeak = new Float64Array(nx);
  const track = new Float64Array(nx);
  for (let i = 0; i < nx; i++) {
    let best = 0;
    for (let j = 1; j < ny; j++) if (h[i * ny + j] > h[i * ny + best]) best = j; // first max, as argmax
    lnPeak[i] = Math.log((h[i * ny + best] - mean) / scale);
    track[i] = yc[best];
  }
  const sel: number[] = [];
  for (let i = 0; i < phi1.length; i++) if (phi2[i] > 3 || phi2[i] < -5) sel.push(i);
  const be = linspace(-90, 20 + 1e-3, 15);
  const hb = gaussianFilter1d(
    histogram1d(
      sel.map((i) => phi1[i]),
      be,
    ),
    2,
  ).map(Math.trunc);
  const db = be[1] - be[0];
  const lnBkg = Float64Array.from(hb, (v) => Math.log(v / db / 4));
  const out = new Float64Array(72);
  out.set(interp(xc, lnPeak, LN_N0_KNOTS), 0);
  out.set(interp(xc, track, PHI2_KNOTS), 31);
  out.fill(-1, 48, 65);
  out.set(interp(centres(be), lnBkg, BKG_KNOTS), 65);
  return out;
}
