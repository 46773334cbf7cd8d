/**
 * The delayed-τ star-formation history (FSPS sfh = 4): ψ(t) ∝ t·e^(−t/τ) for t in [0, tage],
 * normalised to 1 M☉ formed. The mass formed in each SSP-age bin is a closed form:
 * G(t) = ∫₀^t ψ = τ²[1 − (1 + x)e^(−x)], x = t/τ, written without cancellation for small x.
 */

/** G(t)/τ² = 1 − (1 + x)e^(−x), accurate for every x ≥ 0. */
export function delayedTauCumulative(x: number): number {
  if (x < 1e-3) return x * x * (0.5 - x * (1 / 3 - x / 8));
  return -Math.expm1(-x) - x * Math.exp(-x);
}

/**
 * Fraction of the mass formed whose age lies in each bin [edges[k], edges[k+1]) (Gyr), into
 * `out` (length edges.length − 1). Ages run back from tage: age a was formed at t = tage − a.
 * The fractions sum to 1 when the last edge is ≥ tage.
 */
export function delayedTauWeights(
  tage: number,
  tau: number,
  edges: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const total = delayedTauCumulative(tage / tau);
  const nb = edges.length - 1;
  for (let k = 0; k < nb; k++) {
    const a0 = Math.min(edges[k], tage);
    const a1 = Math.min(edges[k + 1], tage);
    // Ages a0..a1 correspond to formation times tage−a1..tage−a0.
    out[k] =
      a1 > a0
        ? (delayedTauCumulative((tage - a0) / tau) - delayedTauCumulative((tage - a1) / tau)) /
          total
        : 0;
  }
  return out;
}
