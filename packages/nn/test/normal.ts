/** Test helpers: the standard normal CDF Φ (Abramowitz–Stegun 26.2.17, |error| < 7.5e-8) and
 * Φ⁻¹ by bisection — enough for the coverage tests' grids. */
export const phi = (x: number) => {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
  const p =
    d *
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - p : p;
};

export const probit = (p: number) => {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const m = (lo + hi) / 2;
    if (phi(m) < p) lo = m;
    else hi = m;
  }
  return (lo + hi) / 2;
};
