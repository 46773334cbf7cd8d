/**
 * Per-parameter recalibration of the SAN's marginal posteriors (Kuleshov, Fenner & Ermon 2018,
 * "Accurate uncertainties for deep learning using calibrated regression", ICML): on held-out
 * simulations disjoint from those that are evaluated, the PIT u = F(y) of each parameter (the
 * fraction of posterior samples below the truth) has an empirical CDF G; for a calibrated
 * model G is the identity. The recalibrated CDF is G∘F, so the recalibrated p-quantile is the
 * sample quantile at level G⁻¹(p) — the p-quantile of the fitted PITs. We store G⁻¹ on a grid
 * and use it to move the quantile levels of central intervals; the samples are unchanged.
 *
 * Why it exists (nn README, "Calibration"): trained by maximum likelihood, the small SAN's
 * redshift posteriors have cores too wide for the best-constrained rows (68 % coverage 0.87 in
 * the narrowest fifth, 0.69 in the widest), which neither wider blocks, more epochs, smaller
 * batches, other K, an exp scale nor a refit head removed.
 */
import { quantileSorted } from "./sample.js";

/**
 * The file `recalibrate` writes into a model folder; `trainSan` removes it when it saves new
 * weights, so a folder's recalibration always belongs to its model.
 */
export const RECALIBRATION_FILE = "recalibration.json";

/** Levels p = i / (PIT_GRID − 1) at which G⁻¹(p) is stored. */
export const PIT_GRID = 201;

export interface Recalibration {
  readonly format: "sidereal-san-recalibration/1";
  readonly columns: readonly string[];
  /** Per column, G⁻¹(p) at p = i / (PIT_GRID − 1): the p-quantiles of the fitted PITs. */
  readonly pitQuantiles: Readonly<Record<string, readonly number[]>>;
  /** The fit used the last `rows` rows of the model's held-out split. */
  readonly rows: number;
  readonly samples: number;
  readonly seed: number;
}

/** Fits G⁻¹ per column from PIT values (each in [0, 1]). */
export function fitRecalibration(
  columns: readonly string[],
  pit: readonly (readonly number[])[],
  meta: { rows: number; samples: number; seed: number },
): Recalibration {
  const pitQuantiles: Record<string, number[]> = {};
  columns.forEach((c, j) => {
    const sorted = Float64Array.from(pit[j] ?? []).sort();
    pitQuantiles[c] = Array.from({ length: PIT_GRID }, (_, i) =>
      sorted.length === 0 ? i / (PIT_GRID - 1) : quantileSorted(sorted, i / (PIT_GRID - 1)),
    );
  });
  return { format: "sidereal-san-recalibration/1", columns: [...columns], pitQuantiles, ...meta };
}

/** G⁻¹(p): the sample-quantile level that gives the recalibrated p-quantile (linear in p). */
export function recalibratedLevel(table: readonly number[], p: number): number {
  const h = Math.min(1, Math.max(0, p)) * (table.length - 1);
  const lo = Math.floor(h);
  const hi = Math.min(table.length - 1, lo + 1);
  const a = table[lo] ?? p;
  const b = table[hi] ?? p;
  return a + (h - lo) * (b - a);
}

/** G(u): the recalibrated PIT of a raw PIT u (the inverse of `recalibratedLevel`, by bisection on p). */
export function recalibratedPit(table: readonly number[], u: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40; i++) {
    const m = (lo + hi) / 2;
    if (recalibratedLevel(table, m) < u) lo = m;
    else hi = m;
  }
  return (lo + hi) / 2;
}

/** Quantile levels of the central 68 % and 95 % intervals of one column. */
export interface IntervalLevels {
  readonly lo68: number;
  readonly hi68: number;
  readonly lo95: number;
  readonly hi95: number;
}

/** Nominal levels: numpy-style central intervals at 0.16/0.84 and 0.025/0.975. */
export const NOMINAL_LEVELS: IntervalLevels = { lo68: 0.16, hi68: 0.84, lo95: 0.025, hi95: 0.975 };

/** The recalibrated interval levels of `column` (nominal where the table lacks it). */
export function intervalLevels(r: Recalibration | undefined, column: string): IntervalLevels {
  const table = r?.pitQuantiles[column];
  if (table === undefined) return NOMINAL_LEVELS;
  return {
    lo68: recalibratedLevel(table, 0.16),
    hi68: recalibratedLevel(table, 0.84),
    lo95: recalibratedLevel(table, 0.025),
    hi95: recalibratedLevel(table, 0.975),
  };
}

/**
 * The held-out rows split in two: `fit` (the last `rows`, for a recalibration) and `evaluate`
 * (the rest, for calibration), so no row both fits and judges a recalibration.
 */
export function recalibrationRows(
  test: Uint32Array,
  rows: number,
): { fit: Uint32Array; evaluate: Uint32Array } {
  const n = Math.max(0, Math.min(rows, test.length));
  return { fit: test.slice(test.length - n), evaluate: test.slice(0, test.length - n) };
}
