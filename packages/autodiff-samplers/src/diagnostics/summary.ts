import { componentLabels } from "./componentLabels.js";
import { DiagnosticsError } from "./errors.js";
import { essBulk, essTail } from "./ess.js";
import { hdi } from "./hdi.js";
import { mcseMean, mcseSd } from "./mcse.js";
import { mean, variance } from "./moments.js";
import { rhat } from "./rhat.js";

/**
 * Draws of one posterior variable: `draws` row-major with
 * `shape = [chain, draw, ...componentDims]`.
 */
export interface PosteriorVariable {
  /** Row-major values, length = product of `shape`. */
  readonly draws: Float64Array;
  /** `[nChains, nDraws, ...componentDims]`. */
  readonly shape: readonly number[];
}

/** Posterior draws keyed by variable name (insertion order is kept in the table). */
export type Posterior = Readonly<Record<string, PosteriorVariable>>;

/** Which column group `summary` computes, as ArviZ's `kind`. */
export type SummaryKind = "all" | "stats" | "diagnostics";

/** Options of {@link summary}. */
export interface SummaryOptions {
  /** Probability mass of the HDI columns (default 0.94 → `hdi_3%`, `hdi_97%`). */
  readonly hdiProb?: number;
  /** Column group (default `"all"`). */
  readonly kind?: SummaryKind;
  /** If given, round every value to this many decimals (half-to-even, as NumPy). */
  readonly roundTo?: number;
}

/** One table row: column name → value (NaN where undefined), in column order. */
export type SummaryRow = Readonly<Record<string, number>>;

/** Summary table: component label (`mu`, `theta[0]`, `L[1, 2]`) → row, in row order. */
export type SummaryTable = Readonly<Record<string, SummaryRow>>;

/** `%g`-style percentage label used by ArviZ for the HDI columns. */
function percentLabel(x: number): string {
  return `${Number(x.toPrecision(6))}`;
}

/**
 * Column names of {@link summary} for a given HDI probability and kind, in
 * ArviZ's order: `mean sd hdi_a% hdi_b%` (stats) then
 * `mcse_mean mcse_sd ess_bulk ess_tail r_hat` (diagnostics).
 */
export function summaryColumns(hdiProb = 0.94, kind: SummaryKind = "all"): string[] {
  const alpha = 1 - hdiProb;
  const stats = [
    "mean",
    "sd",
    `hdi_${percentLabel((100 * alpha) / 2)}%`,
    `hdi_${percentLabel(100 * (1 - alpha / 2))}%`,
  ];
  const diagnostics = ["mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"];
  if (kind === "stats") return stats;
  if (kind === "diagnostics") return diagnostics;
  return [...stats, ...diagnostics];
}

/** NumPy-style `round(x, decimals)`: scale, round half to even, unscale. */
function roundHalfEven(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const scale = 10 ** decimals;
  const y = x * scale;
  let r = Math.round(y);
  if (Math.abs(y % 1) === 0.5 && r % 2 !== 0) r -= 1;
  return r / scale;
}

function checkShape(name: string, variable: PosteriorVariable): void {
  const { shape, draws } = variable;
  if (shape.length < 2) {
    throw new DiagnosticsError(
      `variable "${name}": shape must be [chain, draw, ...], got [${shape.join(", ")}]`,
    );
  }
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new DiagnosticsError(`variable "${name}": invalid shape [${shape.join(", ")}]`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== draws.length) {
    throw new DiagnosticsError(
      `variable "${name}": shape [${shape.join(", ")}] needs ${size} values, got ${draws.length}`,
    );
  }
}

/**
 * ArviZ-style posterior summary (`az.summary`): one row per scalar component,
 * columns as {@link summaryColumns}. `mean`/`sd` (ddof = 1)/HDI pool all
 * chains; `mcse_mean`, `mcse_sd`, `ess_bulk`, `ess_tail`, `r_hat` are
 * {@link mcseMean}, {@link mcseSd}, {@link essBulk}, {@link essTail},
 * {@link rhat}. Throws {@link DiagnosticsError} on a malformed shape or, when
 * diagnostics are requested, fewer than 4 draws per chain.
 */
export function summary(posterior: Posterior, options: SummaryOptions = {}): SummaryTable {
  const hdiProb = options.hdiProb ?? 0.94;
  const kind = options.kind ?? "all";
  const roundTo = options.roundTo;
  if (roundTo !== undefined && !(Number.isInteger(roundTo) && roundTo >= 0)) {
    throw new DiagnosticsError(`roundTo must be a non-negative integer, got ${roundTo}`);
  }
  const columns = summaryColumns(hdiProb, kind);
  const withStats = kind !== "diagnostics";
  const withDiagnostics = kind !== "stats";
  const table: Record<string, SummaryRow> = {};

  for (const [name, variable] of Object.entries(posterior)) {
    checkShape(name, variable);
    const [nChains, nDraws, ...componentDims] = variable.shape;
    const labels = componentLabels(name, componentDims);
    const k = labels.length;
    labels.forEach((label, c) => {
      // gather component c into a chain-major [chain][draw] array
      const x = new Float64Array(nChains * nDraws);
      for (let i = 0; i < x.length; i++) x[i] = variable.draws[i * k + c];
      const values: number[] = [];
      if (withStats) {
        const [lo, hi] = hdi(x, hdiProb);
        values.push(mean(x), Math.sqrt(variance(x, 1)), lo, hi);
      }
      if (withDiagnostics) {
        values.push(
          mcseMean(x, nChains),
          mcseSd(x, nChains),
          essBulk(x, nChains),
          essTail(x, nChains),
          rhat(x, nChains),
        );
      }
      const row: Record<string, number> = {};
      columns.forEach((column, i) => {
        row[column] = roundTo === undefined ? values[i] : roundHalfEven(values[i], roundTo);
      });
      table[label] = row;
    });
  }
  return table;
}
