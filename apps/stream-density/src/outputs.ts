/**
 * Output helpers of the model runs that are particular to this app: the summary table as
 * report rows, worst-case convergence numbers and percentiles of density draws. (Writing
 * files goes through `@sidereal/runtime`: `writeJson`, `writeText`, `writeFigures`.)
 */
import type { SummaryJson } from "@sidereal/autodiff-samplers";
import { quantiles, type ReportTable } from "@sidereal/plots";

/** An ArviZ summary (as JSON) as a report table. */
export function summaryTable(json: SummaryJson): ReportTable {
  return {
    columns: ["", ...json.columns],
    rows: json.index.map((name, i) => [name, ...json.data[i].map((v) => (v === null ? "NaN" : v))]),
  };
}

/**
 * Worst-case convergence numbers of an ArviZ-style summary (label → column → value):
 * the largest r_hat and the smallest ess_bulk / ess_tail (NaN when absent).
 */
export function convergence(table: Readonly<Record<string, Readonly<Record<string, number>>>>): {
  rHatMax: number;
  essBulkMin: number;
  essTailMin: number;
} {
  let rHatMax = Number.NaN;
  let essBulkMin = Number.NaN;
  let essTailMin = Number.NaN;
  const better = (cur: number, v: number | undefined, pickMax: boolean) =>
    v === undefined || !Number.isFinite(v)
      ? cur
      : Number.isNaN(cur)
        ? v
        : pickMax
          ? Math.max(cur, v)
          : Math.min(cur, v);
  for (const row of Object.values(table)) {
    rHatMax = better(rHatMax, row.r_hat, true);
    essBulkMin = better(essBulkMin, row.ess_bulk, false);
    essTailMin = better(essTailMin, row.ess_tail, false);
  }
  return { rHatMax, essBulkMin, essTailMin };
}

/** numpy-style percentile (linear interpolation) of each column of a [rows, cols] array. */
export function columnPercentiles(
  values: Float64Array,
  rows: number,
  cols: number,
  probs: readonly number[],
): Float64Array[] {
  const out = probs.map(() => new Float64Array(cols));
  const col = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) col[i] = values[i * cols + j];
    // numpy's default percentile (linear, type 7) of the column's finite values
    quantiles(col, probs).forEach((q, k) => {
      out[k][j] = q;
    });
  }
  return out;
}
