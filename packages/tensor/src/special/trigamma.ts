import { PI_SQUARED } from "./constants.js";
import { sinPi } from "./trigPi.js";

/**
 * Trigamma function ψ₁(x) = d²/dx² log Γ(x)  (the derivative of `digamma`), ψ₁(x) = Σ_k 1/(x+k)².
 *
 * Identities: ψ₁(x+1) = ψ₁(x) - 1/x²;  ψ₁(1-x) + ψ₁(x) = π²/sin²(πx).
 * Branches: x ≥ 10 asymptotic series 1/x + 1/(2x²) + Σ B_{2k}/x^{2k+1} (8 terms);
 * 0 < x < 10 upward recurrence (all terms positive, no cancellation); x < 0 reflection.
 * Edges: trigamma(0) = trigamma(-n) = +Infinity, trigamma(+Infinity) = 0, NaN → NaN.
 */
export function trigamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
    const s = sinPi(x);
    return PI_SQUARED / (s * s) - trigamma(1 - x);
  }
  let acc = 0;
  while (x < 10) {
    acc += 1 / (x * x);
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  const series =
    r2 *
    r *
    (1 / 6 +
      r2 *
        (-1 / 30 +
          r2 *
            (1 / 42 +
              r2 *
                (-1 / 30 +
                  r2 * (5 / 66 + r2 * (-691 / 2730 + r2 * (7 / 6 + r2 * (-3617 / 510))))))));
  return acc + r + 0.5 * r2 + series;
}
