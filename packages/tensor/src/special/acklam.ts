/**
 * Initial guess for the standard normal quantile from P. J. Acklam's (2003) published rational
 * approximation (relative error < 1.15e-9), written in terms of log p so that it also works
 * for subnormal p. Only a starting point: callers refine with Newton/Halley steps. Internal.
 * Requires p ≤ 0.5 (returns x ≤ 0) and logP = log p.
 */
export function acklamLowerQuantile(p: number, logP: number): number {
  if (p < 0.02425) {
    const r = Math.sqrt(-2 * logP);
    return (
      (((((-0.007784894002430293 * r - 0.3223964580411365) * r - 2.400758277161838) * r -
        2.549732539343734) *
        r +
        4.374664141464968) *
        r +
        2.938163982698783) /
      ((((0.007784695709041462 * r + 0.3224671290700398) * r + 2.445134137142996) * r +
        3.754408661907416) *
        r +
        1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-39.69683028665376 * r + 220.9460984245205) * r - 275.9285104469687) * r +
      1.38357751867269e2) *
      r -
      30.66479806614716) *
      r +
      2.506628277459239) *
      q) /
    (((((-54.47609879822406 * r + 161.5858368580409) * r - 155.6989798598866) * r +
      66.80131188771972) *
      r -
      13.28068155288572) *
      r +
      1)
  );
}
