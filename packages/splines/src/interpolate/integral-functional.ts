/**
 * Definite integrals of a piecewise polynomial as fixed linear functionals of its
 * local power-basis coefficients: ∫_a^b f = Σ_{i,r} L[i, r] Q[i, r], with
 * L[i, r] = ((hi - b_i)^{r+1} - (lo - b_i)^{r+1}) / (r+1) over the overlap [lo, hi]
 * of [a, b] with piece i.
 *
 * Modes: "clip" integrates over [a, b] ∩ [b_0, b_end] (the spline taken as zero
 * outside, as FITPACK's splint and scipy's UnivariateSpline.integral do);
 * "extrapolate" lets the end pieces extend to ±∞ (scipy's PPoly.integrate);
 * "periodic" counts whole periods (scipy's CubicSpline with periodic extrapolation).
 * a > b gives the negated integral.
 */
export type IntegralMode = "clip" | "extrapolate" | "periodic";

export function integralFunctional(
  breaks: Float64Array,
  width: number,
  a: number,
  b: number,
  mode: IntegralMode,
): Float64Array {
  const nInt = breaks.length - 1;
  const out = new Float64Array(nInt * width);
  if (mode === "periodic") {
    const b0 = breaks[0];
    const period = breaks[nInt] - b0;
    const ka = Math.floor((a - b0) / period);
    const kb = Math.floor((b - b0) / period);
    accumulate(out, breaks, width, b0, breaks[nInt], kb - ka, false);
    accumulate(out, breaks, width, b0, b - kb * period, 1, false);
    accumulate(out, breaks, width, b0, a - ka * period, -1, false);
    return out;
  }
  const sign = a <= b ? 1 : -1;
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  if (mode === "clip") {
    lo = Math.max(lo, breaks[0]);
    hi = Math.min(hi, breaks[nInt]);
    if (!(hi > lo)) return out;
  }
  accumulate(out, breaks, width, lo, hi, sign, mode === "extrapolate");
  return out;
}

function accumulate(
  out: Float64Array,
  breaks: Float64Array,
  width: number,
  lo: number,
  hi: number,
  scale: number,
  extend: boolean,
): void {
  const nInt = breaks.length - 1;
  if (scale === 0 || !(hi >= lo)) return;
  for (let i = 0; i < nInt; i++) {
    const s = extend && i === 0 ? -Infinity : breaks[i];
    const e = extend && i === nInt - 1 ? Infinity : breaks[i + 1];
    const u0 = Math.max(lo, s) - breaks[i];
    const u1 = Math.min(hi, e) - breaks[i];
    if (!(u1 > u0)) continue;
    let p0 = u0;
    let p1 = u1;
    for (let r = 0; r < width; r++) {
      out[i * width + r] += (scale * (p1 - p0)) / (r + 1);
      p0 *= u0;
      p1 *= u1;
    }
  }
}
