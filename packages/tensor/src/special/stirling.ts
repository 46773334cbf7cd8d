/**
 * Stirling-series remainder  corr(x) = log Γ(x) - [(x-½) log x - x + ½ log 2π]
 *   = Σ_{k=1}^{8} B_{2k} / (2k(2k-1) x^{2k-1})   (Abramowitz & Stegun 6.1.40),
 * truncation error < 2e-18 for x ≥ 10. Internal helper shared by lgamma, betaln and the
 * incomplete-gamma prefactor. Requires x ≥ 10.
 */
export function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 *
            (1 / 1260 +
              r2 *
                (-1 / 1680 +
                  r2 *
                    (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400))))))))
  );
}
