import type { NutsSampleStat } from "../inference-data/sample-stats.js";

/**
 * CmdStan-style column naming for draws CSV files.
 *
 * CmdStan names one column per scalar component: `theta` for a scalar,
 * `z.1`, `z.2` for a vector, `L.1.2` for a matrix entry (1-based indices
 * joined with "."), and sampler columns end in `__` (CmdStan User's Guide,
 * "MCMC Sampling output CSV file"). This package writes components in
 * row-major order (last index fastest, as the data are stored): the same as
 * CmdStan for arrays, but for matrices CmdStan lists column-major
 * (`L.1.1, L.2.1, L.1.2, ...`). Readers that parse indices from the names
 * (cmdstanpy, ArviZ `from_cmdstan`, {@link readDrawsCsv}) are unaffected.
 */

/** Column with the chain coordinate of each row. */
export const CHAIN_COLUMN = "chain__";

/** Column with the draw coordinate of each row. */
export const DRAW_COLUMN = "draw__";

/**
 * CmdStan sampler column of each ArviZ NUTS statistic, in CmdStan's column
 * order. Other statistics are written as `<name>__`.
 */
export const CMDSTAN_STAT_COLUMNS: ReadonlyMap<NutsSampleStat, string> = new Map([
  ["lp", "lp__"],
  ["acceptance_rate", "accept_stat__"],
  ["step_size", "stepsize__"],
  ["tree_depth", "treedepth__"],
  ["n_steps", "n_leapfrog__"],
  ["diverging", "divergent__"],
  ["energy", "energy__"],
]);

/** CmdStan base column name of a sample statistic (`lp` → `lp__`, `foo` → `foo__`). */
export function statColumnBase(stat: string): string {
  return CMDSTAN_STAT_COLUMNS.get(stat as NutsSampleStat) ?? `${stat}__`;
}

/** Inverse of {@link statColumnBase} (`accept_stat__` → `acceptance_rate`). */
export function statNameOfColumnBase(base: string): string {
  for (const [stat, column] of CMDSTAN_STAT_COLUMNS) if (column === base) return stat;
  return base.endsWith("__") ? base.slice(0, -2) : base;
}

/** Column name of one component: `name` for a scalar, else `name.i.j` (1-based). */
export function componentColumnName(base: string, index: readonly number[]): string {
  return index.length === 0 ? base : `${base}.${index.map((i) => i + 1).join(".")}`;
}

/** Splits a column name into its base and 0-based component index (`z.2.1` → `z`, [1, 0]). */
export function parseColumnName(column: string): { base: string; index: number[] } | undefined {
  const [base, ...parts] = column.split(".");
  const index = parts.map((p) => (/^[1-9][0-9]*$/.test(p) ? Number(p) - 1 : Number.NaN));
  if (base.length === 0 || index.some(Number.isNaN)) return undefined;
  return { base, index };
}
