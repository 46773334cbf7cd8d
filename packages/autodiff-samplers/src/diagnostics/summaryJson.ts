import type { SummaryTable } from "./summary.js";

/**
 * JSON-friendly summary in pandas' `orient="split"` layout. Non-finite values
 * (NaN, ±Infinity), which JSON cannot represent, become `null`.
 */
export interface SummaryJson {
  /** Column names in order. */
  readonly columns: string[];
  /** Row labels (`mu`, `theta[0]`, …) in order. */
  readonly index: string[];
  /** `data[i][j]` is row `index[i]`, column `columns[j]`. */
  readonly data: (number | null)[][];
}

/** Converts a {@link SummaryTable} to {@link SummaryJson} (safe for `JSON.stringify`). */
export function summaryToJson(table: SummaryTable): SummaryJson {
  const index = Object.keys(table);
  const columns = index.length === 0 ? [] : Object.keys(table[index[0]]);
  const data = index.map((label) =>
    columns.map((column) => {
      const v = table[label][column];
      return v !== undefined && Number.isFinite(v) ? v : null;
    }),
  );
  return { columns, index, data };
}
