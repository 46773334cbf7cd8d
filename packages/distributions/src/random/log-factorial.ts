/** `log(k!)` for `k = 0..9` (correctly rounded values of the natural log of `k!`). */
const TABLE = [
  0,
  0,
  Math.LN2,
  1.791759469228055,
  3.1780538303479458,
  4.787491742782046,
  6.579251212010101,
  8.525161361065415,
  10.60460290274525,
  12.801827480081469,
];

/** `log(sqrt(2 pi))`. */
const HALF_LOG_2PI = 0.9189385332046727;

/**
 * `log(k!)` for a non-negative integer `k`: a table for `k < 10`, and above that the Stirling
 * series for `log Gamma(x)` at `x = k + 1 >= 11`,
 * `(x - 1/2) log x - x + log sqrt(2 pi) + 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7)
 * + 1/(1188x^9)`, whose truncation error is below 1e-14 relative there.
 */
export function logFactorial(k: number): number {
  if (k < 10) return TABLE[k]!;
  const x = k + 1;
  const r = 1 / x;
  const r2 = r * r;
  const series =
    r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188)))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
}
