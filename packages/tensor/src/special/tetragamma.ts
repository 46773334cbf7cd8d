/**
 * Tetragamma ψ''(x) = d³/dx³ log Γ(x), the derivative of trigamma.
 *
 * - x > 0: the recurrence ψ''(x) = ψ''(x+1) - 2/x³ moves x above 20, where the
 *   asymptotic series (derivative of ψ'(x) ~ 1/x + 1/(2x²) + Σ B₂ₖ/x^(2k+1))
 *   ψ''(x) ≈ -1/x² - 1/x³ - 1/(2x⁴) + 1/(6x⁶) - 1/(6x⁸) + 3/(10x¹⁰) - 5/(6x¹²)
 *            + 691/(210x¹⁴) - 35/(2x¹⁶)
 *   is accurate to rounding.
 * - x < 0 (non-integer): reflection ψ''(x) = ψ''(1-x) - 2π³ cot(πx) / sin²(πx),
 *   from differentiating ψ(1-x) - ψ(x) = π cot(πx) twice.
 * - Poles at x = 0, -1, -2, …: NaN; NaN in, NaN out.
 */
export function tetragamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.NaN;
    const s = Math.sin(Math.PI * x);
    const c = Math.cos(Math.PI * x);
    return tetragamma(1 - x) - (2 * Math.PI ** 3 * c) / (s * s * s);
  }
  if (x === Number.POSITIVE_INFINITY) return -0;
  let acc = 0;
  while (x < 20) {
    acc -= 2 / (x * x * x);
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  const series =
    -r2 *
    (1 +
      r *
        (1 +
          r *
            (0.5 +
              r2 *
                (-1 / 6 +
                  r2 *
                    (1 / 6 + r2 * (-3 / 10 + r2 * (5 / 6 + r2 * (-691 / 210 + r2 * (35 / 2)))))))));
  return acc + series;
}
