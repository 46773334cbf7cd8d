/**
 * Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari & Gelman 2018,
 * arXiv:1804.06788). Replication r: draw (θ, y) from the prior and the likelihood with key
 * `foldIn(key(seed), r)`, run one NUTS chain on y keeping L thinned draws, and record the rank
 * of the true θ among them, #{draws < θ} ∈ {0, …, L}. With a correct sampler the ranks are
 * uniform on {0, …, L}; they are grouped into B equal bins and tested with Pearson's
 * chi-square (B − 1 degrees of freedom).
 */
import { mcmc } from "@sidereal/autodiff-samplers";
import { foldIn, key } from "@sidereal/distributions";
import { scalarSpecial } from "@sidereal/tensor";
import type { SbcModel } from "./models.ts";

/** Sampler settings of one replication. */
export interface SbcSettings {
  readonly seed: number;
  readonly numWarmup: number;
  /** L: kept draws per replication (ranks take L + 1 values). */
  readonly numDraws: number;
  readonly thinning: number;
}

/** Ranks of one replication by quantity label, and its divergences. */
export interface SbcReplication {
  readonly ranks: Record<string, number>;
  readonly divergences: number;
}

/** Runs replication `r` of `m` (see the module doc). */
export function sbcReplication(m: SbcModel, r: number, s: SbcSettings): SbcReplication {
  const k = foldIn(key(s.seed), r);
  const { truth, data } = m.simulate(foldIn(k, 0));
  const res = mcmc(m.model, data, {
    numWarmup: s.numWarmup,
    numSamples: s.numDraws,
    thinning: s.thinning,
    numChains: 1,
    seed: (s.seed * 100003 + r) % 2147483647,
  });
  const ranks: Record<string, number> = {};
  for (const [label, site, index] of m.quantities) {
    const sd = res.samples[site];
    const per = sd.draws.length / s.numDraws;
    let rank = 0;
    for (let i = 0; i < s.numDraws; i++) if (sd.draws[i * per + index] < truth[label]) rank++;
    ranks[label] = rank;
  }
  return { ranks, divergences: res.numDivergences };
}

/** Result of the uniformity test of one quantity. */
export interface UniformityTest {
  readonly chi2: number;
  readonly dof: number;
  readonly pValue: number;
  /** Counts per bin. */
  readonly counts: readonly number[];
}

/**
 * Pearson chi-square test of uniformity of ranks in {0, …, L}: `bins` must divide L + 1;
 * p = Q((bins − 1)/2, χ²/2) (regularised upper incomplete gamma).
 */
export function uniformityTest(
  ranks: readonly number[],
  numDraws: number,
  bins: number,
): UniformityTest {
  const width = (numDraws + 1) / bins;
  if (!Number.isInteger(width))
    throw new Error(`uniformityTest: ${bins} bins do not divide ${numDraws + 1} ranks`);
  const counts = new Array<number>(bins).fill(0);
  for (const r of ranks) counts[Math.min(bins - 1, Math.floor(r / width))]++;
  const expected = ranks.length / bins;
  let chi2 = 0;
  for (const c of counts) chi2 += (c - expected) ** 2 / expected;
  const dof = bins - 1;
  return { chi2, dof, pValue: scalarSpecial.gammaincCReg(dof / 2, chi2 / 2), counts };
}
