import { writeFileSync } from "node:fs";
import { writeFileAtomically } from "../inference-data/atomic-file.js";
import { InferenceDataError } from "../inference-data/errors.js";
import type { Dataset, Variable } from "../inference-data/types.js";
import { validateInferenceData } from "../inference-data/validate.js";
import {
  CHAIN_COLUMN,
  CMDSTAN_STAT_COLUMNS,
  componentColumnName,
  DRAW_COLUMN,
  statColumnBase,
} from "./column-names.js";
import { formatCsvNumber } from "./csv-number.js";

/** Options of {@link writeDrawsCsv}. */
export interface WriteDrawsCsvOptions {
  /** Sampler statistics (ArviZ names, e.g. `lp`, `diverging`), written before the parameters. */
  sampleStats?: Dataset;
}

/** One block of CSV columns: the scalar components of one variable. */
type ColumnBlock = { names: string[]; variable: Variable; components: number };

/**
 * Writes posterior draws as a CmdStan-style CSV file: a header row, then one
 * row per (chain, draw), chains in order and draws in order within a chain.
 *
 * Columns: `chain__`, `draw__` (the `chain` / `draw` coordinate values if
 * numeric `coords` are given, else the 0-based index as ArviZ's default
 * coordinates), then the sample statistics if given (`lp__`,
 * `accept_stat__`, `stepsize__`, `treedepth__`, `n_leapfrog__`,
 * `divergent__`, `energy__` in CmdStan's order, other statistics as
 * `<name>__`), then one column per scalar component of each posterior
 * variable in insertion order: `theta`, `z.1`, `z.2`, `L.1.1`, `L.1.2`, ...
 * (1-based, row-major; see {@link componentColumnName}). Numbers use
 * {@link formatCsvNumber} (shortest round-trip decimals; booleans as 0/1).
 *
 * Every variable must have `chain` and `draw` as its first two dimensions,
 * with the same lengths in both datasets; names must not contain `.`, `,`,
 * quotes or line breaks, and posterior names must not end in `__`. Violations
 * throw an {@link InferenceDataError} before anything is written. The file is
 * written to `<path>.tmp-<pid>-<random>` and renamed onto `path` when complete.
 */
export async function writeDrawsCsv(
  path: string,
  posterior: Dataset,
  options: WriteDrawsCsvOptions = {},
): Promise<void> {
  const { sampleStats } = options;
  validateInferenceData({ posterior, sample_stats: sampleStats });
  const [chains, draws] = checkChainDraw(posterior, sampleStats);
  const blocks: ColumnBlock[] = [];
  if (sampleStats !== undefined) {
    const known = [...CMDSTAN_STAT_COLUMNS.keys()].filter((s) => s in sampleStats.variables);
    const others = Object.keys(sampleStats.variables).filter((s) => !known.includes(s as never));
    for (const name of [...known, ...others]) {
      blocks.push(columnBlock("sample_stats", name, statColumnBase(name), sampleStats));
    }
  }
  for (const name of Object.keys(posterior.variables)) {
    if (name.endsWith("__")) {
      throw new InferenceDataError({
        group: "posterior",
        variable: name,
        reason: 'names ending in "__" are reserved for sampler columns',
      });
    }
    blocks.push(columnBlock("posterior", name, name, posterior));
  }
  const header = [CHAIN_COLUMN, DRAW_COLUMN, ...blocks.flatMap((b) => b.names)];
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) {
      throw new InferenceDataError({ reason: `duplicate CSV column "${column}"` });
    }
    seen.add(column);
  }
  const chainValues = coordinateCells(posterior, "chain", chains);
  const drawValues = coordinateCells(posterior, "draw", draws);
  const lines = [header.join(",")];
  for (let c = 0; c < chains; c++) {
    for (let d = 0; d < draws; d++) {
      const row = [chainValues[c], drawValues[d]];
      const sample = c * draws + d;
      for (const { variable, components } of blocks) {
        const data = variable.data;
        for (let k = 0; k < components; k++)
          row.push(formatCsvNumber(data[sample * components + k]));
      }
      lines.push(row.join(","));
    }
  }
  const text = `${lines.join("\n")}\n`;
  await writeFileAtomically(path, (tempPath) => writeFileSync(tempPath, text));
}

/** Checks the leading `chain`, `draw` dimensions; returns their lengths. */
function checkChainDraw(posterior: Dataset, sampleStats: Dataset | undefined): [number, number] {
  let lengths: [number, number] | undefined;
  const groups: [string, Dataset | undefined][] = [
    ["posterior", posterior],
    ["sample_stats", sampleStats],
  ];
  for (const [group, dataset] of groups) {
    for (const [variable, v] of Object.entries(dataset?.variables ?? {})) {
      if (v.dims[0] !== "chain" || v.dims[1] !== "draw") {
        throw new InferenceDataError({
          group,
          variable,
          reason: 'the first two dimensions must be "chain" and "draw"',
        });
      }
      const here: [number, number] = [v.shape[0], v.shape[1]];
      if (lengths === undefined) lengths = here;
      else if (lengths[0] !== here[0] || lengths[1] !== here[1]) {
        throw new InferenceDataError({
          group,
          variable,
          reason: `chain x draw is ${here.join(" x ")} but ${lengths.join(" x ")} elsewhere`,
        });
      }
    }
  }
  if (lengths === undefined) {
    throw new InferenceDataError({ group: "posterior", reason: "no variables to write" });
  }
  return lengths;
}

function columnBlock(group: string, name: string, base: string, dataset: Dataset): ColumnBlock {
  if (/[.,"'\r\n]/.test(name)) {
    throw new InferenceDataError({
      group,
      variable: name,
      reason: "CSV column names cannot contain '.', ',', quotes or line breaks",
    });
  }
  const variable = dataset.variables[name];
  const inner = variable.shape.slice(2);
  const components = inner.reduce((a, b) => a * b, 1);
  const names: string[] = [];
  const index = inner.map(() => 0);
  for (let k = 0; k < components; k++) {
    names.push(componentColumnName(base, index));
    for (let axis = inner.length - 1; axis >= 0; axis--) {
      index[axis] += 1;
      if (index[axis] < inner[axis]) break;
      index[axis] = 0;
    }
  }
  return { names, variable, components };
}

/** Cells of the chain__ / draw__ column: numeric coordinates, else 0-based indices. */
function coordinateCells(posterior: Dataset, dim: string, length: number): string[] {
  const coord = posterior.coords?.[dim];
  return Array.from({ length }, (_, i) =>
    coord !== undefined && !Array.isArray(coord) ? formatCsvNumber(coord[i]) : String(i),
  );
}
