/**
 * The straight line with outliers of seed 004, example 1 (data/linear_outliers.json, see
 * data/README.md for its provenance).
 */
import { fileURLToPath } from "node:url";
import { type DataError, readJsonColumns } from "@sidereal/runtime";
import type { Effect } from "effect";

/** The bundled data set. */
export const BUNDLED_LINEAR = fileURLToPath(
  new URL("../data/linear_outliers.json", import.meta.url),
);

/** x, y ± yerr (15 points in the bundled file). */
export interface LineData {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly yerr: Float64Array;
}

/**
 * Reads `{ x, y, yerr }` (other keys ignored) from a JSON file: finite numbers, equal
 * lengths, at least one point, yerr > 0; a `DataError` names the file, column and row.
 */
export const loadLine = (file: string = BUNDLED_LINEAR): Effect.Effect<LineData, DataError> =>
  readJsonColumns(file, { x: {}, y: {}, yerr: { positive: true } });
