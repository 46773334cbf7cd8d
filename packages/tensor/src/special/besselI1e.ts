import { chebyshev, chebyshevDerivative } from "./chebyshev.js";

// Chebyshev coefficients (fitted with mpmath, fixtures/make_coefficients.py) of
//   I1e(x)/x on [0, 8] in t = x/4 - 1, and √x·I1e(x) on [8, ∞) in t = 16/x - 1.
const I1E_SMALL: readonly number[] = [
  0.25258718644363365, -0.17641651835783406, 0.1026436586898471, -0.05294598120809499,
  0.024726449030626516, -0.010564084894626197, 0.004156422944312888, -0.0015135724506312532,
  0.0005122859561685758, -0.00016176081582589674, 0.00004781565107550054, -0.000013273163656039436,
  0.0000034702513081376785, -8.568720264695455e-7, 2.0032947535521353e-7, -4.445059128796328e-8,
  9.381537386495773e-9, -1.8872497517228294e-9, 3.625590281552117e-10, -6.663489723502027e-11,
  1.1736186298890901e-11, -1.9839743977649436e-12, 3.223793365945575e-13, -5.042185504727912e-14,
  7.600684294735408e-15, -1.1055969477353862e-15, 1.5536319577362005e-16, -2.111421214358166e-17,
  2.7779141127610464e-18, -3.541581772542136e-19, 4.379302756655071e-20,
];
const I1E_LARGE: readonly number[] = [
  0.7785762350182801, -0.009761097491361469, -0.00011058893876262371, -0.000003882564808877691,
  -2.512236237870209e-7, -2.6314688468895196e-8, -3.835380385964237e-9, -5.589743462196584e-10,
  -1.8974958123505413e-11, 3.2526035830154884e-11, 1.4125807436613782e-11, 2.0356285441470896e-12,
  -7.198551776245908e-13, -4.0835511110921974e-13, -2.1015418427726643e-14, 4.272440016711951e-14,
  1.0420276984128802e-14, -3.8144030724370075e-15, -1.8803547755107825e-15, 3.3082023109209285e-16,
  2.96262899764595e-16, -3.209525921993424e-17, -4.6503053684893586e-17, 4.414348323071708e-18,
  7.517296310842105e-18, -9.314178867326884e-19, -1.242193275194891e-18, 2.4142767194548486e-19,
  2.0269443840532852e-19,
];
const I1E_SMALL_D = chebyshevDerivative(I1E_SMALL);
const I1E_LARGE_D = chebyshevDerivative(I1E_LARGE);

/**
 * Exponentially scaled modified Bessel function of order 1: I1e(x) = exp(-|x|)·I₁(x).
 *
 * Derivative: d/dx I1e(x) = I0e(x) - I1e(x)/x - sign(x)·I1e(x), = ½ at x = 0
 * (see `besselI1eDeriv`).
 * Method: Chebyshev expansions (our own mpmath fits) of I1e(x)/x on [0, 8] (relative accuracy
 * down to subnormal x) and of √x·I1e(x) in 16/x on [8, ∞).
 * Odd function. Edges: I1e(0) = 0, I1e(±Infinity) = ±0, NaN → NaN.
 */
export function besselI1e(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax <= 8) return x * chebyshev(I1E_SMALL, ax / 4 - 1);
  const v = chebyshev(I1E_LARGE, 16 / ax - 1) / Math.sqrt(ax);
  return x > 0 ? v : -v;
}

/**
 * d/dx I1e(x) = I0e(x) - I1e(x)/x - sign(x)·I1e(x), evaluated by differentiating the
 * Chebyshev series (the three terms cancel for large |x|). Even; besselI1eDeriv(0) = ½.
 */
export function besselI1eDeriv(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax <= 8) {
    const t = ax / 4 - 1;
    return chebyshev(I1E_SMALL, t) + 0.25 * ax * chebyshev(I1E_SMALL_D, t);
  }
  const t = 16 / ax - 1;
  const s = Math.sqrt(ax);
  return (
    (-16 / (ax * ax)) * (chebyshev(I1E_LARGE_D, t) / s) - chebyshev(I1E_LARGE, t) / (2 * ax * s)
  );
}
