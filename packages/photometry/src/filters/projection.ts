/**
 * sedpy's "hires" projection of a spectrum through a filter (spec §3.5 step 3): the filter's
 * transmission is interpolated onto the spectrum's wavelengths (0 outside the curve), and
 * counts = trapezoid of λ·T·F_λ over the samples where the interpolated T is positive,
 * extended by one sample on each side. Maggies = counts / AB zero counts.
 */
import { lowerBound } from "../numeric.js";
import type { Filter } from "./filter.js";

/** Per-filter slopes of the transmission segments, computed once. */
const SLOPES = new WeakMap<Filter, Float64Array>();
function slopesOf(filter: Filter): Float64Array {
  let s = SLOPES.get(filter);
  if (!s) {
    const w = filter.wavelength;
    const t = filter.transmission;
    s = new Float64Array(w.length);
    for (let k = 0; k + 1 < w.length; k++)
      s[k] = w[k + 1] > w[k] ? (t[k + 1] - t[k]) / (w[k + 1] - w[k]) : 0;
    SLOPES.set(filter, s);
  }
  return s;
}

/**
 * AB maggies of an F_λ spectrum (erg/s/cm²/Å, on increasing wavelengths `wave` in Å) in one
 * filter. NaN when the filter does not overlap the spectrum, as sedpy.
 *
 * One pass: the trapezoid runs over every sample inside the curve plus one on each side.
 * Outside sedpy's window (positive T, extended by one sample) every integrand value is 0,
 * so the extra segments add exact zeros and the sum equals sedpy's.
 */
export function projectFilter(
  filter: Filter,
  wave: ArrayLike<number>,
  fLambda: ArrayLike<number>,
): number {
  const fw = filter.wavelength;
  const ft = filter.transmission;
  const slope = slopesOf(filter);
  const n = wave.length;
  const m = fw.length;
  const wMin = fw[0];
  const wMax = fw[m - 1];
  const i0 = lowerBound(wave, wMin);
  let k = 0;
  let any = false;
  let counts = 0;
  // The sample before the curve (T = 0 there) starts the first segment.
  let started = i0 > 0;
  let prevX = started ? wave[i0 - 1] : 0;
  let prevY = 0;
  let i = i0;
  for (; i < n; i++) {
    const x = wave[i];
    if (x > wMax) break;
    while (k < m - 2 && fw[k + 1] < x) k++;
    const t = x === fw[k + 1] ? ft[k + 1] : ft[k] + (x - fw[k]) * slope[k];
    if (t > 0) any = true;
    const y = x * t * fLambda[i];
    if (started) counts += 0.5 * (x - prevX) * (prevY + y);
    started = true;
    prevX = x;
    prevY = y;
  }
  if (!any) return Number.NaN;
  if (i < n) counts += 0.5 * (wave[i] - prevX) * prevY;
  return counts / filter.abZeroCounts;
}
