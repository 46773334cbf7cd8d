import { readFileSync } from "node:fs";
import { InferenceDataError } from "../inference-data/errors.js";
import type { CoordinateValues, Dataset, Variable } from "../inference-data/types.js";
import {
  CHAIN_COLUMN,
  DRAW_COLUMN,
  parseColumnName,
  statNameOfColumnBase,
} from "./column-names.js";
import { parseCsvNumber } from "./csv-number.js";

/** Result of {@link readDrawsCsv}. */
export type DrawsCsv = {
  /** Parameter columns, one variable per base name, dims `[chain, draw, <name>_dim_<i>...]`. */
  posterior: Dataset;
  /** Sampler columns (`...__`) under their ArviZ names; absent if there are none. */
  sampleStats?: Dataset;
};

/** Statistics restored with an integer or boolean type (CSV has no types). */
const INT_STATS = new Set(["tree_depth", "n_steps"]);
const BOOL_STATS = new Set(["diverging"]);

/**
 * Reads a draws CSV file written by {@link writeDrawsCsv} (or a CmdStan
 * output CSV: `#` comment lines are skipped, and without `chain__` all rows
 * are one chain).
 *
 * Rows must be grouped by chain, every chain with the same number of draws.
 * Columns are grouped by base name (`z.1`, `z.2` → `z`); the shape of each
 * variable is the largest index per position, and components may come in any
 * order. Dimension names are ArviZ's defaults `<name>_dim_<i>` since CSV does
 * not store them. Values are float64, except `diverging` (Uint8Array) and
 * `tree_depth`, `n_steps` (Int32Array) in the sample statistics. `chain` and
 * `draw` coordinates are taken from `chain__` / `draw__` when present.
 * Malformed content throws an {@link InferenceDataError} naming the line.
 */
export async function readDrawsCsv(path: string): Promise<DrawsCsv> {
  const lines = readFileSync(path, "utf8")
    .split(/\r?\n/)
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.length > 0 && !text.startsWith("#"));
  if (lines.length === 0) throw new InferenceDataError({ reason: `"${path}": no header row` });
  const header = lines[0].text.split(",");
  const rows = lines.slice(1).map(({ text, line }) => {
    const cells = text.split(",");
    if (cells.length !== header.length) {
      throw new InferenceDataError({
        reason: `"${path}" line ${line}: ${cells.length} cells but the header has ${header.length}`,
      });
    }
    return cells.map((cell, col) => {
      const x = parseCsvNumber(cell);
      if (x === undefined) {
        throw new InferenceDataError({
          reason: `"${path}" line ${line}, column "${header[col]}": not a number: ${JSON.stringify(cell)}`,
        });
      }
      return x;
    });
  });
  const chainCol = header.indexOf(CHAIN_COLUMN);
  const drawCol = header.indexOf(DRAW_COLUMN);
  const chainValues: number[] = [];
  if (chainCol >= 0) {
    for (const row of rows) {
      if (chainValues.length === 0 || chainValues[chainValues.length - 1] !== row[chainCol]) {
        if (chainValues.includes(row[chainCol])) {
          throw new InferenceDataError({ reason: `"${path}": rows are not grouped by chain` });
        }
        chainValues.push(row[chainCol]);
      }
    }
  } else {
    chainValues.push(0);
  }
  const chains = chainValues.length;
  const draws = rows.length / chains;
  if (
    !Number.isInteger(draws) ||
    rows.some((row, i) => row[chainCol] !== chainValues[Math.floor(i / draws)] && chainCol >= 0)
  ) {
    throw new InferenceDataError({ reason: `"${path}": chains have different numbers of draws` });
  }
  const drawValues = rows.slice(0, draws).map((row, i) => (drawCol >= 0 ? row[drawCol] : i));

  const groups = new Map<string, { stat: boolean; columns: { col: number; index: number[] }[] }>();
  header.forEach((column, col) => {
    if (col === chainCol || col === drawCol) return;
    const parsed = parseColumnName(column);
    if (parsed === undefined) {
      throw new InferenceDataError({ reason: `"${path}": bad column name "${column}"` });
    }
    const stat = parsed.base.endsWith("__");
    const name = stat ? statNameOfColumnBase(parsed.base) : parsed.base;
    const key = `${stat ? "s" : "p"}:${name}`;
    const entry = groups.get(key) ?? { stat, columns: [] };
    entry.columns.push({ col, index: parsed.index });
    groups.set(key, entry);
  });

  const coords: Record<string, CoordinateValues> = {
    chain: coordinate(chainValues),
    draw: coordinate(drawValues),
  };
  const posterior: Dataset = { variables: {}, coords };
  const stats: Dataset = { variables: {}, coords: { ...coords } };
  for (const [key, { stat, columns }] of groups) {
    const name = key.slice(2);
    const variable = assemble(path, name, stat, columns, rows, chains, draws);
    (stat ? stats : posterior).variables[name] = variable;
  }
  const result: DrawsCsv = { posterior };
  if (Object.keys(stats.variables).length > 0) result.sampleStats = stats;
  return result;
}

function coordinate(values: number[]): CoordinateValues {
  return values.every((x) => Number.isInteger(x) && x >= -(2 ** 31) && x < 2 ** 31)
    ? Int32Array.from(values)
    : Float64Array.from(values);
}

function assemble(
  path: string,
  name: string,
  stat: boolean,
  columns: { col: number; index: number[] }[],
  rows: number[][],
  chains: number,
  draws: number,
): Variable {
  const rank = columns[0].index.length;
  if (columns.some((c) => c.index.length !== rank)) {
    throw new InferenceDataError({
      variable: name,
      reason: `"${path}": components with different numbers of indices`,
    });
  }
  const inner = Array.from({ length: rank }, (_, axis) =>
    Math.max(...columns.map((c) => c.index[axis] + 1)),
  );
  const components = inner.reduce((a, b) => a * b, 1);
  const offsets = columns.map(({ index }) =>
    index.reduce((offset, i, axis) => offset * inner[axis] + i, 0),
  );
  if (columns.length !== components || new Set(offsets).size !== components) {
    throw new InferenceDataError({
      variable: name,
      reason: `"${path}": ${columns.length} columns do not fill shape [${inner.join(", ")}]`,
    });
  }
  const size = rows.length * components;
  const data =
    stat && BOOL_STATS.has(name)
      ? new Uint8Array(size)
      : stat && INT_STATS.has(name)
        ? new Int32Array(size)
        : new Float64Array(size);
  rows.forEach((row, sample) => {
    columns.forEach(({ col }, j) => {
      data[sample * components + offsets[j]] = row[col];
    });
  });
  return {
    dims: ["chain", "draw", ...inner.map((_, axis) => `${name}_dim_${axis}`)],
    shape: [chains, draws, ...inner],
    data,
  };
}
