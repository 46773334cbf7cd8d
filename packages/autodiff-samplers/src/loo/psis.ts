/**
 * Pareto smoothed importance sampling of one observation (Vehtari, Simpson, Gelman, Yao &
 * Gabry 2024, JMLR 25(72); the steps of R loo's `do_psis_i`, which ArviZ's `psislw` follows):
 *
 * 1. shift the log ratios so that their maximum is 0;
 * 2. the tail is the M largest of the S ratios, M = ⌈min(0.2·S, 3·√(S/r_eff))⌉; with M ≥ 5
 *    (and a tail that is not constant) fit a generalized Pareto to the tail's exceedances
 *    over the largest non-tail ratio (`gpdFit`, whose k is k̂), and replace the tail by the
 *    fitted quantiles at (j − ½)/M, j = 1..M, in the original order of the tail draws;
 * 3. truncate at the largest raw ratio (0 after the shift), and normalise.
 *
 * k̂ is +∞ when the tail is too short or constant, or the fit fails (loo's convention).
 */
import { gpdFit, gpdQuantile } from "./gpdFit.js";
import { logSumExp } from "./logLik.js";

/** M = ⌈min(0.2·S, 3·√(S/r_eff))⌉, the number of tail draws (loo's `n_pareto`). */
export function psisTailLength(s: number, rEff: number): number {
  return Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s / rEff)));
}

/**
 * Smoothed, normalised log weights of one observation's log importance ratios (the input is
 * not changed) and the Pareto k̂ of their tail.
 */
export function psisSmooth(
  logRatios: Float64Array,
  rEff: number,
): { logWeights: Float64Array; paretoK: number } {
  const s = logRatios.length;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of logRatios) if (v > max) max = v;
  const lw = new Float64Array(s);
  for (let j = 0; j < s; j++) lw[j] = logRatios[j] - max;
  const tailLength = psisTailLength(s, rEff);
  let paretoK = Number.POSITIVE_INFINITY;
  if (tailLength >= 5 && tailLength < s) {
    const order = Array.from({ length: s }, (_, j) => j).sort((a, b) => lw[a] - lw[b]); // stable
    const first = s - tailLength;
    const tailMin = lw[order[first]];
    const tailMax = lw[order[s - 1]];
    if (Math.abs(tailMax - tailMin) >= Number.EPSILON / 100) {
      const cutoff = lw[order[first - 1]];
      const expCutoff = Math.exp(cutoff);
      const exceed = new Float64Array(tailLength);
      for (let j = 0; j < tailLength; j++) exceed[j] = Math.exp(lw[order[first + j]]) - expCutoff;
      const { k, sigma } = gpdFit(exceed);
      paretoK = k;
      if (Number.isFinite(k))
        for (let j = 0; j < tailLength; j++) {
          const q = gpdQuantile((j + 1 - 0.5) / tailLength, k, sigma) + expCutoff;
          lw[order[first + j]] = Math.log(q);
        }
    }
  }
  for (let j = 0; j < s; j++) if (lw[j] > 0) lw[j] = 0;
  const norm = logSumExp(lw);
  for (let j = 0; j < s; j++) lw[j] -= norm;
  return { logWeights: lw, paretoK };
}
