/**
 * The distance to one star from its parallax, by deterministic quadrature of the 1-D
 * posterior of Bailer-Jones (2015, PASP 127, 994) with the EDSD prior:
 *
 *   p(r | ϖ) ∝ r² e^{-r/L} · N(ϖ | 1000/r + zp, σ_ϖ),   r > 0 [pc], ϖ, zp, σ_ϖ [mas].
 *
 * This is the posterior of seed 004's `gaia_single_model` (and of `singleStarModel`), which
 * the tutorial samples with NUTS while noting that "it's pretty much always better to use
 * quadrature or something in 1D".
 */
import { DistanceError } from "./distance-error.js";
import { edsdModeNear, trapezoidQuantile } from "./log-grid-posterior.js";

/** Options of {@link singleStarDistance}. */
export interface SingleStarOptions {
  /** EDSD length scale L [pc] (default 370, the seed's value). */
  readonly L?: number;
  /** Parallax zero point zp [mas], added to the model parallax 1000/r (default 0). */
  readonly zp?: number;
}

/** The posterior of one star's distance (all distances in pc). */
export interface SingleStarDistance {
  /** The mode of p(r | ϖ): the root of Bailer-Jones' cubic at the highest density. */
  readonly mode: number;
  readonly median: number;
  /** 16 % quantile. */
  readonly q16: number;
  /** 84 % quantile. */
  readonly q84: number;
  readonly mean: number;
  /** Standard deviation. */
  readonly sd: number;
  /** Quantile function; throws a DistanceError ("p") for p outside (0, 1). */
  readonly quantile: (p: number) => number;
  /** The normalised posterior density in r (0 for r ≤ 0 or outside the integration range). */
  readonly pdf: (r: number) => number;
}

/** Grid points of the scan that locates the posterior mass, and of the integration. */
const N_SCAN = 20_000;
const N_FINE = 20_001;
/** The integration range keeps every u = ln r with log density above max − CUT. */
const CUT = 45;

function checkFinite(name: string, v: number): void {
  if (!Number.isFinite(v)) throw new DistanceError(name, `must be finite, got ${v}`);
}
function checkPositive(name: string, v: number): void {
  if (!(v > 0 && v < Number.POSITIVE_INFINITY))
    throw new DistanceError(name, `must be positive and finite, got ${v}`);
}

/**
 * Posterior of the distance r [pc] of a star with parallax `plx` ± `plxErr` [mas] under the
 * EDSD prior p(r) = r² e^{-r/L} / (2L³) and the likelihood N(plx | 1000/r + zp, plxErr).
 *
 * Method: the log density in u = ln r (Jacobian r included) is scanned on 20,000 points of
 * [ln(1000 / (max(ϖ−zp, 0) + 40σ)), ln(80 L)] (beyond these bounds the likelihood, resp. the
 * prior tail, is below e^{-70} of its peak); the sub-range where it exceeds its maximum − 45
 * is integrated with the trapezoid rule on 20,001 points. Quantiles invert the trapezoid
 * CDF exactly (linear density within a cell: a quadratic in the cell); the mode solves
 * r³/L − 2r² + (1000 ϖ'/σ²) r − 10⁶/σ² = 0 (ϖ' = ϖ − zp; Bailer-Jones 2015, Eq. 19 in these
 * units) by bisection around the best grid point. Relative accuracy ≈ 1e-7 of the posterior
 * width. Works for any finite parallax, including negative ones (the posterior then tends
 * to the prior). Takes about a millisecond.
 *
 * Throws a DistanceError naming the input for a non-finite `plx` or `zp`, or an `plxErr` or
 * `L` that is not positive and finite.
 */
export function singleStarDistance(
  plx: number,
  plxErr: number,
  options: SingleStarOptions = {},
): SingleStarDistance {
  const L = options.L ?? 370;
  const zp = options.zp ?? 0;
  checkFinite("plx", plx);
  checkPositive("plxErr", plxErr);
  checkPositive("L", L);
  checkFinite("zp", zp);
  const w = plx - zp;
  const s = plxErr;
  // unnormalised log density in u = ln r: 3u − r/L − ½((w − 1000/r)/σ)²
  const lpU = (u: number) => {
    const r = Math.exp(u);
    const z = (w - 1000 / r) / s;
    return 3 * u - r / L - 0.5 * z * z;
  };
  const uHi = Math.log(80 * L);
  const uLo = Math.min(Math.log(1000 / (Math.max(w, 0) + 40 * s)), uHi - Math.log(1e4));

  // 1. scan
  const hs = (uHi - uLo) / (N_SCAN - 1);
  const scan = new Float64Array(N_SCAN);
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < N_SCAN; i++) {
    scan[i] = lpU(uLo + i * hs);
    if (scan[i] > best) best = scan[i];
  }
  let a = 0;
  while (a < N_SCAN - 1 && scan[a] <= best - CUT) a++;
  let b = N_SCAN - 1;
  while (b > 0 && scan[b] <= best - CUT) b--;
  const ua = uLo + Math.max(a - 1, 0) * hs;
  const ub = uLo + Math.min(b + 1, N_SCAN - 1) * hs;

  // 2. integrate on the fine grid
  const h = (ub - ua) / (N_FINE - 1);
  const u = new Float64Array(N_FINE);
  const lp = new Float64Array(N_FINE);
  let top = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < N_FINE; i++) {
    u[i] = ua + i * h;
    lp[i] = lpU(u[i]);
    if (lp[i] > top) top = lp[i];
  }
  const f = Float64Array.from(lp, (v) => Math.exp(v - top));
  const cum = new Float64Array(N_FINE);
  let m1 = 0;
  let m2 = 0;
  for (let i = 1; i < N_FINE; i++) {
    cum[i] = cum[i - 1] + 0.5 * h * (f[i - 1] + f[i]);
    const r0 = Math.exp(u[i - 1]);
    const r1 = Math.exp(u[i]);
    m1 += 0.5 * h * (f[i - 1] * r0 + f[i] * r1);
    m2 += 0.5 * h * (f[i - 1] * r0 * r0 + f[i] * r1 * r1);
  }
  const Z = cum[N_FINE - 1];
  const mean = m1 / Z;
  const sd = Math.sqrt(Math.max(m2 / Z - mean * mean, 0));

  const quantile = (p: number): number => {
    if (!(p > 0 && p < 1)) throw new DistanceError("p", `must be in (0, 1), got ${p}`);
    return trapezoidQuantile(p * Z, u, f, cum, h);
  };

  // 3. mode of the density in r (= density in u / r): bisection on the cubic
  let iMax = 0;
  for (let i = 1; i < N_FINE; i++) if (lp[i] - u[i] > lp[iMax] - u[iMax]) iMax = i;
  const mode = edsdModeNear(iMax, w, s, L, u);

  const logNorm = top + Math.log(Z);
  const pdf = (r: number): number => {
    if (!(r > 0)) return 0;
    const x = Math.log(r);
    if (x < ua || x > ub) return 0;
    return Math.exp(lpU(x) - logNorm) / r;
  };

  return {
    mode,
    median: quantile(0.5),
    q16: quantile(0.16),
    q84: quantile(0.84),
    mean,
    sd,
    quantile,
    pdf,
  };
}
