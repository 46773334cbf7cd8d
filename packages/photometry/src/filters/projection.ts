/**
 * sedpy's "hires" projection of a spectrum through a filter (spec §3.5 step 3): the filter's
 * transmission is interpolated onto the spectrum's wavelengths (0 outside the curve), and
 * counts = trapezoid of λ·T·F_λ over the samples where the interpolated T is positive,
 * extended by one sample on each side. Maggies = counts / AB zero counts.
 */
import type { Filter } from "./filter.js";

/** First index i with a[i] >= x (a increasing), or a.length. */
function lowerBound(a: ArrayLike<number>, x: number, lo = 0): number {
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** np.interp(x, w, t, left=0, right=0) with a moving cursor (x increasing across calls). */
function interpAt(w: Float64Array, t: Float64Array, x: number, cursor: { k: number }): number {
  const n = w.length;
  if (x < w[0] || x > w[n - 1]) return 0;
  let k = cursor.k;
  while (k < n - 2 && w[k + 1] < x) k++;
  cursor.k = k;
  if (x === w[k + 1]) return t[k + 1];
  const f = (x - w[k]) / (w[k + 1] - w[k]);
  return t[k] + f * (t[k + 1] - t[k]);
}

/**
 * AB maggies of an F_λ spectrum (erg/s/cm²/Å, on increasing wavelengths `wave` in Å) in one
 * filter. NaN when the filter does not overlap the spectrum, as sedpy.
 */
export function projectFilter(
  filter: Filter,
  wave: ArrayLike<number>,
  fLambda: ArrayLike<number>,
): number {
  const fw = filter.wavelength;
  const ft = filter.transmission;
  const n = wave.length;
  // Samples inside [fw[0], fw[end]] are the only ones that can have T > 0.
  const i0 = lowerBound(wave, fw[0]);
  let first = -1;
  let last = -1;
  const cursor = { k: 0 };
  let i = i0;
  for (; i < n && wave[i] <= fw[fw.length - 1]; i++) {
    if (interpAt(fw, ft, wave[i], cursor) > 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return Number.NaN;
  const lo = Math.max(first - 1, 0);
  const hi = Math.min(last + 1, n - 1);
  cursor.k = 0;
  let counts = 0;
  let prevX = wave[lo];
  let prevY = wave[lo] * interpAt(fw, ft, wave[lo], cursor) * fLambda[lo];
  for (let k = lo + 1; k <= hi; k++) {
    const x = wave[k];
    const y = x * interpAt(fw, ft, x, cursor) * fLambda[k];
    counts += 0.5 * (x - prevX) * (prevY + y);
    prevX = x;
    prevY = y;
  }
  return counts / filter.abZeroCounts;
}
