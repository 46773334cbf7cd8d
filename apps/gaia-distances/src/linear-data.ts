/**
 * The straight line with outliers of seed 004, example 1 (data/linear_outliers.json, see
 * data/README.md for its provenance).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The bundled data set. */
export const BUNDLED_LINEAR = fileURLToPath(
  new URL("../data/linear_outliers.json", import.meta.url),
);

/** x, y ± yerr (15 points in the bundled file); `outlier` marks the points drawn as outliers. */
export interface LineData {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly yerr: Float64Array;
  readonly outlier?: readonly boolean[];
}

function numbers(v: unknown, name: string, file: string): Float64Array {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "number" && Number.isFinite(x)))
    throw new Error(`${file}: key "${name}" must be an array of finite numbers`);
  return Float64Array.from(v as number[]);
}

/**
 * Reads `{ x, y, yerr, outlier? }` from a JSON file. Throws an Error naming the file and
 * the key for a missing or non-numeric array, unequal lengths or a non-positive yerr.
 */
export function loadLine(file: string = BUNDLED_LINEAR): LineData {
  const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const x = numbers(json.x, "x", file);
  const y = numbers(json.y, "y", file);
  const yerr = numbers(json.yerr, "yerr", file);
  if (y.length !== x.length || yerr.length !== x.length)
    throw new Error(`${file}: keys "x", "y", "yerr" must have the same length`);
  if (!yerr.every((e) => e > 0)) throw new Error(`${file}: key "yerr" must be positive`);
  const outlier = Array.isArray(json.outlier) ? (json.outlier as boolean[]) : undefined;
  return outlier ? { x, y, yerr, outlier } : { x, y, yerr };
}
