import { chebyshev, chebyshevDerivative } from "./chebyshev.js";

// Chebyshev coefficients (fitted with mpmath, fixtures/make_coefficients.py) of
//   I0e(x) on [0, 8] in t = x/4 - 1, and √x·I0e(x) on [8, ∞) in t = 16/x - 1.
const I0E_SMALL: readonly number[] = [
  0.6767952744094761, -0.3046826723431984, 0.17162090152220877, -0.09490109704804764,
  0.04930528423967071, -0.02373741480589947, 0.010546460394594998, -0.004324309995050576,
  0.0016394756169413357, -0.0005763755745385824, 0.00018850288509584165, -0.00005754195010082104,
  0.000016448448070728896, -0.0000044167383584587505, 0.0000011173875391201037,
  -2.670793853940612e-7, 6.046995022541919e-8, -1.300025009986248e-8, 2.6598237246823866e-9,
  -5.189795601635263e-10, 9.675809035373237e-11, -1.726826291441556e-11, 2.95505266312964e-12,
  -4.856446783111929e-13, 7.676185498604936e-14, -1.1685332877993451e-14, 1.715391285555133e-15,
  -2.431279846547955e-16, 3.3307945188222384e-17, -4.4153416464793395e-18, 5.669178006921496e-19,
  -7.057100692457294e-20,
];
const I0E_LARGE: readonly number[] = [
  0.8044904110141088, 0.0033691164782556943, 0.00006889758346916825, 0.0000028913705208347567,
  2.0489185894690638e-7, 2.266668990498178e-8, 3.3962320257083865e-9, 4.94060238822497e-10,
  1.1889147107846439e-11, -3.1499165279632416e-11, -1.3215811840447713e-11, -1.7941785315068062e-12,
  7.180124451383666e-13, 3.8527783827421426e-13, 1.54008621752141e-14, -4.150569347287222e-14,
  -9.554846698828307e-15, 3.8116806693526224e-15, 1.7725601330565263e-15, -3.425485619677219e-16,
  -2.8276239805165836e-16, 3.461222867697461e-17, 4.46562142029676e-17, -4.830504485944182e-18,
  -7.233180487874754e-18, 9.921475412173699e-19, 1.193650890845982e-18, -2.4887098371508075e-19,
  -1.938426454160906e-19,
];
const I0E_SMALL_D = chebyshevDerivative(I0E_SMALL);
const I0E_LARGE_D = chebyshevDerivative(I0E_LARGE);

/**
 * Exponentially scaled modified Bessel function of order 0: I0e(x) = exp(-|x|)·I₀(x).
 *
 * Derivative: d/dx I0e(x) = I1e(x) - sign(x)·I0e(x)  (see `besselI0eDeriv`).
 * Method: Chebyshev expansions (our own mpmath fits, ~1e-19 truncation) of I0e on [0, 8] and
 * of √x·I0e(x) in 16/x on [8, ∞) (the same split as the classic Clenshaw/Cephes scheme).
 * Even function. Edges: I0e(0) = 1, I0e(±Infinity) = 0, NaN → NaN.
 */
export function besselI0e(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax <= 8) return chebyshev(I0E_SMALL, ax / 4 - 1);
  return chebyshev(I0E_LARGE, 16 / ax - 1) / Math.sqrt(ax);
}

/**
 * d/dx I0e(x) = I1e(x) - sign(x)·I0e(x). Evaluated by differentiating the Chebyshev series
 * (no cancellation between I1e and I0e for large |x|). Odd; at the kink x = 0 returns 0
 * (the mean of the one-sided derivatives ∓1).
 */
export function besselI0eDeriv(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === 0) return 0;
  const ax = Math.abs(x);
  let d: number;
  if (ax <= 8) d = 0.25 * chebyshev(I0E_SMALL_D, ax / 4 - 1);
  else {
    const t = 16 / ax - 1;
    const s = Math.sqrt(ax);
    d =
      (-16 / (ax * ax)) * (chebyshev(I0E_LARGE_D, t) / s) - chebyshev(I0E_LARGE, t) / (2 * ax * s);
  }
  return x > 0 ? d : -d;
}
