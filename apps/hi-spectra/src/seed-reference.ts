/**
 * The tutorial's posterior (seed 000 cell [46]: `az.summary(solution_0, kind="stats",
 * hdi_prob=0.68)`, BIC) and the acceptance comparison of a posterior with it: per cloud,
 * matched by nearest mean velocity, |mean − mean_seed| ≤ 3.5·√(sd² + sd_seed² + 0.0005²)
 * (a different noise draw moves each mean by about one posterior sd; 0.0005 is the printed
 * rounding).
 */
import type { CloudStats } from "@sidereal/hi-physics";

/** Cell [46] means and sds per cloud (the tutorial's cloud order: velocity 10.0, −5.0, 5.0). */
export const SEED_CELL_46 = {
  bic: -1320.5678665470405,
  velocity: { mean: [10.026, -4.999, 5.001], sd: [0.062, 0.001, 0.027] },
  fwhm2: { mean: [443.591, 5.277, 33.906], sd: [4.423, 0.013, 0.97] },
  TB_fwhm: { mean: [151.12, 17.151, 30.93], sd: [0.99, 1.377, 0.649] },
  tau_total: { mean: [0.038, 2.709, 0.112], sd: [0.007, 0.004, 0.003] },
  log10_NHI: { mean: [20.571, 20.178, 19.908], sd: [0.078, 0.227, 0.092] },
} as const;

export const COMPARED = ["velocity", "fwhm2", "TB_fwhm", "tau_total", "log10_NHI"] as const;

/** One compared quantity of one cloud. */
export interface SeedComparisonRow {
  readonly variable: string;
  readonly cloud: number;
  readonly seedCloud: number;
  readonly mean: number;
  readonly sd: number;
  readonly seedMean: number;
  readonly seedSd: number;
  readonly tolerance: number;
  readonly pass: boolean;
}

/** Index of the entry of `values` nearest to `x`. */
export const nearest = (values: readonly number[], x: number): number =>
  values.reduce((best, v, j) => (Math.abs(v - x) < Math.abs(values[best] - x) ? j : best), 0);

/** Compares per-cloud stats (perCloudSummary) with cell [46]. */
export function seedComparison(
  stats: Readonly<Record<string, readonly CloudStats[]>>,
): SeedComparisonRow[] {
  const velocity = stats.velocity ?? [];
  const rows: SeedComparisonRow[] = [];
  velocity.forEach((v, cloud) => {
    const seedCloud = nearest(SEED_CELL_46.velocity.mean, v.mean);
    for (const name of COMPARED) {
      const s = stats[name]?.[cloud];
      if (!s) continue;
      const ref = SEED_CELL_46[name];
      const tolerance = 3.5 * Math.sqrt(s.sd ** 2 + ref.sd[seedCloud] ** 2 + 0.0005 ** 2);
      rows.push({
        variable: name,
        cloud,
        seedCloud,
        mean: s.mean,
        sd: s.sd,
        seedMean: ref.mean[seedCloud],
        seedSd: ref.sd[seedCloud],
        tolerance,
        pass: Math.abs(s.mean - ref.mean[seedCloud]) <= tolerance,
      });
    }
  });
  return rows;
}
